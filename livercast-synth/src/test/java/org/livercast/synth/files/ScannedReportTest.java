package org.livercast.synth.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.synth.CohortGenerator;
import org.livercast.synth.ExportDialect;

/**
 * A centre that sends a share of its reports on paper: those reports come as PDFs of a scanned A4 page at 300 dpi
 * with no text in them (ingest reads them only with OCR), the others as text; the same seed gives the same files.
 */
class ScannedReportTest {
    @Test
    void aShareOfReportsComesScannedWithoutTextAndTheSameSeedGivesTheSameBytes(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isReadable(ScannedReport.CJK_FONT), "needs fonts-droid-fallback to print the reports' Chinese");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path out : List.of(a, b)) {
            CohortGenerator.generate(new CohortGenerator.Options(8, 2, 41, out, LocalDate.of(2026, 6, 30), false, false, 2)
                    .withExportDialect(ExportDialect.BY_CENTRE).withScannedReports(0.5), s -> { });
        }
        List<Path> scans = files(a, ".pdf");
        List<Path> texts = files(a, ".txt");
        assertThat(scans.size() + texts.size()).as("a report of each kind for each patient, scanned or as text").isEqualTo(16);
        assertThat(scans).hasSizeBetween(4, 12);
        for (Path scan : scans) {
            assertThat(Files.exists(Path.of(scan.toString().replace(".pdf", ".txt")))).as("no text twin of " + scan).isFalse();
            assertThat(Files.readAllBytes(scan)).as(scan + " again").isEqualTo(Files.readAllBytes(b.resolve(a.relativize(scan))));
            try (PDDocument doc = Loader.loadPDF(scan.toFile())) {
                assertThat(doc.getNumberOfPages()).isEqualTo(1);
                assertThat(new PDFTextStripper().getText(doc)).as("a scan has no text layer").isBlank();
                var resources = doc.getPage(0).getResources();
                List<COSName> names = new java.util.ArrayList<>();
                resources.getXObjectNames().forEach(names::add);
                assertThat(names).hasSize(1);
                PDImageXObject page = (PDImageXObject) resources.getXObject(names.get(0));
                // A4 (595.28 x 841.89 pt) at 300 dpi, grey, as a scanner gives it.
                assertThat(page.getWidth()).isEqualTo(2480);
                assertThat(page.getHeight()).isEqualTo(3507);     // 841.89 pt at 300 dpi, rounded down
                assertThat(page.getColorSpace().getNumberOfComponents()).isEqualTo(1);
            }
        }
        // The Chinese centre's scan has ink where its printed lines are: the page is no blank.
        var ink = ScannedReport.rendered("Centre 1 Hospital 病理诊断报告\n微血管侵犯（MVI）：M1级。", 300);
        long dark = 0;
        for (int y = 0; y < 400; y++) for (int x = 0; x < ink.getWidth(); x++) if ((ink.getRGB(x, y) & 0xFF) < 128) dark++;
        assertThat(dark).isGreaterThan(1000);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused(@TempDir Path tmp) {
        var o = new CohortGenerator.Options(2, 1, 1, tmp, LocalDate.of(2026, 6, 30), false, false, 1);
        assertThatThrownBy(() -> o.withScannedReports(1.5)).hasMessageContaining("scannedReports must be from 0 to 1, not 1.5");
        assertThatThrownBy(() -> o.withScannedReports(Double.NaN)).hasMessageContaining("not NaN");
    }

    private static List<Path> files(Path cohort, String suffix) throws Exception {
        try (Stream<Path> s = Files.walk(cohort)) {
            return s.filter(p -> p.getParent().getFileName().toString().equals("reports") && p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
