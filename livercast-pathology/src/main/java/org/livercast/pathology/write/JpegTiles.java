package org.livercast.pathology.write;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes tiles as JPEG (YCbCr, 4:2:0, the JDK's libjpeg at a fixed quality) and splits each stream into the shared
 * tables (DQT/DHT, kept once in the TIFF's JPEGTables) and the abbreviated tile stream. Every tile's tables are
 * checked against the shared ones, so a mismatch fails instead of corrupting the slide.
 */
final class JpegTiles {
    private final float quality;
    private byte[] tables;

    JpegTiles(float quality) { this.quality = quality; }

    byte[] tables() { return tables; }

    /**
     * Packed RGB as the image the JDK's JPEG coder takes: the raster's bytes written directly (B, G, R per pixel), the
     * same bytes setRGB writes for this sRGB type, without its per-pixel colour-model call, which took over a third of
     * a synthetic slide's writing time.
     */
    static BufferedImage bgrImage(int[] rgb, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0, n = w * h; i < n; i++) {
            int c = rgb[i];
            bgr[3 * i] = (byte) c;
            bgr[3 * i + 1] = (byte) (c >> 8);
            bgr[3 * i + 2] = (byte) (c >> 16);
        }
        return img;
    }

    byte[] encode(int[] rgb, int w, int h) throws IOException { return split(whole(rgb, w, h, quality)); }

    /** A complete JPEG stream (tables included) of packed RGB, by the JDK's libjpeg at {@code quality}. */
    static byte[] whole(int[] rgb, int w, int h, float quality) throws IOException {
        BufferedImage img = bgrImage(rgb, w, h);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Moves DQT/DHT segments into the shared tables (first tile) and drops APPn markers; returns SOI + frame + scan. */
    private byte[] split(byte[] jpeg) throws IOException {
        ByteArrayOutputStream tile = new ByteArrayOutputStream(jpeg.length);
        ByteArrayOutputStream tbl = new ByteArrayOutputStream();
        tile.write(0xFF);
        tile.write(0xD8);
        tbl.write(0xFF);
        tbl.write(0xD8);
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) throw new IOException("malformed JPEG from the encoder at " + p);
            int marker = jpeg[p + 1] & 0xFF;
            if (marker == 0xDA) {
                tile.write(jpeg, p, jpeg.length - p);
                break;
            }
            int len = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (marker == 0xDB || marker == 0xC4) tbl.write(jpeg, p, len + 2);
            else if (marker < 0xE0 || marker > 0xEF) tile.write(jpeg, p, len + 2);
            p += len + 2;
        }
        tbl.write(0xFF);
        tbl.write(0xD9);
        byte[] t = tbl.toByteArray();
        if (tables == null) tables = t;
        else if (!Arrays.equals(tables, t)) throw new IOException("JPEG tables differ between tiles; cannot share JPEGTables");
        return tile.toByteArray();
    }
}
