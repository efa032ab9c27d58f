package org.livercast.ingest;

import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reports as hospitals send them on paper: printed by the information system (a PDF with its text), then scanned
 * (the page as a slightly skewed, speckled grey image in a PDF, no text) or photographed (a JPEG), or scanned so
 * badly that nobody could read it.
 */
public final class Scans {
    /** A font with the Chinese glyphs the centre's reports need (Debian's fonts-droid-fallback, which .ci/run installs). */
    public static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    private Scans() {}

    /**
     * The report as an information system prints it: a page of text, a line a line — Latin letters in Helvetica, the
     * Chinese in a CJK font (which has no Latin glyphs), as a report generator switches fonts within a line.
     */
    public static void printed(String report, Path out) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font cjk = PDType0Font.load(doc, CJK_FONT.toFile());
            var latin = new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.beginText();
                c.setLeading(16);
                c.newLineAtOffset(50, 780);
                for (String line : report.split("\n")) {
                    int i = 0;
                    while (i < line.length()) {
                        boolean ascii = line.charAt(i) < 0x80;
                        int j = i;
                        while (j < line.length() && (line.charAt(j) < 0x80) == ascii) j++;
                        c.setFont(ascii ? latin : cjk, 11);
                        c.showText(line.substring(i, j));
                        i = j;
                    }
                    c.newLine();
                }
                c.endText();
            }
            doc.save(out.toFile());
        }
    }

    /** The printed page as a scanner gives it back: grey, {@code skewDegrees} askew, speckled, JPEG in a PDF without text. */
    public static void scannedPdf(String report, Path out, double skewDegrees, long seed) throws Exception {
        BufferedImage page = scannedImage(report, out, 300, skewDegrees, seed);
        try (PDDocument doc = new PDDocument()) {
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            try (PDPageContentStream c = new PDPageContentStream(doc, p)) {
                c.drawImage(JPEGFactory.createFromImage(doc, page, 0.8f), 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            doc.save(out.toFile());
        }
    }

    /** The printed page photographed or scanned to a JPEG at {@code dpi}. */
    static void scannedJpeg(String report, Path out, int dpi, double skewDegrees, long seed) throws Exception {
        ImageIO.write(scannedImage(report, out, dpi, skewDegrees, seed), "jpeg", out.toFile());
    }

    private static BufferedImage scannedImage(String report, Path out, int dpi, double skewDegrees, long seed) throws Exception {
        Path print = Files.createTempFile(out.getParent(), "print-", ".pdf");
        BufferedImage flat;
        try {
            printed(report, print);
            try (PDDocument doc = Loader.loadPDF(print.toFile())) {
                flat = new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
            }
        } finally {
            Files.delete(print);
        }
        BufferedImage page = new BufferedImage(flat.getWidth(), flat.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = page.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(flat, AffineTransform.getRotateInstance(Math.toRadians(skewDegrees), page.getWidth() / 2.0, page.getHeight() / 2.0), null);
        g.dispose();
        // Paper grain and dust: a grey level's worth of noise everywhere, a few dark specks.
        Random r = new Random(seed);
        var raster = page.getRaster();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int v = raster.getSample(x, y, 0) - 6 + r.nextInt(13);
                raster.setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        for (int i = 0; i < 40; i++) raster.setSample(r.nextInt(page.getWidth()), r.nextInt(page.getHeight()), 0, 40);
        return page;
    }

    /** A page no one could read: the printed page at 60 dpi, blown up to 300 (as a fax of a photocopy). */
    static void illegibleJpeg(String report, Path out) throws Exception {
        Path print = Files.createTempFile(out.getParent(), "print-", ".pdf");
        BufferedImage small;
        try {
            printed(report, print);
            try (PDDocument doc = Loader.loadPDF(print.toFile())) {
                small = new PDFRenderer(doc).renderImageWithDPI(0, 60, ImageType.GRAY);
            }
        } finally {
            Files.delete(print);
        }
        BufferedImage big = new BufferedImage(small.getWidth() * 5, small.getHeight() * 5, BufferedImage.TYPE_BYTE_GRAY);
        var g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        ImageIO.write(big, "jpeg", out.toFile());
    }
}
