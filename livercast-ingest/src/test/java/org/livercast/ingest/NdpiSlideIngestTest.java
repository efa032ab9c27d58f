package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.NdpiWriter;
import org.livercast.study.db.Database;

/**
 * A slide scanned on a Hamamatsu NanoZoomer arrives as NDPI: it passes QC and is stored as a tiled TIFF of its own
 * levels (coded again: NDPI's tiles are one MCU row high), without its macro (the glass's photograph) and without the
 * scanner's reference — the pathology number and the patient's name typed at the scanner — in the stored file.
 */
class NdpiSlideIngestTest {
    @Test
    void anNdpiSlideIsStoredAsTiledTiffWithoutMacroOrReference(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path svs = Fixtures.svsSlides(export).get(0);
        String mrn = svs.getFileName().toString().replace("-HE1.svs", "");
        String surname = Fixtures.patientName(export, mrn).split("\\^")[0];
        String reference = "S26-0117 " + surname;
        Path original = Files.copy(svs, tmp.resolve("original.svs"));
        try (TiffSlide s = TiffSlide.open(svs)) {
            NdpiWriter.write(s, export.resolve("slides/" + mrn + "-HE1.ndpi"), NdpiWriter.Options.defaults().withReference(reference));
        }
        Files.delete(svs);

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        PatientOutcome p = report.patients().stream().filter(o -> o.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
        // The NDPI's levels as OpenSlide gives them: the SVS's, and the smallest at 1/2, 1/4 and 1/8 by the scaled DCT.
        List<Long> widths;
        try (var n = org.livercast.pathology.ndpi.NdpiSlide.open(export.resolve("slides/" + mrn + "-HE1.ndpi"))) {
            widths = n.levels().stream().map(Level::width).toList();
        }
        int levels = widths.size();
        assertThat(p.summary().slides()).singleElement().satisfies(q -> assertThat(q.file()).isEqualTo("slides/" + mrn + "-HE1.ndpi"));
        assertThat(p.deidActions()).containsEntry("slide Hamamatsu NDPI stored as tiled TIFF (0 levels' tiles copied, " + levels + " coded again)", 1)
                .containsEntry("slide Hamamatsu NDPI label/macro images and scanner metadata not stored", 1);
        String slideId = db.jdbi().withHandle(h -> h.createQuery("select s.slide_id from slide s join patient p on p.pk = s.patient_pk where p.patient_id = :p")
                .bind("p", p.pseudonym()).mapTo(String.class).one());
        assertThat(slideId).isEqualTo(p.pseudonym() + "-HE1");

        Path stored = Fixtures.storedSlide(db, tmp.resolve("home"), p.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide o = TiffSlide.open(original)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(o.micronsPerPixel());
            assertThat(copy.levels()).extracting(Level::width).isEqualTo(widths);
            assertThat(widths.subList(0, o.levels().size())).isEqualTo(o.levels().stream().map(Level::width).toList());
            assertThat(copy.levels().get(0).tileWidth()).as("NDPI's 8-row intervals become 256-pixel tiles").isEqualTo(256);
            assertThat(copy.levels()).allSatisfy(l -> assertThat(new int[] {l.tileWidth() % 16, l.tileHeight() % 16, l.tileHeight() > 1024 ? 1 : 0})
                    .as("TIFF tiles, multiples of 16").containsOnly(0));
            Level l = o.levels().get(0);
            RegionRequest middle = new RegionRequest(0, l.width() / 2 - 256, l.height() / 2 - 256, 512, 512);
            assertThat(copy.readRegion(middle).meanAbsoluteDifference(o.readRegion(middle))).as("two JPEG generations from the SVS").isLessThan(4.0);
        }
        String bytes = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of(mrn, surname, "S26-0117")) {
            assertThat(bytes).as("stored slide holds '" + identifier + "'").doesNotContain(identifier);
        }
    }
}
