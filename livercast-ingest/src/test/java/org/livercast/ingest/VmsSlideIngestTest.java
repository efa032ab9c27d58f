package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.discover.Export;
import org.livercast.ingest.discover.ExportScanner;
import org.livercast.ingest.discover.FileKind;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.vms.VmsSlide;
import org.livercast.pathology.write.VmsWriter;
import org.livercast.study.db.Database;

/**
 * A slide from a NanoZoomer of the VMS era arrives as a .vms and the JPEG files it names: found as one slide (its
 * images, map, macro and optimisation file are not files of their own), stored as a tiled TIFF of its levels without
 * the macro; a .vms whose files did not all come is named with the files that are missing.
 */
class VmsSlideIngestTest {
    @Test
    void aVmsSlideIsOneSlideStoredAsTiledTiffWithoutItsMacro(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path svs = Fixtures.svsSlides(export).get(0);
        String mrn = svs.getFileName().toString().replace("-HE1.svs", "");
        Path original = Files.copy(svs, tmp.resolve("original.svs"));
        Path vms = export.resolve("slides/" + mrn + "-HE1.vms");
        VmsWriter.Result written;
        try (TiffSlide s = TiffSlide.open(svs)) {
            written = VmsWriter.write(s, vms, VmsWriter.Options.defaults().withImagePixels(1024));
        }
        Files.delete(svs);

        Export found = ExportScanner.scan(export);
        assertThat(files(found)).filteredOn(f -> f.path().getFileName().toString().startsWith(mrn + "-HE1"))
                .as("the .vms is the slide; the files it names are its own").singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FileKind.SLIDE);
                    assertThat(f.sizeBytes()).isEqualTo(written.files().stream().mapToLong(VmsSlideIngestTest::size).sum());
                });

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        PatientOutcome p = report.patients().stream().filter(o -> o.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
        assertThat(p.summary().slides()).singleElement().satisfies(q -> assertThat(q.file()).isEqualTo("slides/" + mrn + "-HE1.vms"));
        List<Long> widths;
        try (VmsSlide v = VmsSlide.open(vms)) {
            widths = v.levels().stream().map(Level::width).toList();
        }
        assertThat(p.deidActions()).containsKey("slide Hamamatsu VMS label/macro images and scanner metadata not stored");
        Path stored = Fixtures.storedSlide(db, tmp.resolve("home"), p.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide o = TiffSlide.open(original)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(o.micronsPerPixel());
            assertThat(copy.levels()).extracting(Level::width).isEqualTo(widths);
            Level l = o.levels().get(0);
            RegionRequest middle = new RegionRequest(0, l.width() / 2 - 256, l.height() / 2 - 256, 512, 512);
            assertThat(copy.readRegion(middle).meanAbsoluteDifference(o.readRegion(middle))).isLessThan(6.0);
        }
    }

    @Test
    void aVmsWithoutAllItsFilesIsNamedWithTheMissingOnes(@TempDir Path tmp) throws Exception {
        Path export = Files.createDirectories(tmp.resolve("export/slides"));
        Path svs = Fixtures.svsSlides(Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("source")))).get(0);
        Path vms = export.resolve("P1-HE1.vms");
        try (TiffSlide s = TiffSlide.open(svs)) {
            VmsWriter.write(s, vms, VmsWriter.Options.defaults().withImagePixels(1024));
        }
        Files.delete(export.resolve("P1-HE1_map2.jpg"));
        Export found = ExportScanner.scan(tmp.resolve("export"));
        assertThat(files(found)).filteredOn(f -> f.path().equals(vms)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FileKind.OTHER);
            assertThat(f.note()).contains("Hamamatsu VMS").contains("P1-HE1_map2.jpg");
        });
        assertThat(files(found)).as("its images are still its, not files of their own").noneMatch(f -> f.path().getFileName().toString().endsWith(".jpg"));
    }

    private static List<org.livercast.ingest.discover.ExportFile> files(Export e) {
        List<org.livercast.ingest.discover.ExportFile> all = new java.util.ArrayList<>(e.unlinked());
        e.byPatient().values().forEach(all::addAll);
        return all;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
