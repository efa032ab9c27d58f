package org.livercast.pathology.tiff;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Aperio's JPEG 2000 tiles (TIFF compression 33003: YCbCr components; 33005: RGB), each a raw codestream, decoded by
 * OpenJPEG through its bridge (OpenSlide's decoder) or, without it, by jai-imageio's pure-Java reader. YCbCr becomes RGB
 * as OpenSlide converts it (the JFIF equations, rounded per term). Chroma subsampled in the codestream (Aperio's
 * 4:2:2, XRsiz 2) is repeated over the pixels it covers, as OpenSlide does, by the bridge; without it such a tile is
 * refused by name, since jai-imageio cannot return components of different sizes.
 */
final class Jpeg2000Tiles {
    static final int APERIO_YCBCR = 33003;
    static final int APERIO_RGB = 33005;

    private Jpeg2000Tiles() {}

    private static final ThreadLocal<ImageReader> READER = ThreadLocal.withInitial(() -> {
        var readers = ImageIO.getImageReadersByFormatName("jpeg2000");
        if (!readers.hasNext()) throw new TiffException("no JPEG 2000 reader on the class path (jai-imageio-jpeg2000)");
        return readers.next();
    });

    static int[] decode(byte[] codestream, int w, int h, boolean ycbcr, String where) throws IOException {
        int[] packed;
        if (OpenJpeg.available()) {
            packed = openJpeg(codestream, w, h, where);
        } else {
            int[] sub = subsampling(codestream, where);
            for (int i = 0; i < sub.length; i++) {
                if (sub[i] != 1) {
                    throw new TiffException(where + ": JPEG 2000 tile with subsampled components (component " + (i / 2) + " XRsiz/YRsiz "
                            + sub[i - i % 2] + "/" + sub[i - i % 2 + 1] + "): needs the OpenJPEG bridge (libopenjp2-7-dev at build time)");
                }
            }
            packed = jaiImageIo(codestream, w, h, where);
        }
        if (ycbcr) {
            for (int i = 0; i < packed.length; i++) packed[i] = rgbOf(packed[i] >> 16 & 0xFF, packed[i] >> 8 & 0xFF, packed[i] & 0xFF);
        }
        return packed;
    }

    /** The JFIF equations, each term rounded, as OpenSlide's tables hold them. */
    static int rgbOf(int y, int cbByte, int crByte) {
        int cb = cbByte - 128;
        int cr = crByte - 128;
        int red = clamp(y + (int) Math.round(1.402 * cr));
        int green = clamp(y + (int) Math.round(-0.344136 * cb - 0.714136 * cr));
        int blue = clamp(y + (int) Math.round(1.772 * cb));
        return red << 16 | green << 8 | blue;
    }

    static int[] openJpeg(byte[] codestream, int w, int h, String where) {
        int[] out = new int[w * h];
        int rc = OpenJpeg.decode(codestream, codestream.length, out, w, h);
        return switch (rc) {
            case 0 -> out;
            case 1 -> throw new TiffException(where + ": JPEG 2000 tile size differs from the tile size " + w + "x" + h);
            case 4 -> throw new TiffException(where + ": JPEG 2000 tile does not hold three 8-bit components of the tile's size");
            default -> throw new TiffException(where + ": corrupt JPEG 2000 tile (OpenJPEG error " + rc + ")");
        };
    }

    /** jai-imageio's pure-Java decoder: packed components, as the bridge returns them. */
    static int[] jaiImageIo(byte[] codestream, int w, int h, String where) throws IOException {
        ImageReader reader = READER.get();
        Raster r;
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(codestream))) {
            reader.setInput(in, true, true);
            r = reader.canReadRaster() ? reader.readRaster(0, null) : reader.read(0).getRaster();
        } catch (RuntimeException e) {
            READER.remove();
            throw new TiffException(where + ": corrupt JPEG 2000 tile: " + e.getMessage(), e);
        }
        if (r.getWidth() != w || r.getHeight() != h) throw new TiffException(where + ": JPEG 2000 tile is " + r.getWidth() + "x" + r.getHeight() + ", expected " + w + "x" + h);
        if (r.getNumBands() != 3) throw new TiffException(where + ": JPEG 2000 tile has " + r.getNumBands() + " components; slides have 3");
        int[] c0 = r.getSamples(0, 0, w, h, 0, (int[]) null);
        int[] c1 = r.getSamples(0, 0, w, h, 1, (int[]) null);
        int[] c2 = r.getSamples(0, 0, w, h, 2, (int[]) null);
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) out[i] = clamp(c0[i]) << 16 | clamp(c1[i]) << 8 | clamp(c2[i]);
        return out;
    }

    private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }

    /** XRsiz, YRsiz of each component from the codestream's SIZ segment (it follows SOC). */
    static int[] subsampling(byte[] c, String where) {
        if (c.length < 42 || (c[0] & 0xFF) != 0xFF || (c[1] & 0xFF) != 0x4F || (c[2] & 0xFF) != 0xFF || (c[3] & 0xFF) != 0x51) {
            throw new TiffException(where + ": not a JPEG 2000 codestream (no SOC and SIZ markers)");
        }
        int components = (c[40] & 0xFF) << 8 | (c[41] & 0xFF);
        if (c.length < 42 + 3 * components) throw new TiffException(where + ": JPEG 2000 SIZ segment cut short");
        int[] out = new int[2 * components];
        for (int i = 0; i < components; i++) {
            out[2 * i] = c[42 + 3 * i + 1] & 0xFF;
            out[2 * i + 1] = c[42 + 3 * i + 2] & 0xFF;
        }
        return out;
    }
}
