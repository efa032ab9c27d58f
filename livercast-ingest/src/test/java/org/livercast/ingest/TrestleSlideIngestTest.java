package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.TrestleWriter;
import org.livercast.study.db.Database;

/**
 * A slide from a Trestle (MedScan) scanner arrives as NAME.tif with the glass's photograph beside it as NAME.Full: one
 * slide (the .Full is not a file of its own), read with its overlapping tiles placed, stored as a tiled TIFF of its
 * levels without the photograph.
 */
class TrestleSlideIngestTest {
    @Test
    void aTrestleSlideIsOneSlideStoredWithoutItsMacro(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path svs = Fixtures.svsSlides(export).get(0);
        String mrn = svs.getFileName().toString().replace("-HE1.svs", "");
        Path original = Files.copy(svs, tmp.resolve("original.svs"));
        Path tif = export.resolve("slides/" + mrn + "-HE1.tif");
        try (TiffSlide s = TiffSlide.open(svs)) {
            assertThat(TrestleWriter.write(s, tif, TrestleWriter.Options.defaults())).as("the TIFF and its .Full").hasSize(2);
        }
        Files.delete(svs);

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        assertThat(report.unlinkedFiles()).as("the .Full is the slide's").noneSatisfy(f -> assertThat(f.file()).endsWith(".Full"));
        PatientOutcome p = report.patients().stream().filter(o -> o.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
        assertThat(p.summary().slides()).singleElement().satisfies(q -> assertThat(q.file()).isEqualTo("slides/" + mrn + "-HE1.tif"));
        assertThat(p.deidActions()).containsEntry("slide Trestle TIFF label/macro images and scanner metadata not stored", 1);
        Path stored = Fixtures.storedSlide(db, tmp.resolve("home"), p.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide o = TiffSlide.open(original)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(o.micronsPerPixel());
            Level l = o.levels().get(0);
            RegionRequest middle = new RegionRequest(0, l.width() / 2 - 256, l.height() / 2 - 256, 512, 512);
            assertThat(copy.readRegion(middle).meanAbsoluteDifference(o.readRegion(middle))).isLessThan(6.0);
        }
    }
}
