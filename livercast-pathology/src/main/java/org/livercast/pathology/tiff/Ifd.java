package org.livercast.pathology.tiff;

import java.util.Map;

/**
 * One image file directory: its entries by tag, with typed accessors. Values are decoded when the directory is read
 * (tile offset arrays included), so tile access never re-parses the file structure.
 */
public record Ifd(int index, long offset, int entryCount, Map<Integer, Object> entries) {
    public static final int NEW_SUBFILE_TYPE = 254;
    public static final int IMAGE_WIDTH = 256;
    public static final int IMAGE_LENGTH = 257;
    public static final int BITS_PER_SAMPLE = 258;
    public static final int COMPRESSION = 259;
    public static final int PHOTOMETRIC = 262;
    public static final int IMAGE_DESCRIPTION = 270;
    public static final int XMP_PACKET = 700;
    /** InterColorProfile: the ICC profile of the pixels (a scanner's colour characterisation). */
    public static final int ICC_PROFILE = 34675;
    public static final int STRIP_OFFSETS = 273;
    public static final int SAMPLES_PER_PIXEL = 277;
    public static final int ROWS_PER_STRIP = 278;
    public static final int STRIP_BYTE_COUNTS = 279;
    public static final int X_RESOLUTION = 282;
    public static final int Y_RESOLUTION = 283;
    public static final int PLANAR_CONFIGURATION = 284;
    public static final int RESOLUTION_UNIT = 296;
    public static final int SOFTWARE = 305;
    public static final int PREDICTOR = 317;
    public static final int TILE_WIDTH = 322;
    public static final int TILE_LENGTH = 323;
    public static final int TILE_OFFSETS = 324;
    public static final int TILE_BYTE_COUNTS = 325;
    public static final int EXTRA_SAMPLES = 338;
    public static final int JPEG_TABLES = 347;
    public static final int YCBCR_SUBSAMPLING = 530;

    public boolean has(int tag) { return entries.containsKey(tag); }

    public long number(int tag, long orElse) {
        Object v = entries.get(tag);
        if (v instanceof long[] a && a.length > 0) return a[0];
        if (v instanceof double[] d && d.length > 0) return (long) d[0];
        return orElse;
    }

    public long[] numbers(int tag) {
        Object v = entries.get(tag);
        return v instanceof long[] a ? a : new long[0];
    }

    public double real(int tag, double orElse) {
        Object v = entries.get(tag);
        if (v instanceof double[] d && d.length > 0) return d[0];
        if (v instanceof long[] a && a.length > 0) return a[0];
        return orElse;
    }

    public String text(int tag) {
        Object v = entries.get(tag);
        return v instanceof String s ? s : null;
    }

    public byte[] bytes(int tag) {
        Object v = entries.get(tag);
        return v instanceof byte[] b ? b : null;
    }

    public int width() { return (int) number(IMAGE_WIDTH, 0); }

    public int height() { return (int) number(IMAGE_LENGTH, 0); }

    public boolean tiled() { return has(TILE_WIDTH) && has(TILE_OFFSETS); }

    public int tileWidth() { return (int) number(TILE_WIDTH, width()); }

    public int tileHeight() { return (int) number(TILE_LENGTH, height()); }

    public int compression() { return (int) number(COMPRESSION, 1); }

    public int photometric() { return (int) number(PHOTOMETRIC, 2); }

    public int samplesPerPixel() { return (int) number(SAMPLES_PER_PIXEL, 1); }

    public String description() { return text(IMAGE_DESCRIPTION); }
}
