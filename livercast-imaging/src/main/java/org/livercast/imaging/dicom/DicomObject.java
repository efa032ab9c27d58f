package org.livercast.imaging.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A data set: elements by tag, with typed readers that follow the VR (and, for implicit files, the caller's
 * expectation). Text is decoded with the data set's Specific Character Set (ISO_IR 100 by default; UTF-8 and GB18030
 * as Chinese centres send them).
 */
public final class DicomObject {
    private final Map<Integer, DicomElement> elements = new LinkedHashMap<>();
    private Charset charset = StandardCharsets.ISO_8859_1;

    /** A data set of the given elements (for writers that rebuild one, e.g. de-identification). */
    public static DicomObject of(Iterable<DicomElement> elements) {
        DicomObject o = new DicomObject();
        for (DicomElement e : elements) o.put(e);
        return o;
    }

    void put(DicomElement e) {
        elements.put(e.tag(), e);
        if (e.tag() == Tag.SpecificCharacterSet) charset = charsetOf(new String(e.value(), StandardCharsets.US_ASCII));
    }

    /** The character set text values are decoded with (from Specific Character Set). */
    public Charset charset() { return charset; }

    public Optional<DicomElement> get(int tag) { return Optional.ofNullable(elements.get(tag)); }

    public boolean contains(int tag) { return elements.containsKey(tag); }

    public Collection<DicomElement> elements() { return elements.values(); }

    /** The text value (trailing spaces and NULs stripped), or null when absent or empty. */
    public String string(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null) return null;
        String s = new String(e.value(), charset);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) end--;
        int start = 0;
        while (start < end && s.charAt(start) == ' ' && !"UT".equals(e.vr()) && !"LT".equals(e.vr()) && !"ST".equals(e.vr())) start++;
        String v = s.substring(start, end);
        return v.isEmpty() ? null : v;
    }

    /** Backslash-separated values, each trimmed. */
    public List<String> strings(int tag) {
        String s = string(tag);
        if (s == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String part : s.split("\\\\", -1)) out.add(part.strip());
        return out;
    }

    /** Decimal strings (DS) or binary floats (FL/FD) as doubles. */
    public double[] doubles(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null || e.value().length == 0) return new double[0];
        if ("FD".equals(e.vr()) || "FL".equals(e.vr())) {
            ByteBuffer b = buffer(e);
            int size = "FD".equals(e.vr()) ? 8 : 4;
            double[] out = new double[e.value().length / size];
            for (int i = 0; i < out.length; i++) out[i] = size == 8 ? b.getDouble() : b.getFloat();
            return out;
        }
        List<String> parts = strings(tag);
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(parts.get(i));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(Tag.toString(tag) + " value '" + parts.get(i) + "' is not a number");
            }
        }
        return out;
    }

    public double doubleValue(int tag, double orElse) {
        double[] v = doubles(tag);
        return v.length == 0 ? orElse : v[0];
    }

    /** Unsigned/signed short or long binary (US, SS, UL, SL) or integer string (IS). */
    public int intValue(int tag, int orElse) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null || e.value().length == 0) return orElse;
        String vr = e.vr();
        if ("IS".equals(vr) || "DS".equals(vr) || ("UN".equals(vr) && looksNumericText(e.value()))) {
            String s = string(tag);
            if (s == null) return orElse;
            return (int) Math.round(Double.parseDouble(s.split("\\\\")[0].strip()));
        }
        ByteBuffer b = buffer(e);
        if ("US".equals(vr) || ("UN".equals(vr) && e.value().length == 2)) return b.getShort() & 0xFFFF;
        if ("SS".equals(vr)) return b.getShort();
        if ("UL".equals(vr) || "SL".equals(vr) || e.value().length == 4) return b.getInt();
        throw new IllegalArgumentException(Tag.toString(tag) + " with VR " + vr + " is not an integer");
    }

    public List<DicomObject> sequence(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.items() == null ? List.of() : e.items();
    }

    /** An implicit-VR value of unknown VR that reads as a decimal number is text (IS/DS), not binary. */
    private static boolean looksNumericText(byte[] v) {
        if (v.length == 0) return false;
        for (byte b : v) {
            if (!(b >= '0' && b <= '9') && b != ' ' && b != '+' && b != '-' && b != '.' && b != '\\' && b != 0) return false;
        }
        return true;
    }

    private static ByteBuffer buffer(DicomElement e) {
        return ByteBuffer.wrap(e.value()).order(e.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    static Charset charsetOf(String term) {
        String t = term.strip().toUpperCase(Locale.ROOT);
        if (t.contains("ISO_IR 192")) return StandardCharsets.UTF_8;
        if (t.contains("GB18030") || t.contains("GBK")) return Charset.forName("GB18030");
        if (t.contains("ISO_IR 6") && !t.contains("ISO_IR 6 ") && t.equals("ISO_IR 6")) return StandardCharsets.US_ASCII;
        return StandardCharsets.ISO_8859_1;
    }
}
