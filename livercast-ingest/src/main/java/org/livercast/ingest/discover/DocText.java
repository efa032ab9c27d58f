package org.livercast.ingest.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.HWPFOldDocument;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.hwpf.usermodel.HeaderStories;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The text of a Word 97-2003 document (.doc: the binary format inside an OLE2 compound file, as many hospital report
 * systems still export — and Kingsoft WPS's .wps, which is the same format), read as {@link DocxText} reads a .docx:
 * the page headers first (letterhead and patient line), then the body, a paragraph a line, a table's cells in reading
 * order a line each, then the text boxes' lines (a .docx places each after the paragraph it is anchored in; a .doc
 * keeps them in a story of their own); footers left out. Read with Apache POI's HWPF; Word 6 and 95 files with its reader of those.
 *
 * <p>Word keeps control characters in the text: a field is {@code \u0013 code \u0014 result \u0015} (its result is what
 * the page shows, its code — {@code PAGE}, {@code MERGEFIELD name} — is not text), a cell ends with {@code \u0007}, a
 * line break is {@code \u000b}, a pasted picture or drawing is {@code \u0001} / {@code \u0008}. They become what the
 * page shows.
 */
final class DocText {
    private DocText() {}

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    /** Whether {@code head} starts as an OLE2 compound file (a .doc is one; so are .xls and .msg files, told apart by {@link #isDoc}). */
    static boolean isOle2(byte[] head) {
        if (head.length < OLE2.length) return false;
        for (int i = 0; i < OLE2.length; i++) if (head[i] != OLE2[i]) return false;
        return true;
    }

    /**
     * Whether the file at {@code p} is a Word document: a compound file holding a WordDocument stream — or a compound
     * file too damaged to list its streams, named as Word names its files (.doc, .dot, .wps), so that reading it says why.
     */
    static boolean isDoc(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            if (!isOle2(in.readNBytes(OLE2.length))) return false;
        } catch (IOException e) {
            return false;
        }
        try (POIFSFileSystem fs = new POIFSFileSystem(p.toFile(), true)) {
            return fs.getRoot().hasEntryCaseInsensitive("WordDocument");
        } catch (IOException | RuntimeException damaged) {
            return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(doc|dot|wps)");
        }
    }

    /** @throws IOException naming the file when it is not a readable Word document, or is protected by a password */
    static String read(Path p) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(p.toFile(), true)) {
            try {
                HWPFDocument doc = new HWPFDocument(fs);
                StringBuilder out = new StringBuilder();
                for (String header : headers(doc)) out.append(header);
                out.append(text(doc.getRange()));
                // Text boxes are a story of their own; where each is anchored is the drawing's, so their lines follow the body.
                Range boxes = doc.getMainTextboxRange();
                if (boxes != null) {
                    String t = text(boxes);
                    if (!t.isBlank()) out.append(t.strip()).append('\n');
                }
                return out.toString();
            } catch (OldWordFileFormatException word95) {
                // Word 6 / 95: no header stories or table marks that POI reads; the body as one story.
                return shown(new HWPFOldDocument(fs.getRoot()).getRange().text());
            }
        } catch (EncryptedDocumentException e) {
            throw new IOException(p + ": a Word document protected by a password: export the report without one", e);
        } catch (IOException | RuntimeException e) {
            // POI throws unchecked exceptions (IllegalArgumentException, ArrayIndexOutOfBounds) on a damaged file.
            throw new IOException(p + ": not a readable Word document: " + e.getMessage(), e);
        }
    }

    /** The headers' texts, each once (the default header, then a first page's and even pages' where they differ). */
    private static Set<String> headers(HWPFDocument doc) {
        Set<String> headers = new LinkedHashSet<>();
        HeaderStories stories = new HeaderStories(doc);
        for (Range r : new Range[] {stories.getOddHeaderSubrange(), stories.getFirstHeaderSubrange(), stories.getEvenHeaderSubrange()}) {
            if (r == null) continue;
            String t = text(r);
            if (!t.isBlank()) headers.add(t.strip() + "\n");
        }
        return headers;
    }

    /** A story's text as the page shows it: a paragraph or cell a line, table rows' own end marks left out. */
    static String text(Range r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.numParagraphs(); i++) {
            Paragraph p = r.getParagraph(i);
            if (p.isInTable() && p.isTableRowEnd()) continue;
            s.append(p.text());
        }
        return shown(s.toString());
    }

    /**
     * What the page shows of Word's text: field codes dropped and their results kept (fields nest), cell and paragraph
     * marks, line, page and column breaks as line ends, a non-breaking hyphen as a hyphen, optional hyphens, pictures,
     * drawings and note marks dropped.
     */
    static String shown(String word) {
        StringBuilder out = new StringBuilder(word.length());
        // For each open field: whether its separator has been passed (its result is being shown).
        java.util.ArrayDeque<Boolean> fields = new java.util.ArrayDeque<>();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '\u0013' -> { fields.push(false); continue; }
                case '\u0014' -> { if (!fields.isEmpty()) { fields.pop(); fields.push(true); } continue; }
                case '\u0015' -> { if (!fields.isEmpty()) fields.pop(); continue; }
                default -> { }
            }
            if (fields.contains(false)) continue;   // inside a field's code, however deep
            switch (c) {
                case '\r', '\u0007', '\u000b', '\u000c', '\u000e' -> out.append('\n');
                case '\u001e' -> out.append('-');
                case '\u001f', '\u0001', '\u0002', '\u0005', '\u0008' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
