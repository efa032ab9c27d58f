package org.livercast.imaging.dicom;

import java.util.Map;


/** Transfer syntaxes: how the data set is encoded and how pixels are compressed. */
public enum TransferSyntax {
    IMPLICIT_VR_LE("1.2.840.10008.1.2", false, false, false, Codec.NATIVE),
    EXPLICIT_VR_LE("1.2.840.10008.1.2.1", true, false, false, Codec.NATIVE),
    DEFLATED_EXPLICIT_VR_LE("1.2.840.10008.1.2.1.99", true, false, true, Codec.NATIVE),
    EXPLICIT_VR_BE("1.2.840.10008.1.2.2", true, true, false, Codec.NATIVE),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", true, false, false, Codec.JPEG_BASELINE),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", true, false, false, Codec.JPEG_EXTENDED),
    JPEG_LOSSLESS_P14("1.2.840.10008.1.2.4.57", true, false, false, Codec.JPEG_LOSSLESS),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", true, false, false, Codec.JPEG_LOSSLESS),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", true, false, false, Codec.JPEG_LS),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", true, false, false, Codec.JPEG_LS),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", true, false, false, Codec.JPEG_2000),
    JPEG_2000("1.2.840.10008.1.2.4.91", true, false, false, Codec.JPEG_2000),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", true, false, false, Codec.RLE),
    /** A compressed syntax whose data set LiverCast reads but whose pixels it does not decode. */
    UNSUPPORTED_COMPRESSED("", true, false, false, Codec.UNSUPPORTED);

    public enum Codec { NATIVE, RLE, JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LS, JPEG_2000, UNSUPPORTED }

    private final String uid;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final Codec codec;

    TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated, Codec codec) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.codec = codec;
    }

    /** Names of syntaxes we recognise but do not decode, for a precise error message. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "1.2.840.10008.1.2.4.100", "MPEG2",
            "1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264",
            "1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000",
            "1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Lossless",
            "1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component");

    /**
     * The syntax for a UID. Every compressed syntax encodes its data set as explicit VR little endian, so one we do
     * not decode is still readable for its tags; {@link #describe(String)} names it in the pixel error.
     */
    public static TransferSyntax of(String uid) {
        for (TransferSyntax ts : values()) if (ts.uid.equals(uid) && ts != UNSUPPORTED_COMPRESSED) return ts;
        return UNSUPPORTED_COMPRESSED;
    }

    public static String describe(String uid) {
        return uid + " (" + UNSUPPORTED.getOrDefault(uid, "unknown to LiverCast") + ")";
    }

    public String uid() { return uid; }

    public boolean explicitVr() { return explicitVr; }

    public boolean bigEndian() { return bigEndian; }

    public boolean deflated() { return deflated; }

    public Codec codec() { return codec; }

    public boolean encapsulated() { return codec != Codec.NATIVE; }
}
