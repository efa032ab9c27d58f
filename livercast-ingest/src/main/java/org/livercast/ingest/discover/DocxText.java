package org.livercast.ingest.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The text of a Word document (.docx: Office Open XML, a zip whose {@code word/document.xml} holds the body), as a
 * report written in Word or exported by a hospital system as Word is: the page headers first (where a report's letterhead
 * and patient line often stand), then the body; a paragraph a line, a tab and a line break as themselves, a table's
 * cells in reading order, a text box's lines after the paragraph it is anchored in (once: Word writes a drawing twice,
 * as DrawingML and as a VML fallback). Footers (page numbers) are left out. Read with the JDK's StAX parser, DTDs and external
 * entities refused: a document is untrusted input.
 */
final class DocxText {
    private DocxText() {}

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    /** A body larger than this is not a report (and a zip bomb's entry would be read forever). */
    private static final long MAX_XML_BYTES = 64L << 20;

    /** Whether {@code head} starts as a zip archive (a .docx is one; so are other Office files, told apart by {@link #isDocx}). */
    static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Whether the zip at {@code p} is a Word document (it holds word/document.xml). */
    static boolean isDocx(Path p) {
        try (ZipFile zip = new ZipFile(p.toFile())) {
            return zip.getEntry("word/document.xml") != null;
        } catch (IOException notAZip) {
            return false;
        }
    }

    /** @throws IOException naming the file when it is not a readable Word document */
    static String read(Path p) throws IOException {
        try (ZipFile zip = new ZipFile(p.toFile())) {
            ZipEntry body = zip.getEntry("word/document.xml");
            if (body == null) throw new IOException(p + ": a zip archive without word/document.xml, not a Word document");
            List<ZipEntry> headers = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                if (z.getName().matches("word/header\\d*\\.xml")) headers.add(z);
            }
            headers.sort(java.util.Comparator.comparing(ZipEntry::getName));
            StringBuilder out = new StringBuilder();
            for (ZipEntry h : headers) out.append(text(zip, h, p));
            return out.append(text(zip, body, p)).toString();
        } catch (ZipException e) {
            throw new IOException(p + ": not a readable Word document: " + e.getMessage(), e);
        }
    }

    private static String text(ZipFile zip, ZipEntry entry, Path p) throws IOException {
        if (entry.getSize() > MAX_XML_BYTES) throw new IOException(p + ": " + entry.getName() + " is " + entry.getSize() + " bytes, too large for a report");
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // A text box's lines come after the paragraph that anchors it (its drawing is inside that paragraph's run).
        StringBuilder story = new StringBuilder();
        StringBuilder boxes = new StringBuilder();
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            boolean inText = false;
            int fallback = 0;   // depth inside mc:Fallback: the same drawing as its mc:Choice, for older readers; read once
            int box = 0;        // depth inside w:txbxContent
            while (r.hasNext()) {
                int event = r.next();
                if ((event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT)
                        && MC.equals(r.getNamespaceURI()) && r.getLocalName().equals("Fallback")) {
                    fallback += event == XMLStreamConstants.START_ELEMENT ? 1 : -1;
                    continue;
                }
                if (fallback > 0) continue;
                StringBuilder s = box > 0 ? boxes : story;
                if (event == XMLStreamConstants.START_ELEMENT && W.equals(r.getNamespaceURI())) {
                    switch (r.getLocalName()) {
                        case "t" -> inText = true;
                        case "tab" -> s.append('\t');
                        case "br", "cr" -> s.append('\n');
                        case "txbxContent" -> box++;
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && W.equals(r.getNamespaceURI())) {
                    switch (r.getLocalName()) {
                        case "t" -> inText = false;
                        case "txbxContent" -> box--;
                        case "p" -> {
                            s.append('\n');
                            if (box == 0) {
                                story.append(boxes);
                                boxes.setLength(0);
                            }
                        }
                        default -> { }
                    }
                } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    s.append(r.getText());
                    if (story.length() + boxes.length() > MAX_XML_BYTES) throw new IOException(p + ": more text than a report holds");
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(p + ": " + entry.getName() + " is not well-formed XML: " + e.getMessage(), e);
        }
        return story.append(boxes).toString();
    }
}
