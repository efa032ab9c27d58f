package org.livercast.ingest.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The pages of a scanned report as images for the OCR engine: a PDF's pages rendered in grey at {@value #DPI} dpi (the
 * resolution Tesseract is trained for; what a scanner's PDF holds is drawn at that size whatever its own), or a
 * photograph or scan saved as PNG or JPEG (one page), or the pages pasted as pictures into a Word document
 * ({@link PastedPages}).
 */
public final class ScannedPages {
    private ScannedPages() {}

    /** The resolution pages are rendered at. */
    public static final int DPI = 300;
    /** A report is a page or a few: a longer document is not one (and would hold the engine for minutes). */
    public static final int MAX_PAGES = 20;

    /** Whether {@code head} starts a PNG or a JPEG, the images a scanned or photographed report comes as. */
    public static boolean isImage(byte[] head) {
        boolean png = head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        boolean jpeg = head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF;
        return png || jpeg;
    }

    public static boolean isImage(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return isImage(in.readNBytes(8));
        }
    }

    private static boolean isPdf(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(5), java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-");
        }
    }

    /**
     * Whether a PDF's pages hold a picture that can be a page of text ({@link PastedPages#MIN_PAGE_SIDE_PX} a side or
     * more): a scan, or a report printed as an image under a letterhead printed as text. Unreadable: false.
     */
    public static boolean holdsPageImage(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
                var resources = page.getResources();
                if (resources == null) continue;
                for (org.apache.pdfbox.cos.COSName name : resources.getXObjectNames()) {
                    if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject img
                            && Math.min(img.getWidth(), img.getHeight()) >= PastedPages.MIN_PAGE_SIDE_PX) return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** @throws IOException naming the file when it cannot be read as pages, or has more than {@value #MAX_PAGES} */
    public static List<BufferedImage> of(Path p) throws IOException {
        if (isImage(p)) {
            BufferedImage img;
            try {
                img = ImageIO.read(p.toFile());
            } catch (IOException | RuntimeException e) {
                throw new IOException(p + ": not a readable image: " + e.getMessage(), e);
            }
            if (img == null) throw new IOException(p + ": not a readable image");
            return List.of(img);
        }
        if (!isPdf(p)) return PastedPages.of(p);
        try (PDDocument doc = Loader.loadPDF(p.toFile())) {
            int n = doc.getNumberOfPages();
            if (n > MAX_PAGES) throw new IOException(p + ": a scanned PDF of " + n + " pages: a report has at most " + MAX_PAGES);
            PDFRenderer renderer = new PDFRenderer(doc);
            List<BufferedImage> pages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) pages.add(renderer.renderImageWithDPI(i, DPI, ImageType.GRAY));
            return pages;
        } catch (IOException e) {
            throw new IOException(e.getMessage() != null && e.getMessage().startsWith(p.toString()) ? e.getMessage() : p + ": not a readable PDF: " + e.getMessage(), e);
        }
    }
}
