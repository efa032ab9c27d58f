package org.livercast.imaging.write;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.dicom.TransferSyntax;
import org.livercast.imaging.dicom.Vr;

/**
 * Writes a parsed data set back as a DICOM Part 10 file: a fresh meta header, then the data set in explicit VR little
 * endian (native pixels) or in its own encapsulated syntax (compressed pixels, kept byte for byte). Big-endian
 * values are swapped, implicit-VR elements get their dictionary VR, sequences and items are written with undefined
 * length and delimiters (what every reader accepts). Elements are written in ascending tag order, as PS3.5 requires.
 */
public final class Part10Writer {
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private Part10Writer() {}

    /**
     * @param transferSyntaxUid the source's syntax: native syntaxes (implicit, big endian, deflated) are written as
     *                          explicit VR little endian; encapsulated ones keep their UID
     */
    public static byte[] write(DicomObject dataSet, String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        TransferSyntax ts = TransferSyntax.of(transferSyntaxUid);
        String outUid = ts.codec() == TransferSyntax.Codec.NATIVE ? Uids.EXPLICIT_VR_LE : transferSyntaxUid;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        byte[] meta = new DataSetWriter()
                .binary(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1})
                .text(Tag.MediaStorageSOPClassUID, "UI", sopClassUid)
                .text(Tag.MediaStorageSOPInstanceUID, "UI", sopInstanceUid)
                .text(Tag.TransferSyntaxUID, "UI", outUid)
                .text(Tag.ImplementationClassUID, "UI", Uids.IMPLEMENTATION_CLASS)
                .text(Tag.ImplementationVersionName, "SH", "LIVERCAST_0_1")
                .toBytes();
        out.writeBytes(new DataSetWriter().ul(Tag.FileMetaInformationGroupLength, meta.length).toBytes());
        out.writeBytes(meta);
        writeDataSet(out, dataSet);
        return out.toByteArray();
    }

    /** A Part 10 file around a data set already encoded in explicit VR little endian (as {@link DataSetWriter} writes it). */
    public static byte[] wrap(String sopClassUid, String sopInstanceUid, byte[] explicitLittleEndianDataSet) {
        byte[] head = preambleAndMeta(sopClassUid, sopInstanceUid, Uids.EXPLICIT_VR_LE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + explicitLittleEndianDataSet.length);
        out.writeBytes(head);
        out.writeBytes(explicitLittleEndianDataSet);
        return out.toByteArray();
    }

    /**
     * The 128-byte preamble, "DICM" and the file meta information: what precedes a data set written in pieces (a
     * whole-slide level's header, then its frames streamed one by one).
     */
    public static byte[] preambleAndMeta(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        byte[] meta = new DataSetWriter()
                .binary(Tag.FileMetaInformationVersion, "OB", new byte[] {0, 1})
                .text(Tag.MediaStorageSOPClassUID, "UI", sopClassUid)
                .text(Tag.MediaStorageSOPInstanceUID, "UI", sopInstanceUid)
                .text(Tag.TransferSyntaxUID, "UI", transferSyntaxUid)
                .text(Tag.ImplementationClassUID, "UI", Uids.IMPLEMENTATION_CLASS)
                .text(Tag.ImplementationVersionName, "SH", "LIVERCAST_0_1")
                .toBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(132 + 12 + meta.length);
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new DataSetWriter().ul(Tag.FileMetaInformationGroupLength, meta.length).toBytes());
        out.writeBytes(meta);
        return out.toByteArray();
    }

    private static void writeDataSet(ByteArrayOutputStream out, DicomObject d) {
        List<DicomElement> sorted = new ArrayList<>(d.elements());
        sorted.sort(Comparator.comparingLong(e -> Integer.toUnsignedLong(e.tag())));
        for (DicomElement e : sorted) {
            if ((e.tag() >>> 16) == 0x0002) continue;                       // meta lives in the header only
            writeElement(out, e);
        }
    }

    private static void writeElement(ByteArrayOutputStream out, DicomElement e) {
        if (e.isSequence()) {
            header(out, e.tag(), "SQ", UNDEFINED);
            for (DicomObject item : e.items()) {
                tag(out, ITEM);
                le32(out, UNDEFINED);
                writeDataSet(out, item);
                tag(out, ITEM_END);
                le32(out, 0);
            }
            tag(out, SEQUENCE_END);
            le32(out, 0);
            return;
        }
        if (e.isEncapsulated()) {
            header(out, e.tag(), "OB", UNDEFINED);
            for (byte[] f : e.fragments()) {
                tag(out, ITEM);
                byte[] even = f.length % 2 == 0 ? f : java.util.Arrays.copyOf(f, f.length + 1);
                le32(out, even.length);
                out.writeBytes(even);
            }
            tag(out, SEQUENCE_END);
            le32(out, 0);
            return;
        }
        String vr = Vr.isValid(e.vr()) ? e.vr() : "UN";
        byte[] v = e.value() == null ? new byte[0] : e.bigEndian() ? toLittleEndian(vr, e.value()) : e.value();
        if (v.length % 2 == 1) v = pad(v, vr);
        if (!Vr.hasLongLength(vr) && v.length > 0xFFFF) vr = "UN";           // too long for a short form: keep the bytes
        header(out, e.tag(), vr, v.length);
        out.writeBytes(v);
    }

    private static byte[] pad(byte[] v, String vr) {
        byte[] p = java.util.Arrays.copyOf(v, v.length + 1);
        p[v.length] = Vr.isText(vr) && !"UI".equals(vr) ? (byte) ' ' : 0;
        return p;
    }

    /** Binary values change byte order; text does not. AT is a pair of 16-bit numbers. */
    static byte[] toLittleEndian(String vr, byte[] v) {
        int unit = switch (vr) {
            case "US", "SS", "OW", "AT" -> 2;
            case "UL", "SL", "FL", "OL", "OF" -> 4;
            case "FD", "OD", "SV", "UV", "OV" -> 8;
            default -> 1;
        };
        if (unit == 1) return v;
        byte[] o = v.clone();
        for (int i = 0; i + unit <= o.length; i += unit) {
            for (int j = 0; j < unit / 2; j++) {
                byte t = o[i + j];
                o[i + j] = o[i + unit - 1 - j];
                o[i + unit - 1 - j] = t;
            }
        }
        return o;
    }

    private static void header(ByteArrayOutputStream out, int tag, String vr, long length) {
        tag(out, tag);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (Vr.hasLongLength(vr)) {
            out.write(0);
            out.write(0);
            le32(out, length);
        } else {
            out.write((int) length & 0xFF);
            out.write((int) (length >> 8) & 0xFF);
        }
    }

    private static void tag(ByteArrayOutputStream out, int tag) {
        int g = tag >>> 16;
        int el = tag & 0xFFFF;
        out.write(g & 0xFF);
        out.write(g >> 8);
        out.write(el & 0xFF);
        out.write(el >> 8);
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        out.write((int) v & 0xFF);
        out.write((int) (v >> 8) & 0xFF);
        out.write((int) (v >> 16) & 0xFF);
        out.write((int) (v >> 24) & 0xFF);
    }
}
