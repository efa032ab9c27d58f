package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.PhilipsTiffWriter;
import org.livercast.study.db.Database;

/**
 * A Philips IntelliSite TIFF carries its label (the patient's name on the glass) as a base64 JPEG and its barcode as
 * base64 text inside the XML description, where scrubbing text would never find them. It is stored as a tiled TIFF of
 * its own levels — the scanner's JPEG tiles copied, no second loss — without the XML, label, macro or barcode.
 */
class PhilipsSlideIngestTest {
    @Test
    void aPhilipsTiffIsStoredWithoutItsXmlLabelOrBarcode(@TempDir Path tmp) throws Exception {
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        Path svs = Fixtures.svsSlides(export).get(0);
        String mrn = svs.getFileName().toString().replace("-HE1.svs", "");
        String surname = Fixtures.patientName(export, mrn).split("\\^")[0];
        String barcode = "S26-0311 " + surname;
        Path original = Files.copy(svs, tmp.resolve("original.svs"));
        Path philips = export.resolve("slides/" + mrn + "-HE1.tiff");
        try (TiffSlide s = TiffSlide.open(svs)) {
            PhilipsTiffWriter.write(s, philips, barcode, 0.9f);
        }
        Files.delete(svs);
        String written = new String(Files.readAllBytes(philips), StandardCharsets.ISO_8859_1);
        assertThat(written).as("the export carries the label and barcode as base64").contains("LABELIMAGE")
                .contains(Base64.getEncoder().encodeToString(barcode.getBytes(StandardCharsets.UTF_8)));

        Database db = Fixtures.freshSchema();
        IngestReport report = Fixtures.ingest(db, export, tmp.resolve("home"));
        assertThat(report.patientsRejected()).as(report.patients().toString()).isZero();
        PatientOutcome p = report.patients().stream().filter(o -> o.hospitalNumber().equals(mrn)).findFirst().orElseThrow();
        int levels;
        try (TiffSlide o = TiffSlide.open(original)) {
            levels = o.levels().size();
        }
        assertThat(p.deidActions()).containsEntry("slide Philips TIFF stored as tiled TIFF (" + levels + " levels' tiles copied, 0 coded again)", 1)
                .containsEntry("slide Philips TIFF label/macro images and scanner metadata not stored", 2);

        Path stored = Fixtures.storedSlide(db, tmp.resolve("home"), p.pseudonym());
        try (TiffSlide copy = TiffSlide.open(stored); TiffSlide o = TiffSlide.open(original)) {
            assertThat(copy.philips()).isNull();
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.micronsPerPixel()).isEqualTo(o.micronsPerPixel());
            Level l = o.levels().get(1);
            assertThat(copy.readTile(1, 1, 1).pixels()).as("the scanner's tiles, copied").isEqualTo(o.readTile(1, 1, 1).pixels());
            assertThat(copy.levels().get(1).tileWidth()).isEqualTo(l.tileWidth());
        }
        String bytes = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        for (String identifier : List.of(mrn, surname, "S26-0311", "DPUfsImport", "LABELIMAGE", Base64.getEncoder().encodeToString(barcode.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(bytes).as("stored slide holds '" + identifier + "'").doesNotContain(identifier);
        }
    }
}
