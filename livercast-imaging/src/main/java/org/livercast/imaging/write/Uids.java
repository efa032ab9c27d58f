package org.livercast.imaging.write;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * DICOM UIDs without a registered root: "2.25." followed by a UUID as a decimal integer (PS3.5 §B.2). Deterministic
 * UIDs derive from a name (for reproducible synthetic cohorts); random ones from a random UUID.
 */
public final class Uids {
    private Uids() {}

    /** LiverCast's implementation class UID (fixed: derived from the name "LiverCast"). */
    public static final String IMPLEMENTATION_CLASS = fromName("org.livercast.implementation");
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    public static final String ENHANCED_MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4.1";
    public static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
    /** VL Whole Slide Microscopy Image Storage: a pathology slide, never an MR volume. */
    public static final String VL_WHOLE_SLIDE_MICROSCOPY = "1.2.840.10008.5.1.4.1.1.77.1.6";

    public static String random() { return of(UUID.randomUUID()); }

    public static String fromName(String name) {
        return of(UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String of(UUID u) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
