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
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.MiraxWriter;
import org.livercast.study.db.Database;

/**
 * A slide scanned on a 3DHISTECH scanner arrives as MIRAX — a .mrxs file and a folder of its images: it is found as one
 * slide (the folder's files are not listed as files of their own), passes QC and is stored as a tiled TIFF of its
 * levels, without its label, macro and preview and without the slide name and barcode the operator gave (the pathology
 * number and the patient's surname).
 */
class MiraxSlideIngestTest {
    @Test
    void aMiraxSlideIsStoredAsTiledTiffWithoutLabelNameOrBarcode(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path svs = Fixtures.svsSlides(export).get(0);
        String mrn = svs.getFileName().toString().replace("-HE1.svs", "");
        String surname = Fixtures.patientName(export, mrn).split("\\^")[0];
        Path original = Files.copy(svs, tmp.resolve("original.svs"));
        Path mrxs = export.resolve("slides/" + mrn + "-HE1.mrxs");
        try (TiffSlide s = TiffSlide.open(svs)) {
            MiraxWriter.write(s, mrxs, MiraxWriter.Options.defaults().withIdentifiers("S26-0117 " + surname, "S26-0117"));
        }
        Files.delete(svs);

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        assertThat(report.unlinkedFiles()).as("the slide's folder is the slide's").noneSatisfy(f -> assertThat(f.file()).contains(mrn + "-HE1/"));
        PatientOutcome p = report.patients().stream().filter(o -> o.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
        assertThat(p.summary().slides()).singleElement().satisfies(q -> assertThat(q.file()).isEqualTo("slides/" + mrn + "-HE1.mrxs"));
        List<Long> widths;
        try (MiraxSlide m = MiraxSlide.open(mrxs)) {
            widths = m.levels().stream().map(Level::width).toList();
        }
        assertThat(p.deidActions()).containsEntry("slide 3DHISTECH MIRAX stored as tiled TIFF (0 levels' tiles copied, " + widths.size() + " coded again)", 1)
                .containsEntry("slide 3DHISTECH MIRAX label/macro images and scanner metadata not stored", 3);

        Path stored = Fixtures.storedSlide(db, tmp.resolve("home"), p.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide o = TiffSlide.open(original)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(o.micronsPerPixel());
            assertThat(copy.levels()).extracting(Level::width).isEqualTo(widths);
            Level l = o.levels().get(0);
            RegionRequest middle = new RegionRequest(0, l.width() / 2 - 256, l.height() / 2 - 256, 512, 512);
            assertThat(copy.readRegion(middle).meanAbsoluteDifference(o.readRegion(middle))).as("two JPEG generations from the SVS (the scanner's at 0.85, the store's at 0.9)").isLessThan(6.0);
        }
        String bytes = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of(mrn, surname, "S26-0117")) {
            assertThat(bytes).as("stored slide holds '" + identifier + "'").doesNotContain(identifier);
        }
    }
}
