package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.io.TextEncoding;
import org.livercast.ingest.discover.ReportText;
import org.livercast.ingest.ocr.CharacterErrors;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.ocr.Tesseract;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;
import org.livercast.synth.files.ScannedReport;

/**
 * Some hospitals send a report as a Word document whose page is a picture: the letterhead typed in the page header,
 * the report below it photographed or screenshotted from the report system and pasted in — or as a PDF whose system
 * printed the letterhead as text and the report as an image. With OCR on, the page is read (a logo beside it is not
 * taken for a page) and stored after the letterhead, marked as read by OCR; without OCR the document is named with what
 * to do, not stored as a letterhead alone. A typed report with a large picture in it (a key image) stays a typed report.
 */
class PastedPageReportIngestTest {
    @Test
    void aReportPastedAsAPictureIntoWordIsReadByOcrAndNamedWithoutIt(@TempDir Path tmp) throws Exception {
        Optional<Tesseract> engine = Tesseract.find();
        assumeTrue(engine.isPresent() && engine.get().has("chi_sim"), "needs Tesseract with chi_sim (tesseract-ocr-chi-sim, which .ci/run installs)");
        assumeTrue(Files.isReadable(Scans.CJK_FONT), "needs fonts-droid-fallback to print the reports' Chinese");
        assumeTrue(Fixtures.python("import docx, PIL").isEmpty(), "needs python3-docx and python3-pil");
        assumeTrue(WordFiles.soffice().isPresent(), "needs LibreOffice (libreoffice-writer-nogui) to write .doc files");
        Path text = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("text")));
        Path pasted = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("pasted")));
        List<String> patients;
        try (Stream<Path> s = Files.list(pasted.resolve("reports"))) {
            patients = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_pathology.txt")).map(n -> n.replace("_pathology.txt", "")).sorted().toList();
        }
        // The first patient's pathology report pasted into a .docx, the second's radiology into one saved as Word 97 (.doc).
        Path docx = paste(pasted, patients.get(0), "pathology", tmp, 1);
        Path doc = WordFiles.fromDocx(List.of(paste(pasted, patients.get(1), "radiology", tmp, 2)), tmp).get(0);

        // The third's radiology typed whole, with a key image as large as a page's picture: a typed report, OCR or not.
        Path keyImage = typedWithKeyImage(pasted, patients.get(2), tmp);
        // The fourth's pathology a PDF whose system printed the letterhead as text and the report as an image below it.
        Path hybrid = letterheadOverImage(pasted, patients.get(3), tmp, 4);

        // Typed, each holds only its letterhead: read without OCR, that is all there is.
        assertThat(ReportText.read(docx).text().strip()).isEqualTo(firstLine(text, patients.get(0), "pathology"));

        Path home = tmp.resolve("home");
        Database plain = Fixtures.freshSchema();
        IngestReport noOcr = ingest(plain, pasted, home, Ocr.OFF);
        assertThat(noOcr.patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        String named = noOcr.patients() + " " + noOcr.unlinkedFiles();
        for (Path p : List.of(docx, doc)) {
            assertThat(named).contains(p.getFileName() + ": not ingested: a Word document whose report is pasted as pictures of its pages: they are read only with OCR (livercast ingest --ocr)");
        }
        assertThat(named).contains(hybrid.getFileName() + ": not ingested: a PDF whose text layer holds a letterhead at most, the report an image of the page");

        Database fromText = Fixtures.freshSchema();
        Fixtures.ingest(fromText, text, home);
        Database fromPasted = Fixtures.freshSchema();
        IngestReport r = ingest(fromPasted, pasted, home, Ocr.with(engine.get(), 2));
        assertThat(r.patientsAdded()).as(r.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        Map<String, PatientOutcome> byHn = new java.util.TreeMap<>();
        r.patients().forEach(p -> byHn.put(p.hospitalNumber(), p));
        for (String hn : patients.subList(0, 4)) {
            if (hn.equals(patients.get(2))) continue;
            assertThat(byHn.get(hn).summary().reports()).as(hn).isEqualTo(2);
            assertThat(byHn.get(hn).warnings().stream().map(Object::toString))
                    .anySatisfy(w -> assertThat(w).containsPattern("read (from the pictures pasted in the Word document, )?by OCR \\(Tesseract "
                            + java.util.regex.Pattern.quote(engine.get().version()) + ", chi_sim; 1 page,"));
        }
        // The letterhead typed, the page read: the report its system printed, up to a misread character or two.
        for (var c : List.of(Map.entry(patients.get(0), "pathology"), Map.entry(patients.get(1), "radiology"), Map.entry(patients.get(3), "pathology"))) {
            String pseudonym = byHn.get(c.getKey()).pseudonym();
            String want = Fixtures.reportBodies(fromText, c.getValue()).get(pseudonym);
            String got = Fixtures.reportBodies(fromPasted, c.getValue()).get(pseudonym);
            assertThat(CharacterErrors.rate(want, got)).as(want + "\n---\n" + got).isLessThan(0.03);
            assertThat(got.lines().findFirst()).isEqualTo(want.lines().findFirst());
        }
        String typedPseudonym = byHn.get(patients.get(2)).pseudonym();
        // The picture's own paragraph is an empty line at the end.
        assertThat(Fixtures.reportBodies(fromPasted, "radiology").get(typedPseudonym).strip()).isEqualTo(Fixtures.reportBodies(fromText, "radiology").get(typedPseudonym).strip());
        assertThat(byHn.get(patients.get(2)).warnings().stream().map(Object::toString))
                .anySatisfy(w -> assertThat(w).contains(keyImage.getFileName() + ": encoding: read from the Word document; stored as UTF-8 text"));
        assertThat(named).doesNotContain(keyImage.getFileName().toString() + ": not ingested");
        List<String> marked = fromPasted.jdbi().withHandle(h -> h.createQuery("select transcribed_by from report where transcribed_by is not null").mapTo(String.class).list());
        assertThat(marked).hasSize(3).allSatisfy(m -> assertThat(m).startsWith("by OCR (Tesseract "));
    }

    /**
     * A Word document of the report: its first line typed in the page header, a small logo, then the rest photographed
     * (as {@link ScannedReport#photographed} does) and pasted six inches wide; the text file removed.
     */
    private static Path paste(Path export, String hn, String kind, Path tmp, long seed) throws Exception {
        Path txt = export.resolve("reports/" + hn + "_" + kind + ".txt");
        String report = TextEncoding.read(txt).text();
        String letterhead = report.lines().findFirst().orElseThrow();
        Path photo = tmp.resolve(hn + "_" + kind + ".jpg");
        ScannedReport.photographed(report.substring(report.indexOf('\n') + 1), photo, 250, seed);
        Path out = txt.resolveSibling(hn + "_" + kind + ".docx");
        assertThat(Fixtures.python("""
                import sys, docx
                from PIL import Image, ImageDraw
                letterhead, photo, logo, out = sys.argv[1:]
                img = Image.new('RGB', (320, 96), 'white')
                ImageDraw.Draw(img).ellipse((8, 8, 88, 88), outline='navy', width=6)
                img.save(logo)
                d = docx.Document()
                d.sections[0].header.paragraphs[0].text = letterhead
                d.add_picture(logo, width=docx.shared.Inches(1.2))
                d.add_picture(photo, width=docx.shared.Inches(6))
                d.save(out)
                """, letterhead, photo.toString(), tmp.resolve(hn + "-logo.png").toString(), out.toString())).isEmpty();
        Files.delete(txt);
        return out;
    }

    /** A radiology report typed in full into a .docx, with a 700 × 700 key image below it; the text file removed. */
    private static Path typedWithKeyImage(Path export, String hn, Path tmp) throws Exception {
        Path txt = export.resolve("reports/" + hn + "_radiology.txt");
        Path out = txt.resolveSibling(hn + "_radiology.docx");
        assertThat(Fixtures.python("""
                import sys, docx
                from PIL import Image, ImageDraw
                src, image, out = sys.argv[1:]
                img = Image.new('L', (700, 700), 0)
                ImageDraw.Draw(img).ellipse((150, 180, 560, 520), fill=110)
                ImageDraw.Draw(img).ellipse((380, 260, 470, 350), fill=200)
                img.save(image)
                lines = open(src, encoding='utf-8').read().rstrip('\\n').split('\\n')
                d = docx.Document()
                for line in lines:
                    d.add_paragraph(line)
                d.add_picture(image, width=docx.shared.Inches(3))
                d.save(out)
                """, txt.toString(), tmp.resolve(hn + "-key.png").toString(), out.toString())).isEmpty();
        Files.delete(txt);
        return out;
    }

    /**
     * A PDF as some report systems print one: the letterhead (the report's first line) as text, the rest of the report
     * as a photograph of the page drawn below it; the text file removed.
     */
    private static Path letterheadOverImage(Path export, String hn, Path tmp, long seed) throws Exception {
        Path txt = export.resolve("reports/" + hn + "_pathology.txt");
        String report = TextEncoding.read(txt).text();
        Path out = txt.resolveSibling(hn + "_pathology.pdf");
        ScannedReport.printed(report.lines().findFirst().orElseThrow(), out);
        Path photo = tmp.resolve(hn + "_pathology.jpg");
        ScannedReport.photographed(report.substring(report.indexOf('\n') + 1), photo, 250, seed);
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
            org.apache.pdfbox.pdmodel.PDPage page = pdf.getPage(0);
            var image = org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.createFromFile(photo.toString(), pdf);
            try (var c = new org.apache.pdfbox.pdmodel.PDPageContentStream(pdf, page, org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode.APPEND, true, true)) {
                // Below the letterhead (an image is opaque: over it, it would hide it), scaled to the rest of the page.
                float h = page.getMediaBox().getHeight() - 80;
                float w = page.getMediaBox().getWidth() * h / page.getMediaBox().getHeight();
                c.drawImage(image, (page.getMediaBox().getWidth() - w) / 2, 0, w, h);
            }
            pdf.save(tmp.resolve(hn + "-hybrid.pdf").toFile());
        }
        Files.move(tmp.resolve(hn + "-hybrid.pdf"), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(txt);
        return out;
    }

    private static String firstLine(Path export, String hn, String kind) throws Exception {
        return TextEncoding.read(export.resolve("reports/" + hn + "_" + kind + ".txt")).text().lines().findFirst().orElseThrow();
    }

    private static IngestReport ingest(Database db, Path export, Path home, Ocr ocr) throws Exception {
        return Ingest.run(new Ingest.Options("C01", export, home.resolve("store"), home.resolve("keys/C01.key"),
                Files.createTempDirectory(home.getParent(), "report-"), 2, false, ocr), db.jdbi(), s -> { });
    }
}
