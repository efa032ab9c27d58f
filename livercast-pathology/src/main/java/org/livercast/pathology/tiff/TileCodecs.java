package org.livercast.pathology.tiff;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one TIFF tile (or strip) to packed RGB ints (0xRRGGBB), tile width × tile height: uncompressed, LZW and
 * deflate (with horizontal predictor), and JPEG — abbreviated tile streams spliced after the shared JPEGTables, decoded
 * by libjpeg-turbo when its bridge is built ({@link TurboJpeg}; OpenSlide's decoder), else by the JDK's libjpeg
 * (the same IDCT and colour conversion); and Aperio's JPEG 2000 (33003 YCbCr, 33005 RGB; {@link Jpeg2000Tiles}). One
 * decoder per thread.
 */
public final class TileCodecs {
    private TileCodecs() {}

    public static int[] decode(Ifd ifd, byte[] data, int w, int h, String where) {
        int compression = ifd.compression();
        int spp = ifd.samplesPerPixel();
        try {
            return switch (compression) {
                case 1 -> interleaved(data, w, h, spp, ifd, where);
                case 5 -> interleaved(Lzw.decode(data, w * h * spp, where), w, h, spp, ifd, where);
                case 8, 32946 -> interleaved(inflate(data, w * h * spp, where), w, h, spp, ifd, where);
                case 7 -> jpeg(ifd.bytes(Ifd.JPEG_TABLES), data, w, h, where);
                case Jpeg2000Tiles.APERIO_YCBCR, Jpeg2000Tiles.APERIO_RGB -> Jpeg2000Tiles.decode(data, w, h, compression == Jpeg2000Tiles.APERIO_YCBCR, where);
                default -> throw new TiffException(where + ": unsupported compression " + compression);
            };
        } catch (IOException e) {
            throw new TiffException(where + ": corrupt tile: " + e.getMessage(), e);
        }
    }

    private static int[] interleaved(byte[] b, int w, int h, int spp, Ifd ifd, String where) {
        if (spp < 3) throw new TiffException(where + ": " + spp + " sample(s) per pixel; slides are RGB");
        if (b.length < w * h * spp) throw new TiffException(where + ": tile holds " + b.length + " bytes, " + w + "x" + h + "x" + spp + " needed");
        if (ifd.number(Ifd.PREDICTOR, 1) == 2) {
            for (int y = 0; y < h; y++) {
                int row = y * w * spp;
                for (int i = spp; i < w * spp; i++) b[row + i] += b[row + i - spp];
            }
        }
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            int p = i * spp;
            out[i] = (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
        }
        return out;
    }

    private static byte[] inflate(byte[] data, int expected, String where) throws IOException {
        Inflater inf = new Inflater();
        inf.setInput(data);
        byte[] out = new byte[expected];
        try {
            int n = 0;
            while (n < expected && !inf.finished()) {
                int k = inf.inflate(out, n, expected - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                n += k;
            }
            if (n < expected) throw new TiffException(where + ": deflate tile inflates to " + n + " bytes, " + expected + " expected");
            return out;
        } catch (DataFormatException e) {
            throw new TiffException(where + ": corrupt deflate tile: " + e.getMessage());
        } finally {
            inf.end();
        }
    }

    /** Per-thread decoding state: the reader and a reusable destination image of the last tile size. */
    private static final class JpegState {
        final ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        BufferedImage destination;
    }

    private static final ThreadLocal<JpegState> STATE = ThreadLocal.withInitial(JpegState::new);

    /** One complete JPEG stream (a DICOM frame) as packed RGB, by the same decoder as TIFF tiles. */
    public static int[] decodeJpeg(byte[] stream, int w, int h, String where) {
        try {
            return jpeg(null, stream, w, h, where);
        } catch (IOException e) {
            throw new TiffException(where + ": corrupt JPEG frame: " + e.getMessage(), e);
        }
    }

    /**
     * A JPEG stream of {@code w} × {@code h} decoded at 1/{@code denominator} (1, 2, 4 or 8) of its size, as libjpeg's
     * scaled inverse DCT gives it (what OpenSlide reads a Hamamatsu file's in-between levels with): an image of
     * ⌈w / d⌉ × ⌈h / d⌉. Without the libjpeg-turbo bridge the JDK decodes it whole and it is averaged down instead
     * (close to, not the same as, the scaled DCT).
     */
    public static int[] decodeJpegScaled(byte[] stream, int w, int h, int denominator, String where) {
        if (denominator == 1) return decodeJpeg(stream, w, h, where);
        if (denominator != 2 && denominator != 4 && denominator != 8) throw new IllegalArgumentException("JPEG scaling of 1/" + denominator + "; libjpeg scales by 1/2, 1/4 or 1/8");
        int sw = (w + denominator - 1) / denominator;
        int sh = (h + denominator - 1) / denominator;
        if (TurboJpeg.available()) {
            int[] out = new int[sw * sh];
            int rc = TurboJpeg.decodeScaled(stream, stream.length, out, sw, sh, denominator);
            if (rc == 0) return out;
            if (rc == 1) throw new TiffException(where + ": JPEG size differs from " + w + "x" + h);
            throw new TiffException(TurboJpeg.failure(where, "JPEG", rc));
        }
        return averaged(decodeJpeg(stream, w, h, where), w, h, denominator);
    }

    /** Means of {@code d} × {@code d} blocks (partial at the right and bottom edges). */
    private static int[] averaged(int[] px, int w, int h, int d) {
        int sw = (w + d - 1) / d;
        int sh = (h + d - 1) / d;
        int[] out = new int[sw * sh];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int r = 0, g = 0, b = 0, n = 0;
                for (int j = y * d; j < Math.min(h, y * d + d); j++) {
                    for (int i = x * d; i < Math.min(w, x * d + d); i++) {
                        int v = px[j * w + i];
                        r += v >> 16 & 0xFF;
                        g += v >> 8 & 0xFF;
                        b += v & 0xFF;
                        n++;
                    }
                }
                out[y * sw + x] = (r + n / 2) / n << 16 | (g + n / 2) / n << 8 | (b + n / 2) / n;
            }
        }
        return out;
    }

    static int[] jpeg(byte[] tables, byte[] tile, int w, int h, String where) throws IOException {
        byte[] stream = splice(tables, tile);
        if (TurboJpeg.available()) {
            int[] out = new int[w * h];
            int rc = TurboJpeg.decode(stream, stream.length, out, w, h);
            if (rc == 0) return out;
            if (rc == 1) throw new TiffException(where + ": JPEG tile size differs from the tile size " + w + "x" + h);
            throw new TiffException(TurboJpeg.failure(where, "JPEG tile", rc));
        }
        return jdkJpeg(stream, w, h, where);
    }

    /** The JDK's libjpeg: the fallback when the libjpeg-turbo bridge is absent, and the reference it is tested against. */
    static int[] jdkJpeg(byte[] stream, int w, int h, String where) throws IOException {
        JpegState st = STATE.get();
        ImageReader reader = st.reader;
        // A plain memory stream (no service lookup) and a reused destination: the per-tile cost is the decode itself.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(in, true, true);
            if (reader.getWidth(0) != w || reader.getHeight(0) != h) {
                throw new TiffException(where + ": JPEG tile is " + reader.getWidth(0) + "x" + reader.getHeight(0) + ", expected " + w + "x" + h);
            }
            BufferedImage img;
            if (reader.getRawImageType(0) != null && reader.getRawImageType(0).getNumBands() == 3) {
                if (st.destination == null || st.destination.getWidth() != w || st.destination.getHeight() != h) {
                    st.destination = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                param.setDestination(st.destination);
                img = reader.read(0, param);
            } else {
                img = reader.read(0);
            }
            return rgb(img);
        } catch (IOException | RuntimeException e) {
            if (e instanceof TiffException t) throw t;
            // A failed decode can leave the native decoder in a bad state: start afresh for the next tile.
            STATE.remove();
            throw new TiffException(where + ": corrupt JPEG tile: " + e.getMessage(), e);
        }
    }

    /**
     * One raw JPEG 2000 codestream (a DICOM frame) as packed RGB, by the decoder of Aperio's JPEG 2000 tiles (OpenJPEG
     * through its bridge, else jai-imageio); {@code ycbcr} when its components are Y, Cb, Cr with no transform in it.
     */
    public static int[] decodeJpeg2000(byte[] codestream, int w, int h, boolean ycbcr, String where) {
        try {
            return Jpeg2000Tiles.decode(codestream, w, h, ycbcr, where);
        } catch (IOException e) {
            throw new TiffException(where + ": corrupt JPEG 2000 frame: " + e.getMessage(), e);
        }
    }

    /** A TIFF JPEG tile with its directory's JPEGTables spliced in: one complete JPEG stream. */
    public static byte[] spliceTables(byte[] tables, byte[] tile) { return splice(tables, tile); }

    /** Tables stream without its EOI, then the tile without its SOI: one complete JPEG. */
    static byte[] splice(byte[] tables, byte[] tile) {
        if (tables == null || tables.length < 4) return tile;
        int t = tables.length - 2;
        byte[] out = new byte[t + tile.length - 2];
        System.arraycopy(tables, 0, out, 0, t);
        System.arraycopy(tile, 2, out, t, tile.length - 2);
        return out;
    }

    static int[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] out = new int[w * h];
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] b = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < out.length; i++) out[i] = (b[3 * i + 2] & 0xFF) << 16 | (b[3 * i + 1] & 0xFF) << 8 | (b[3 * i] & 0xFF);
            return out;
        }
        img.getRGB(0, 0, w, h, out, 0, w);
        for (int i = 0; i < out.length; i++) out[i] &= 0xFFFFFF;
        return out;
    }
}
