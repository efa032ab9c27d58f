package org.livercast.ingest.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.livercast.core.io.TextEncoding;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.ocr.PastedPages;
import org.livercast.ingest.ocr.ScannedPages;
import org.livercast.ingest.ocr.Transcript;

/**
 * A report's text however its system exported it: a text file (UTF-8, UTF-16 or GB18030: {@link TextEncoding}), a PDF
 * with a text layer, as laboratory and radiology information systems print reports — read with PDFBox, lines in reading
 * order — or a Word document ({@link DocxText}, {@link DocText}; the report pasted into one as pictures of its
 * pages is read by OCR: {@link PastedPages}). A PDF without a text layer (a scanned page) and a photograph or scan
 * of a page (PNG, JPEG) have no text but what OCR reads from them ({@link Ocr}); without OCR, or where it reads too
 * little too unsurely ({@link Transcript#legible()}), their text is blank.
 *
 * @param text       the report's words
 * @param readAs     how they were read, when not from plain UTF-8 text ("as GB18030", "from the PDF's text layer",
 *                   "from the Word document", "by OCR (Tesseract 5.3.0, chi_sim; 1 page, mean confidence 91%)"), else null
 * @param transcript what OCR read, when the text is (or would have been) from it; else null
 */
public record ReportText(String text, String readAs, Transcript transcript) {
    public ReportText(String text, String readAs) { this(text, readAs, null); }

    /** Whether the text was read from an image by OCR. */
    public boolean transcribed() { return transcript != null && transcript.legible(); }

    /** What a PDF starts with. */
    static boolean isPdf(byte[] head) {
        return head.length >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-");
    }

    static boolean isPdf(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return isPdf(in.readNBytes(5));
        }
    }

    /** @throws IOException naming the file when it is neither text nor a readable PDF */
    public static ReportText read(Path p) throws IOException { return read(p, Ocr.OFF); }

    /**
     * The report's text, scanned pages read by {@code ocr} when it is on.
     *
     * @throws IOException naming the file when it is neither text nor a readable PDF, or OCR fails on it
     */
    public static ReportText read(Path p, Ocr ocr) throws IOException {
        if (isPdf(p)) {
            String layer = pdfText(p);
            // No text layer, or one with a letterhead at most above a page image (a report system that prints its header
            // as text and pastes the report as a picture): the page is read by OCR, letterhead and all.
            if (ocr.on() && (layer.isBlank() || pasted(layer) && ScannedPages.holdsPageImage(p))) return transcribed(ocr.transcribe(p));
            return new ReportText(layer, "from the PDF's text layer");
        }
        if (ScannedPages.isImage(p)) return ocr.on() ? transcribed(ocr.transcribe(p)) : new ReportText("", null);
        if (DocxText.isDocx(p)) return word(p, DocxText.read(p), ocr);
        if (DocText.isDoc(p)) return word(p, DocText.read(p), ocr);
        TextEncoding.Decoded d = TextEncoding.read(p);
        return new ReportText(d.text(), d.transcoded() ? "as " + d.charset().name() : null);
    }

    /**
     * Whether the file is one OCR would read: an image, a PDF without a text layer or whose text is a letterhead at most,
     * or a Word document whose report is pasted pictures.
     */
    public static boolean scanned(Path p) {
        try {
            if (ScannedPages.isImage(p)) return true;
            if (isPdf(p)) {
                String layer = pdfText(p);
                return layer.isBlank() || pasted(layer) && ScannedPages.holdsPageImage(p);
            }
            // Asked of every file of an export when OCR is on (100 DICOM files a patient): the magic number first, the
            // zip or compound file opened only for a Word document's.
            byte[] head;
            try (InputStream in = Files.newInputStream(p)) {
                head = in.readNBytes(8);
            }
            if (DocxText.isZip(head) && DocxText.isDocx(p)) return pasted(DocxText.read(p)) && !PastedPages.of(p).isEmpty();
            if (DocText.isOle2(head) && DocText.isDoc(p)) return pasted(DocText.read(p)) && !PastedPages.of(p).isEmpty();
            return false;
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** A letterhead typed above a pasted report is at most this many characters (not counting spaces). */
    static final int MAX_LETTERHEAD_CHARS = 200;

    /**
     * Whether a Word document's typed text (or a PDF's text layer) is no report but a letterhead at most (the report may
     * be pasted below it as pictures): short, and without the hospital number every report states. A typed report with a picture in it — a
     * radiology report with its key images — has its number (and a Chinese one can be as short as ~110 characters).
     */
    static boolean pasted(String typed) {
        return typed.codePoints().filter(c -> !Character.isWhitespace(c)).count() < MAX_LETTERHEAD_CHARS
                && !ExportScanner.REPORT_ID.matcher(org.livercast.core.io.ChineseScript.simplified(typed)).find();
    }

    /**
     * A Word document's report: its typed text, or — with OCR on, when what is typed is no more than a letterhead and
     * the document holds pictures of pages — the typed text followed by what OCR reads from those pictures.
     */
    private static ReportText word(Path p, String typed, Ocr ocr) throws IOException {
        if (!ocr.on() || !pasted(typed) || PastedPages.of(p).isEmpty()) return new ReportText(typed, "from the Word document");
        Transcript t = ocr.transcribe(p);
        String text = t.legible() ? (typed.isBlank() ? "" : typed.strip() + "\n") + t.text() : "";
        return new ReportText(text, "from the pictures pasted in the Word document, " + t.readAs(), t);
    }

    private static ReportText transcribed(Transcript t) {
        return new ReportText(t.legible() ? t.text() : "", t.readAs(), t);
    }

    /** The text layer of a PDF, page after page (blank for a scan); @throws IOException naming the file and why it cannot be read. */
    static String pdfText(Path p) throws IOException {
        try (PDDocument doc = Loader.loadPDF(p.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            // In reading order, top to bottom: a report's fields are laid out on the page, not in the content stream's order.
            stripper.setSortByPosition(true);
            return stripper.getText(doc).replace("\r\n", "\n");
        } catch (InvalidPasswordException e) {
            throw new IOException(p + ": a PDF protected by a password: export the report without one", e);
        } catch (IOException e) {
            throw new IOException(p + ": not a readable PDF: " + e.getMessage(), e);
        }
    }
}
