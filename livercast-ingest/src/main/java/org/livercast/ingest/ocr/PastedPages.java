package org.livercast.ingest.ocr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.usermodel.Picture;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The pages of a report pasted into a Word document as pictures — a scan or a screenshot of the report system put into
 * a .docx or .doc, which some hospitals send instead of the text — in the order the document shows them. A picture
 * smaller than {@value #MIN_PAGE_SIDE_PX} pixels on a side is a logo or a stamp, not a page, and is left out.
 */
public final class PastedPages {
    private PastedPages() {}

    /** The shorter side of a picture that can hold a page of text (an A4 page at 75 dpi is 620 × 877 px). */
    public static final int MIN_PAGE_SIDE_PX = 600;

    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

    /**
     * The page-sized pictures of the Word document at {@code p} (.docx or .doc); none for another file.
     *
     * @throws IOException naming the file when it is a Word document that cannot be read, or holds more than
     *                     {@value ScannedPages#MAX_PAGES} pages
     */
    public static List<BufferedImage> of(Path p) throws IOException {
        List<byte[]> pictures;
        try {
            pictures = isZip(p) ? docxPictures(p) : docPictures(p);
        } catch (IOException | RuntimeException e) {
            throw new IOException(p + ": the pictures of the Word document cannot be read: " + e.getMessage(), e);
        }
        List<BufferedImage> pages = new ArrayList<>();
        for (byte[] b : pictures) {
            BufferedImage img;
            try {
                img = ImageIO.read(new ByteArrayInputStream(b));
            } catch (IOException | RuntimeException notAnImageJavaReads) {
                continue;   // a WMF/EMF drawing, not a scanned page
            }
            if (img == null || Math.min(img.getWidth(), img.getHeight()) < MIN_PAGE_SIDE_PX) continue;
            pages.add(img);
            if (pages.size() > ScannedPages.MAX_PAGES) throw new IOException(p + ": a Word document with more than " + ScannedPages.MAX_PAGES + " pasted pages: a report has at most " + ScannedPages.MAX_PAGES);
        }
        return pages;
    }

    private static boolean isZip(Path p) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(p)) {
            byte[] h = in.readNBytes(4);
            return h.length == 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4;
        }
    }

    private static List<byte[]> docPictures(Path p) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(p.toFile(), true)) {
            if (!fs.getRoot().hasEntryCaseInsensitive("WordDocument")) return List.of();
            HWPFDocument doc;
            try {
                doc = new HWPFDocument(fs);
            } catch (org.apache.poi.hwpf.OldWordFileFormatException word95) {
                return List.of();   // Word 6/95: POI reads its text, not its pictures
            }
            List<byte[]> out = new ArrayList<>();
            for (Picture pic : doc.getPicturesTable().getAllPictures()) out.add(pic.getContent());
            return out;
        }
    }

    /** The body's pictures in the order it shows them: its drawings' and VML images' relationship ids, resolved. */
    private static List<byte[]> docxPictures(Path p) throws IOException {
        try (ZipFile zip = new ZipFile(p.toFile())) {
            ZipEntry body = zip.getEntry("word/document.xml");
            ZipEntry rels = zip.getEntry("word/_rels/document.xml.rels");
            if (body == null || rels == null) return List.of();
            Map<String, String> targets = new HashMap<>();
            List<String> ids = new ArrayList<>();
            try (InputStream in = zip.getInputStream(rels)) {
                XMLStreamReader r = xml(in);
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && PKG_REL.equals(r.getNamespaceURI()) && r.getLocalName().equals("Relationship")
                            && !"External".equals(r.getAttributeValue(null, "TargetMode"))) {
                        targets.put(r.getAttributeValue(null, "Id"), r.getAttributeValue(null, "Target"));
                    }
                }
            }
            try (InputStream in = zip.getInputStream(body)) {
                XMLStreamReader r = xml(in);
                while (r.hasNext()) {
                    if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
                    String id = r.getLocalName().equals("blip") ? r.getAttributeValue(REL, "embed")
                            : r.getLocalName().equals("imagedata") ? r.getAttributeValue(REL, "id") : null;
                    if (id != null && !ids.contains(id)) ids.add(id);
                }
            }
            List<byte[]> out = new ArrayList<>();
            for (String id : ids) {
                String target = targets.get(id);
                if (target == null) continue;
                ZipEntry e = zip.getEntry(target.startsWith("/") ? target.substring(1) : "word/" + target);
                if (e == null) continue;
                if (e.getSize() > 64L << 20) throw new IOException(e.getName() + " is " + e.getSize() + " bytes, too large for a page");
                try (InputStream in = zip.getInputStream(e)) {
                    out.add(in.readAllBytes());
                }
            }
            return out;
        } catch (XMLStreamException e) {
            throw new IOException("word/document.xml is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f.createXMLStreamReader(in);
    }
}
