package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.pathology.dicom.DicomSlideWriter;
import org.livercast.pathology.dicom.WsiMetadata;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.study.db.Database;

/**
 * Slides exported from a digital-pathology PACS as DICOM whole-slide images — one folder named by the patient's
 * hospital number, one by a UID — are linked by Patient ID, pass QC and are stored as tiled TIFF: the scanner's own
 * JPEG tiles unchanged, the label and overview (the glass's photograph, barcode and handwriting) not stored, and no
 * name, hospital number or slide barcode left in the stored file.
 */
class DicomSlideIngestTest {
    @Test
    void dicomWholeSlideImagesAreStoredAsTheirOwnTilesWithoutLabelOrIdentifiers(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        List<Path> svs = Fixtures.svsSlides(export).subList(0, 2);
        String mrnA = svs.get(0).getFileName().toString().replace("-HE1.svs", "");
        String mrnB = svs.get(1).getFileName().toString().replace("-HE1.svs", "");
        String nameA = Fixtures.patientName(export, mrnA);
        Path originalA = Files.copy(svs.get(0), tmp.resolve("original-A.svs"));
        int instancesA;
        try (TiffSlide a = TiffSlide.open(svs.get(0)); TiffSlide b = TiffSlide.open(svs.get(1))) {
            instancesA = a.levels().size() + 2;                                    // the levels, the label and the overview
            DicomSlideWriter.write(a, new WsiMetadata(nameA, mrnA, null, "M", "A-7731", LocalDateTime.of(2026, 3, 2, 10, 0), "S26-0042 A1",
                    "S26-0042-A", "Scanner Co", "SlideScan 9", "H&E", "slide-a"), export.resolve("slides/" + mrnA + "-HE1"));
            DicomSlideWriter.write(b, new WsiMetadata(Fixtures.patientName(export, mrnB), mrnB, null, "F", "", LocalDateTime.of(2026, 3, 3, 10, 0),
                    "S26-0099 B2", "S26-0099-B", "Scanner Co", "SlideScan 9", "H&E", "slide-b"), export.resolve("slides/2.25.7781"));
        }
        for (Path p : svs) Files.delete(p);

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        PatientOutcome a = outcome(report, mrnA);
        PatientOutcome b = outcome(report, mrnB);
        assertThat(a.summary().slides()).singleElement().satisfies(q -> assertThat(q.file()).isEqualTo("slides/" + mrnA + "-HE1/"));
        assertThat(a.deidActions()).containsEntry("slide DICOM whole-slide image stored as tiled TIFF (" + instancesA + " instances; " + (instancesA - 2)
                        + " levels' frames copied, 0 coded again)", 1)
                .containsEntry("slide DICOM slide label/overview images not stored", 2);

        assertThat(slideId(db, a.pseudonym())).isEqualTo(a.pseudonym() + "-HE1");
        assertThat(slideId(db, b.pseudonym())).as("a folder without the hospital number names no slide").isEqualTo(b.pseudonym() + "-WSI1");

        Path stored = Fixtures.storedSlide(db, tmp.resolve("home"), a.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide original = TiffSlide.open(originalA)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(original.micronsPerPixel());
            assertThat(copy.levels()).hasSameSizeAs(original.levels());
            for (Level l : original.levels()) {
                for (int[] t : new int[][] {{0, 0}, {l.tilesAcross() - 1, l.tilesDown() - 1}, {l.tilesAcross() / 2, l.tilesDown() / 2}}) {
                    assertThat(copy.readTile(l.index(), t[0], t[1]).pixels()).as("level %d tile %d,%d", l.index(), t[0], t[1])
                            .isEqualTo(original.readTile(l.index(), t[0], t[1]).pixels());
                }
            }
        }
        String bytes = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of(mrnA, nameA, nameA.split("\\^")[0], "S26-0042", "A-7731")) {
            assertThat(bytes).as("stored slide holds '" + identifier + "'").doesNotContain(identifier);
        }
    }

    private static PatientOutcome outcome(IngestReport r, String mrn) {
        return r.patients().stream().filter(p -> p.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
    }

    private static String slideId(Database db, String pseudonym) {
        return db.jdbi().withHandle(h -> h.createQuery("select s.slide_id from slide s join patient p on p.pk = s.patient_pk where p.patient_id = :p")
                .bind("p", pseudonym).mapTo(String.class).one());
    }
}
