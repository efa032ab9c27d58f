package org.livercast.synth.files;

import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A report as a centre's information system prints it — an A4 page of text (Latin letters in Helvetica, Chinese in a CJK
 * font, switching within a line as a report generator does), a PDF with its text — and as a centre that still works on
 * paper sends it: that page scanned back at 300 dpi (grey, up to a degree askew, paper grain and specks) into a PDF of
 * the page image with no text layer, or photographed to a JPEG. The skew and noise come from the seed, so the same
 * cohort gives the same bytes.
 */
public final class ScannedReport {
    private ScannedReport() {}

    /** A TrueType font with Chinese glyphs: Debian's fonts-droid-fallback, unless {@value #CJK_FONT_VARIABLE} names another. */
    public static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
    public static final String CJK_FONT_VARIABLE = "LIVERCAST_CJK_FONT";
    /** The scanner's resolution. */
    static final int DPI = 300;
    /** Pages come back from the scanner up to this far from straight. */
    static final double MAX_SKEW_DEGREES = 1.0;

    /**
     * Writes {@code text} printed and scanned to {@code out} (a PDF).
     *
     * @throws IOException when the text has Chinese and this machine has no font to print it with (it names what to install)
     */
    public static void write(String text, Path out, long seed) throws IOException {
        BufferedImage page = scanned(rendered(text, DPI), seed);
        try (PDDocument doc = new PDDocument()) {
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            try (PDPageContentStream c = new PDPageContentStream(doc, p)) {
                c.drawImage(JPEGFactory.createFromImage(doc, page, 0.8f), 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            // No creation date in the file: the same cohort gives the same bytes.
            doc.getDocumentInformation().setCreationDate(null);
            doc.setDocumentId(seed);
            doc.save(out.toFile());
        }
    }

    /** Writes {@code text} photographed or scanned to a JPEG at {@code dpi}. */
    public static void photographed(String text, Path out, int dpi, long seed) throws IOException {
        javax.imageio.ImageIO.write(scanned(rendered(text, dpi), seed), "jpeg", out.toFile());
    }

    /** Writes {@code text} as the information system prints it: a PDF with its text. */
    public static void printed(String text, Path out) throws IOException {
        Files.write(out, printed(text));
    }

    /** The page as the information system prints it, rendered grey at {@code dpi}. */
    public static BufferedImage rendered(String text, int dpi) throws IOException {
        try (PDDocument doc = Loader.loadPDF(printed(text))) {
            return new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
        }
    }

    /** The page as the information system prints it: a PDF with text. */
    static byte[] printed(String text) throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font cjk = text.codePoints().anyMatch(cp -> cp >= 0x80) ? PDType0Font.load(doc, cjkFont().toFile()) : null;
            PDType1Font latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                c.beginText();
                c.setLeading(LEADING_PT);
                c.newLineAtOffset(MARGIN_PT, page.getMediaBox().getHeight() - 62);
                float width = page.getMediaBox().getWidth() - 2 * MARGIN_PT;
                for (String line : text.split("\n")) {
                    for (List<String> printedLine : wrapped(line, width, latin, cjk)) {
                        for (String run : printedLine) {
                            c.setFont(run.charAt(0) < 0x80 ? latin : cjk, FONT_PT);
                            c.showText(run);
                        }
                        c.newLine();
                    }
                }
                c.endText();
            }
            doc.getDocumentInformation().setCreationDate(null);
            doc.save(pdf);
        }
        return pdf.toByteArray();
    }

    private static final float FONT_PT = 11;
    private static final float LEADING_PT = 16;
    private static final float MARGIN_PT = 50;

    /**
     * A report line as the printer lays it out within {@code width} points: Latin words kept whole, Chinese broken
     * between any two characters, as a report generator wraps. Each printed line as its runs of one script (a run of
     * Latin letters in Helvetica, of Chinese in the CJK font).
     */
    static List<List<String>> wrapped(String line, float width, PDType1Font latin, PDType0Font cjk) throws IOException {
        // Tokens: a Latin word with the spaces after it, or one Chinese character.
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int j = i + 1;
            if (line.charAt(i) < 0x80) {
                while (j < line.length() && line.charAt(j) < 0x80 && !(line.charAt(j - 1) == ' ' && line.charAt(j) != ' ')) j++;
            }
            tokens.add(line.substring(i, j));
            i = j;
        }
        List<List<String>> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        float used = 0;
        for (String t : tokens) {
            float w = (t.charAt(0) < 0x80 ? latin.getStringWidth(t) : cjk.getStringWidth(t)) / 1000 * FONT_PT;
            float visible = t.charAt(0) < 0x80 ? latin.getStringWidth(t.stripTrailing()) / 1000 * FONT_PT : w;
            if (used + visible > width && current.length() > 0) {
                lines.add(runs(current.toString().stripTrailing()));
                current.setLength(0);
                used = 0;
            }
            current.append(t);
            used += w;
        }
        lines.add(runs(current.toString()));
        return lines;
    }

    /** A line cut where the script changes. */
    private static List<String> runs(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            boolean ascii = line.charAt(i) < 0x80;
            int j = i;
            while (j < line.length() && (line.charAt(j) < 0x80) == ascii) j++;
            out.add(line.substring(i, j));
            i = j;
        }
        return out;
    }

    /** The printed page through a scanner: turned up to a degree, grey grain of ±6 levels, forty dark specks. */
    static BufferedImage scanned(BufferedImage flat, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage page = new BufferedImage(flat.getWidth(), flat.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double skew = (r.nextDouble() * 2 - 1) * MAX_SKEW_DEGREES;
        g.drawImage(flat, AffineTransform.getRotateInstance(Math.toRadians(skew), page.getWidth() / 2.0, page.getHeight() / 2.0), null);
        g.dispose();
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

    /** The first CJK font installed; @throws IOException naming what to install when there is none */
    static Path cjkFont() throws IOException {
        String named = System.getenv(CJK_FONT_VARIABLE);
        Path p = named != null && !named.isBlank() ? Path.of(named) : CJK_FONT;
        if (Files.isReadable(p)) return p;
        throw new IOException("printing a Chinese report needs a TrueType font with Chinese glyphs: " + p + " is not there (install"
                + " fonts-droid-fallback, or name a .ttf in " + CJK_FONT_VARIABLE + ")");
    }
}
