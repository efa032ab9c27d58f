package org.livercast.imaging.write;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.livercast.imaging.dicom.Vr;

/**
 * Builds an explicit-VR little-endian data set: elements sorted by tag, values padded to even length (text with a
 * space, UIDs and binary with a NUL), decimal strings kept within 16 characters. The output is what dcmtk and
 * pydicom read without a warning.
 */
public final class DataSetWriter {
    private final TreeMap<Integer, byte[]> values = new TreeMap<>(Integer::compareUnsigned);
    private final Map<Integer, String> vrs = new TreeMap<>();

    public DataSetWriter text(int tag, String vr, String value) {
        if (value == null) value = "";
        byte[] b = value.getBytes("PN".equals(vr) || "LO".equals(vr) || "SH".equals(vr) || "LT".equals(vr) || "ST".equals(vr)
                ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
        return put(tag, vr, pad(b, "UI".equals(vr) ? (byte) 0 : (byte) ' '));
    }

    public DataSetWriter decimals(int tag, double... v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) s.append(i == 0 ? "" : "\\").append(ds(v[i]));
        return text(tag, "DS", s.toString());
    }

    public DataSetWriter integerString(int tag, long v) { return text(tag, "IS", Long.toString(v)); }

    public DataSetWriter us(int tag, int... v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            b[2 * i] = (byte) v[i];
            b[2 * i + 1] = (byte) (v[i] >> 8);
        }
        return put(tag, "US", b);
    }

    public DataSetWriter ul(int tag, long v) {
        return put(tag, "UL", new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }

    public DataSetWriter binary(int tag, String vr, byte[] v) { return put(tag, vr, pad(v, (byte) 0)); }

    /** Binary floats (FD), e.g. a frame's acquisition duration. */
    public DataSetWriter fd(int tag, double... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return put(tag, "FD", b.array());
    }

    /** Binary single-precision floats (FL), e.g. a slide's imaged volume width. */
    public DataSetWriter fl(int tag, float... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return put(tag, "FL", b.array());
    }

    /** Unsigned longs (UL), e.g. a frame's Dimension Index Values. */
    public DataSetWriter ulValues(int tag, long... v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putInt((int) x);
        return put(tag, "UL", b.array());
    }

    /** Attribute tags (AT), e.g. a dimension's index pointer: each as group then element, 16 bits each. */
    public DataSetWriter at(int tag, int... tags) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * tags.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int t : tags) b.putShort((short) (t >>> 16)).putShort((short) t);
        return put(tag, "AT", b.array());
    }

    /**
     * A sequence of the given items (each a data set of its own), written with explicit lengths: an empty list gives an
     * empty sequence (a type 2 sequence present without items).
     */
    public DataSetWriter sequence(int tag, java.util.List<DataSetWriter> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DataSetWriter item : items) {
            byte[] b = item.toBytes();
            le16(out, 0xFFFE);
            le16(out, 0xE000);
            le32(out, b.length);
            out.writeBytes(b);
        }
        return put(tag, "SQ", out.toByteArray());
    }

    /** A sequence of one item. */
    public DataSetWriter sequence(int tag, DataSetWriter item) { return sequence(tag, java.util.List.of(item)); }

    private DataSetWriter put(int tag, String vr, byte[] value) {
        values.put(tag, value);
        vrs.put(tag, vr);
        return this;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : values.entrySet()) {
            int tag = e.getKey();
            String vr = vrs.get(tag);
            byte[] v = e.getValue();
            le16(out, tag >>> 16);
            le16(out, tag & 0xFFFF);
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (Vr.hasLongLength(vr)) {
                le16(out, 0);
                le32(out, v.length);
            } else {
                if (v.length > 0xFFFF) throw new IllegalArgumentException("value of " + vr + " too long for a 2-byte length");
                le16(out, v.length);
            }
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    /** The shortest decimal string of v within DICOM's 16-character limit. */
    static String ds(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        if (s.length() <= 16 && !s.contains("E")) return s;
        for (int digits = 15; digits > 0; digits--) {
            s = String.format(Locale.ROOT, "%." + digits + "g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
            if (s.length() <= 16) return s;
        }
        throw new IllegalArgumentException("cannot write " + v + " as a DICOM decimal string");
    }

    private static byte[] pad(byte[] b, byte with) {
        if (b.length % 2 == 0) return b;
        byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
        p[b.length] = with;
        return p;
    }

    static void le16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xFF);
        o.write((v >> 8) & 0xFF);
    }

    static void le32(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 4; i++) o.write((int) (v >> (8 * i)) & 0xFF);
    }
}
