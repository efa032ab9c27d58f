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
import org.livercast.pathology.write.VentanaBifWriter;
import org.livercast.study.db.Database;

/**
 * A slide scanned on a Roche Ventana scanner arrives as BIF: it passes QC and is stored as a tiled TIFF of its levels
 * (its overlapping tiles placed as the stitcher said, coded again), without the glass's photograph (the Label Image,
 * with the patient's label on it) and without the scanner's XML.
 */
class VentanaSlideIngestTest {
    @Test
    void aBifSlideIsStoredAsTiledTiffWithoutItsLabelImage(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path svs = Fixtures.svsSlides(export).get(0);
        String mrn = svs.getFileName().toString().replace("-HE1.svs", "");
        String surname = Fixtures.patientName(export, mrn).split("\\^")[0];
        Path original = Files.copy(svs, tmp.resolve("original.svs"));
        Path bif = export.resolve("slides/" + mrn + "-HE1.bif");
        try (TiffSlide s = TiffSlide.open(svs)) {
            VentanaBifWriter.write(s, bif, VentanaBifWriter.Options.defaults().withTiles(256, 16));
        }
        Files.delete(svs);

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        PatientOutcome p = report.patients().stream().filter(o -> o.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
        assertThat(p.summary().slides()).singleElement().satisfies(q -> assertThat(q.file()).isEqualTo("slides/" + mrn + "-HE1.bif"));
        List<Long> widths;
        try (var m = org.livercast.pathology.dicom.Slides.open(bif)) {
            widths = m.levels().stream().map(Level::width).toList();
        }
        assertThat(p.deidActions()).containsEntry("slide Ventana BIF stored as tiled TIFF (0 levels' tiles copied, " + widths.size() + " coded again)", 1)
                .containsEntry("slide Ventana BIF label/macro images and scanner metadata not stored", 2);

        Path stored = Fixtures.storedSlide(db, tmp.resolve("home"), p.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide o = TiffSlide.open(original)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(o.micronsPerPixel());
            assertThat(copy.levels()).extracting(Level::width).isEqualTo(widths);
            Level l = o.levels().get(0);
            RegionRequest middle = new RegionRequest(0, l.width() / 2 - 256, l.height() / 2 - 256, 512, 512);
            assertThat(copy.readRegion(middle).meanAbsoluteDifference(o.readRegion(middle))).as("two JPEG generations from the SVS (the scanner's and the store's, both at 0.9)").isLessThan(6.0);
        }
        String bytes = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of(mrn, surname, "iScan", "EncodeInfo")) {
            assertThat(bytes).as("stored slide holds '" + identifier + "'").doesNotContain(identifier);
        }
    }
}
