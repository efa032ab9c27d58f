package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.synth.files.ScannedReport;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;

/**
 * Laboratory and radiology information systems print reports to PDF. A PDF with a text layer is read from it, in
 * reading order, and stored as the UTF-8 text a text export of the same report gives (the PDF itself is not kept); a
 * scanned one (an image, no text) is named as such and not ingested when ingest runs without OCR (with it:
 * {@link OcrReportIngestTest}).
 */
class PdfReportIngestTest {
    @Test
    void aPrintedReportIsReadFromItsTextLayerAndAScannedOneIsNamed(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isReadable(Scans.CJK_FONT), "needs fonts-droid-fallback for the reports' Chinese");
        Path home = tmp.resolve("home");
        Path text = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("text")));
        Path pdf = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("pdf")));
        List<Path> pathology;
        List<Path> radiology;
        try (Stream<Path> s = Files.list(pdf.resolve("reports"))) {
            List<Path> all = s.sorted().toList();
            pathology = all.stream().filter(p -> p.toString().endsWith("_pathology.txt")).toList();
            radiology = all.stream().filter(p -> p.toString().endsWith("_radiology.txt")).toList();
        }
        // Every pathology report printed to PDF; the first patient's radiology report scanned (an image of a page).
        for (Path report : pathology) {
            ScannedReport.printed(Files.readString(report, StandardCharsets.UTF_8), report.resolveSibling(report.getFileName().toString().replace(".txt", ".pdf")));
            Files.delete(report);
        }
        Path scannedReport = radiology.get(0).resolveSibling(radiology.get(0).getFileName().toString().replace(".txt", ".pdf"));
        scanned(scannedReport);
        Files.delete(radiology.get(0));
        String scannedPatient = radiology.get(0).getFileName().toString().replace("_radiology.txt", "");

        Fixtures.Twins twins = Fixtures.ingestTwins(text, pdf, home);
        IngestReport fromPdf = twins.variantReport();
        assertThat(fromPdf.patientsAdded()).as(fromPdf.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        for (PatientOutcome p : fromPdf.patients()) {
            List<String> warnings = p.warnings().stream().map(Object::toString).toList();
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("_pathology.pdf").contains("read from the PDF's text layer; stored as UTF-8 text"));
            if (p.hospitalNumber().equals(scannedPatient)) {
                assertThat(p.summary().reports()).isEqualTo(1);
                assertThat(warnings).anySatisfy(w -> assertThat(w).contains("_radiology.pdf").contains("a PDF without a text layer (a scanned page)"));
            } else {
                assertThat(p.summary().reports()).isEqualTo(2);
            }
        }
        // The same pathology report stored as from the text export (de-identified the same way), up to the spacing a
        // page's layout gives; the findings the models read are there word for word.
        Map<String, String> fromText = Fixtures.reportBodies(twins.original(), "pathology");
        Map<String, String> fromPrinted = Fixtures.reportBodies(twins.variant(), "pathology");
        assertThat(fromPrinted).hasSize(Fixtures.PATIENTS);
        for (var e : fromText.entrySet()) {
            assertThat(spaced(fromPrinted.get(e.getKey()))).as(e.getKey()).isEqualTo(spaced(e.getValue()));
        }
        assertThat(String.join("\n", fromPrinted.values())).contains("微血管侵犯（MVI）").doesNotContain("\uFFFD");
        // No identifier of the raw export survives in what was stored from the PDFs.
        for (String line : Files.readAllLines(Fixtures.cohort().resolve("truth/identifiers.csv")).subList(1, Files.readAllLines(
                Fixtures.cohort().resolve("truth/identifiers.csv")).size())) {
            String[] f = line.split(",", 3);
            if (f[0].startsWith("C01") && !f[1].equals("name_pinyin_spaced")) assertThat(String.join("\n", fromPrinted.values())).doesNotContain(f[2]);
        }
    }

    private static String spaced(String s) { return s.replaceAll("\\s+", " ").strip(); }

    /** A scanned page: an image of text, no text layer. */
    private static void scanned(Path out) throws Exception {
        BufferedImage img = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.fillRect(0, 0, 400, 200);
        g.setColor(java.awt.Color.BLACK);
        g.drawString("MRI report (scanned)", 20, 40);
        g.dispose();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.drawImage(LosslessFactory.createFromImage(doc, img), 50, 500, 400, 200);
            }
            doc.save(out.toFile());
        }
    }
}
