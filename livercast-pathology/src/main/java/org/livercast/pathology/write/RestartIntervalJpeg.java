package org.livercast.pathology.write;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One JPEG over a whole image, coded one restart interval at a time, as a slide scanner codes it: each interval (a
 * tile one MCU row high) is coded alone and its scan data appended after a restart marker. That is the same stream
 * a coder of the whole image would give with that restart interval — a restart resets the DC predictions and
 * byte-aligns, as the start of an image does — while only one interval's pixels are ever held.
 *
 * <p>Coding is the JDK's libjpeg (standard Huffman tables, a fixed quality), so every interval's tables are the same;
 * that is checked, as a difference would corrupt the stream. Chroma is subsampled 4:2:2 (half width, full height), as
 * NanoZoomers code: with 4:2:0 an interval is 16 rows, and a decoder's smooth vertical upsampling then reads the next
 * MCU row to finish the last rows — OpenSlide 3.4, decoding one interval with the whole image's header, fails on it.
 */
final class RestartIntervalJpeg {
    /** 4:2:2: an MCU is 16 pixels wide and 8 high. */
    static final int MCU_WIDTH = 16;
    static final int MCU_HEIGHT = 8;

    private final float quality;
    private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    private byte[] tables;      // DQT and DHT segments of the first interval
    private byte[] frame;       // its SOF segment
    private byte[] scanHeader;  // its SOS segment

    RestartIntervalJpeg(float quality) { this.quality = quality; }

    /** The scan data of one interval of {@code w} × {@code h} pixels (packed RGB), without SOI, tables or EOI. */
    byte[] interval(int[] rgb, int w, int h) throws IOException {
        BufferedImage img = JpegTiles.bgrImage(rgb, w, h);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(w * h / 4);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, subsampled422(img, p)), p);
        }
        return scanData(bytes.toByteArray());
    }

    /**
     * The header of the whole image: SOI, the tables, the frame with the image's size, DRI with {@code restartMcus},
     * and the scan header. Call after the first interval.
     */
    byte[] header(int width, int height, int restartMcus) {
        if (frame == null) throw new IllegalStateException("no interval coded yet");
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xFF);
        h.write(0xD8);
        h.writeBytes(tables);
        byte[] f = frame.clone();
        // A frame records at most 65,535 pixels a side; a NanoZoomer's level is often wider, and it writes 0 there (the
        // TIFF directory has the size; a reader decodes one interval at a time with the size of one interval).
        int h16 = height > 65_535 ? 0 : height;
        int w16 = width > 65_535 ? 0 : width;
        f[5] = (byte) (h16 >> 8);
        f[6] = (byte) h16;
        f[7] = (byte) (w16 >> 8);
        f[8] = (byte) w16;
        h.writeBytes(f);
        if (restartMcus > 0) h.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDD, 0, 4, (byte) (restartMcus >> 8), (byte) restartMcus});
        h.writeBytes(scanHeader);
        return h.toByteArray();
    }

    void close() { writer.dispose(); }

    /** Full-width rows [y, y + h) of the image being coded, packed RGB. */
    @FunctionalInterface
    interface Rows {
        int[] read(int y, int h) throws IOException;
    }

    /** Where the JPEG's bytes go: a TIFF strip, a file of its own. */
    interface Sink {
        long position() throws IOException;

        void append(byte[] bytes) throws IOException;
    }

    /** Rows of pixels read from the source at a time: 16 interval rows. */
    private static final int BAND_ROWS = 16 * MCU_HEIGHT;

    /**
     * Codes a {@code width} × {@code height} image as one JPEG appended to {@code out}: in restart intervals of
     * {@code restartMcus} MCUs (each one MCU row high), read a band of rows at a time so an image of any size is coded
     * in bounded memory; with {@code restartMcus} 0, as one JPEG without restart markers, read whole. Returns each
     * interval's start relative to the JPEG's first byte, or null without intervals.
     */
    static long[] writeImage(Rows rows, int width, int height, int restartMcus, float quality, Sink out) throws IOException {
        boolean single = restartMcus == 0;
        int tw = single ? width : restartMcus * MCU_WIDTH;
        int th = single ? height : MCU_HEIGHT;
        int across = (width + tw - 1) / tw;
        int down = (height + th - 1) / th;
        long[] starts = single ? null : new long[across * down];
        RestartIntervalJpeg coder = new RestartIntervalJpeg(quality);
        long jpegAt = -1;
        try {
            int k = 0;
            for (int bandY = 0; bandY < height; bandY += single ? height : BAND_ROWS) {
                int bandH = single ? height : Math.min(BAND_ROWS, height - bandY);
                int[] band = rows.read(bandY, bandH);
                for (int ty = 0; ty * th < bandH; ty++) {
                    for (int tx = 0; tx < across; tx++) {
                        byte[] scan = coder.interval(cut(band, width, bandH, tx * tw, ty * th, tw, th), tw, th);
                        if (jpegAt < 0) {
                            jpegAt = out.position();
                            out.append(coder.header(width, height, restartMcus));
                        } else {
                            out.append(new byte[] {(byte) 0xFF, (byte) (0xD0 + (k - 1) % 8)});
                        }
                        if (starts != null) starts[k] = out.position() - jpegAt;
                        out.append(scan);
                        k++;
                    }
                }
            }
            out.append(new byte[] {(byte) 0xFF, (byte) 0xD9});
        } finally {
            coder.close();
        }
        return starts;
    }

    /** A {@code w} × {@code h} piece of a band at (x, y); beyond its edge the last column or row is repeated, as JPEG pads. */
    private static int[] cut(int[] band, int bandW, int bandH, int x, int y, int w, int h) {
        int[] out = new int[w * h];
        for (int j = 0; j < h; j++) {
            int sy = Math.min(y + j, bandH - 1);
            for (int i = 0; i < w; i++) out[j * w + i] = band[sy * bandW + Math.min(x + i, bandW - 1)];
        }
        return out;
    }

    /** The restart interval, in MCUs, for intervals up to {@code intervalPixels} wide: the widest that divides a row's MCUs. */
    static int restartMcus(int width, int intervalPixels) {
        int mcusPerRow = (width + MCU_WIDTH - 1) / MCU_WIDTH;
        int max = Math.max(1, intervalPixels / MCU_WIDTH);
        for (int d = Math.min(mcusPerRow, max); d > 1; d--) if (mcusPerRow % d == 0) return d;
        return 1;
    }

    /** The writer's default JPEG metadata with luma sampled 2 × 1 and chroma 1 × 1 (4:2:2). */
    private IIOMetadata subsampled422(BufferedImage img, ImageWriteParam p) throws IOException {
        IIOMetadata m = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), p);
        String format = "javax_imageio_jpeg_image_1.0";
        Node root = m.getAsTree(format);
        NodeList specs = ((Element) root).getElementsByTagName("componentSpec");
        for (int i = 0; i < specs.getLength(); i++) {
            Element c = (Element) specs.item(i);
            c.setAttribute("HsamplingFactor", i == 0 ? "2" : "1");
            c.setAttribute("VsamplingFactor", "1");
        }
        m.setFromTree(format, root);
        return m;
    }

    /** Keeps the first stream's tables, frame and scan header (checking later ones match); returns its scan data. */
    private byte[] scanData(byte[] jpeg) throws IOException {
        ByteArrayOutputStream tbl = new ByteArrayOutputStream();
        byte[] sof = null;
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) throw new IOException("malformed JPEG from the encoder at " + p);
            int marker = jpeg[p + 1] & 0xFF;
            int len = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (marker == 0xDA) {
                byte[] sos = Arrays.copyOfRange(jpeg, p, p + 2 + len);
                int end = jpeg.length;
                if ((jpeg[end - 2] & 0xFF) != 0xFF || (jpeg[end - 1] & 0xFF) != 0xD9) throw new IOException("JPEG from the encoder does not end with EOI");
                byte[] t = tbl.toByteArray();
                if (tables == null) {
                    tables = t;
                    frame = sof;
                    scanHeader = sos;
                } else if (!Arrays.equals(tables, t) || !Arrays.equals(scanHeader, sos) || !Arrays.equals(Arrays.copyOfRange(frame, 9, frame.length),
                        Arrays.copyOfRange(sof, 9, sof.length))) {
                    throw new IOException("JPEG tables or components differ between restart intervals; they cannot share one header");
                }
                return Arrays.copyOfRange(jpeg, p + 2 + len, end - 2);
            }
            if (marker == 0xDB || marker == 0xC4) tbl.write(jpeg, p, len + 2);
            else if (marker == 0xC0) sof = Arrays.copyOfRange(jpeg, p, p + 2 + len);
            p += len + 2;
        }
        throw new IOException("JPEG from the encoder has no scan");
    }
}
