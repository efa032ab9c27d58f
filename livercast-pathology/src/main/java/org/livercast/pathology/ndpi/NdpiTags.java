package org.livercast.pathology.ndpi;

/** The private TIFF tags Hamamatsu writes in each NDPI directory (names as OpenSlide and tifffile use them). */
public final class NdpiTags {
    private NdpiTags() {}

    /** 1 in every directory of an NDPI file. */
    public static final int FORMAT_FLAG = 65420;
    /** The magnification a directory shows: the objective's at level 0, smaller below; -1 the macro, -2 the focus map. */
    public static final int SOURCE_LENS = 65421;
    /** Where the image's centre lies from the slide's centre, nanometres. */
    public static final int X_OFFSET_NM = 65422;
    public static final int Y_OFFSET_NM = 65423;
    /** The focal plane, 0 the nominal one (others are a Z-stack). */
    public static final int FOCAL_PLANE = 65424;
    /** Each restart interval's first byte, from the start of the strip (low 32 bits). */
    public static final int MCU_STARTS = 65426;
    /** The slide's reference: what the scanner read from the barcode or the operator typed. */
    public static final int REFERENCE = 65427;
    /** The high 32 bits of {@link #MCU_STARTS} in files over 4 GiB. */
    public static final int MCU_STARTS_HIGH = 65432;
    /** "key=value" records separated by CR LF: the scanner's settings. */
    public static final int PROPERTY_MAP = 65449;
}
