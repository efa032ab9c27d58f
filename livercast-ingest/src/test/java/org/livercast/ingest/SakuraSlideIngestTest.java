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
import org.livercast.pathology.write.SakuraWriter;
import org.livercast.study.db.Database;

/**
 * A slide from a Sakura VisionTek scanner arrives as an .svslide (an SQLite database): found as a slide by its name and
 * content, stored as a tiled TIFF of its levels without the label, the overview and the slide id and description the
 * operator typed (the pathology number and the patient's surname).
 */
class SakuraSlideIngestTest {
    @Test
    void aSakuraSlideIsStoredAsTiledTiffWithoutLabelOrTheOperatorsText(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path svs = Fixtures.svsSlides(export).get(0);
        String mrn = svs.getFileName().toString().replace("-HE1.svs", "");
        String surname = Fixtures.patientName(export, mrn).split("\\^")[0];
        Path original = Files.copy(svs, tmp.resolve("original.svs"));
        Path db = export.resolve("slides/" + mrn + "-HE1.svslide");
        try (TiffSlide s = TiffSlide.open(svs)) {
            SakuraWriter.write(s, db, SakuraWriter.Options.defaults().withIdentifiers("S26-0117", "S26-0117 " + surname));
        }
        Files.delete(svs);

        Database store = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(store, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        PatientOutcome p = report.patients().stream().filter(o -> o.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
        assertThat(p.summary().slides()).singleElement().satisfies(q -> assertThat(q.file()).isEqualTo("slides/" + mrn + "-HE1.svslide"));
        assertThat(p.deidActions()).containsEntry("slide Sakura SVSlide label/macro images and scanner metadata not stored", 3);
        Path stored = Fixtures.storedSlide(store, tmp.resolve("home"), p.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide o = TiffSlide.open(original)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(o.micronsPerPixel());
            assertThat(copy.levels()).extracting(Level::width).isEqualTo(o.levels().stream().map(Level::width).toList());
            Level l = o.levels().get(0);
            RegionRequest middle = new RegionRequest(0, l.width() / 2 - 256, l.height() / 2 - 256, 512, 512);
            assertThat(copy.readRegion(middle).meanAbsoluteDifference(o.readRegion(middle))).isLessThan(6.0);
        }
        String bytes = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of(mrn, surname, "S26-0117")) {
            assertThat(bytes).as("stored slide holds '" + identifier + "'").doesNotContain(identifier);
        }
    }
}
