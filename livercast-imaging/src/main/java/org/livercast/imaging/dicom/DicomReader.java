package org.livercast.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Parses DICOM Part 10 files: the 128-byte preamble and "DICM", the explicit-VR-little-endian meta group, then the
 * data set in its transfer syntax (implicit or explicit VR, little or big endian, deflated). Sequences of defined and
 * undefined length nest; encapsulated pixel data is kept as fragments. Files without a meta header are read by
 * guessing the encoding from the first element, as pydicom's force=True does. Every length is bounds-checked, so a
 * truncated or corrupt file fails with a message naming the file, the element and the offset — never a hang.
 */
public final class DicomReader {
    private static final int UNDEFINED = -1;
    private static final int MAX_DEPTH = 64;

    private final String file;
    private final byte[] buf;
    private boolean bigEndian;
    private boolean explicit;
    private String truncation;

    private DicomReader(String file, byte[] buf) {
        this.file = file;
        this.buf = buf;
    }

    public static DicomFile read(Path path) throws IOException {
        return parse(path.toString(), Files.readAllBytes(path));
    }

    /**
     * A Part 10 file's meta information (group 0002) alone, from its first 8 KiB: what it is (Media Storage SOP Class)
     * without parsing its data set; null when there is no DICM prefix.
     */
    public static DicomObject meta(Path path) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(8192);
        }
        if (!isDicom(head)) return null;
        DicomReader r = new DicomReader(path.toString(), head).withEncoding(true, false);
        int[] pos = {132};
        DicomObject meta = new DicomObject();
        while (pos[0] + 8 <= head.length && r.u16(pos[0]) == 0x0002) meta.put(r.element(pos, head.length, 0));
        return meta;
    }

    /** True when the bytes look like a DICOM file (preamble and DICM), for discovery by content. */
    public static boolean isDicom(byte[] head) {
        return head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    public static DicomFile parse(String file, byte[] bytes) {
        return new DicomReader(file, bytes).parseFile();
    }

    private DicomFile parseFile() {
        if (isDicom(buf)) {
            explicit = true;
            bigEndian = false;
            int[] pos = {132};
            DicomObject meta = new DicomObject();
            while (pos[0] + 4 <= buf.length && (u16(pos[0]) == 0x0002)) meta.put(element(pos, buf.length, 0));
            String tsUid = meta.string(Tag.TransferSyntaxUID);
            // Without a transfer syntax, guess from the first data element as pydicom does.
            TransferSyntax ts = tsUid != null ? TransferSyntax.of(tsUid) : guess(pos[0]);
            DicomObject data = dataSet(ts, pos[0]);
            return new DicomFile(file, meta, data, ts, tsUid != null ? tsUid : ts.uid(), truncation);
        }
        if (buf.length >= 132 && buf.length > 0 && looksLikePreambleOnly()) {
            throw new DicomFileException(file, "no 'DICM' prefix after the 128-byte preamble: not a DICOM Part 10 file");
        }
        return parseWithoutMeta();
    }

    /** A 128-byte zero preamble with something else than DICM: a damaged file, not a raw data set. */
    private boolean looksLikePreambleOnly() {
        for (int i = 0; i < 128; i++) if (buf[i] != 0) return false;
        return true;
    }

    private DicomFile parseWithoutMeta() {
        if (buf.length < 8) throw new DicomFileException(file, "too short to be DICOM (" + buf.length + " bytes)");
        TransferSyntax ts = guess(0);
        int group = ts.bigEndian() ? (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF) : (buf[0] & 0xFF) | (buf[1] & 0xFF) << 8;
        if (group == 0 || group > 0x0FFF) {
            throw new DicomFileException(file, "not a DICOM file: no preamble or meta header, and the first group (" + String.format("%04X", group)
                    + ") is not a data set's");
        }
        return new DicomFile(file, new DicomObject(), dataSet(ts, 0), ts, ts.uid(), truncation);
    }

    /** Endianness from the first group number, explicit VR when bytes 4-5 spell a VR. */
    private TransferSyntax guess(int p) {
        if (p + 8 > buf.length) throw new DicomFileException(file, "too short to hold a data set");
        int le = (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8;
        int be = (buf[p] & 0xFF) << 8 | (buf[p + 1] & 0xFF);
        boolean big = be < le && be != 0 && be <= 0x0010;
        boolean exp = Vr.isValid(new String(buf, p + 4, 2, StandardCharsets.US_ASCII));
        if (big) return TransferSyntax.EXPLICIT_VR_BE;
        return exp ? TransferSyntax.EXPLICIT_VR_LE : TransferSyntax.IMPLICIT_VR_LE;
    }

    private DicomObject dataSet(TransferSyntax ts, int start) {
        explicit = ts.explicitVr();
        bigEndian = ts.bigEndian();
        if (ts.deflated()) {
            DicomReader inflated = new DicomReader(file, inflate(start)).withEncoding(explicit, false);
            DicomObject d = inflated.items(0, UNDEFINED_END, 0);
            truncation = inflated.truncation;
            return d;
        }
        return items(start, buf.length, 0);
    }

    private static final int UNDEFINED_END = Integer.MAX_VALUE;

    private DicomReader withEncoding(boolean exp, boolean big) {
        this.explicit = exp;
        this.bigEndian = big;
        return this;
    }

    private byte[] inflate(int start) {
        Inflater inflater = new Inflater(true);
        inflater.setInput(buf, start, buf.length - start);
        ByteArrayOutputStream out = new ByteArrayOutputStream(buf.length * 3);
        byte[] chunk = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new DicomFileException(file, "deflated data set is corrupt: " + e.getMessage());
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** Reads elements from pos until end (a data set), or until an item delimiter when end is undefined. */
    private DicomObject items(int start, int end, int depth) {
        int[] pos = {start};
        DicomObject obj = readUntil(pos, end, depth);
        return obj;
    }

    private DicomObject readUntil(int[] pos, int end, int depth) {
        if (depth > MAX_DEPTH) throw new DicomFileException(file, "sequences nested deeper than " + MAX_DEPTH);
        DicomObject obj = new DicomObject();
        int limit = Math.min(end, buf.length);
        while (pos[0] < limit) {
            if (end == UNDEFINED_END && pos[0] + 8 <= buf.length && tagAt(pos[0]) == Tag.ItemDelimitationItem) {
                pos[0] += 8;
                return obj;
            }
            if (pos[0] + 8 > buf.length) {
                // Trailing padding shorter than a header is tolerated only at the very end of the file.
                if (end == UNDEFINED_END || end >= buf.length) break;
                throw new DicomFileException(file, "truncated element header at offset " + pos[0]);
            }
            obj.put(element(pos, limit, depth));
        }
        if (end != UNDEFINED_END && end > buf.length) {
            throw new DicomFileException(file, "truncated: data set should end at offset " + end + " but the file has " + buf.length + " bytes");
        }
        return obj;
    }

    private DicomElement element(int[] pos, int limit, int depth) {
        int p = pos[0];
        int tag = tagAt(p);
        p += 4;
        String vr;
        long length;
        if (explicit && Tag.group(tag) != 0xFFFE) {
            need(p, 2, tag);
            vr = new String(buf, p, 2, StandardCharsets.US_ASCII);
            p += 2;
            if (!Vr.isValid(vr)) {
                // Some writers put implicit elements in explicit files; fall back to the dictionary like pydicom.
                vr = Dictionary.vrOf(tag);
                p -= 2;
                need(p, 4, tag);
                length = u32(p);
                p += 4;
            } else if (Vr.hasLongLength(vr)) {
                need(p, 6, tag);
                length = u32(p + 2);
                p += 6;
            } else {
                need(p, 2, tag);
                length = u16(p);
                p += 2;
            }
        } else {
            need(p, 4, tag);
            vr = tag == Tag.PixelData ? "OW" : Dictionary.vrOf(tag);
            length = u32(p);
            p += 4;
        }
        boolean undefined = length == 0xFFFFFFFFL;
        if (tag == Tag.PixelData && undefined) {
            pos[0] = p;
            return new DicomElement(tag, "OB", null, bigEndian, null, fragments(pos, tag));
        }
        if ("SQ".equals(vr) || (undefined && !explicit) || (undefined && "UN".equals(vr))) {
            pos[0] = p;
            return new DicomElement(tag, "SQ", null, bigEndian, sequence(pos, undefined ? UNDEFINED : (int) length, tag, depth), null);
        }
        if (undefined) throw new DicomFileException(file, tag, "undefined length on a non-sequence element at offset " + pos[0]);
        if (length > buf.length - p) {
            // Keep what is there (tags before the cut stay readable, as in pydicom) and remember why pixels are unusable.
            truncation = Tag.toString(tag) + " declares " + length + " bytes at offset " + p + " but the file ends after "
                    + (buf.length - p);
            byte[] partial = java.util.Arrays.copyOfRange(buf, Math.min(p, buf.length), buf.length);
            pos[0] = buf.length;
            return new DicomElement(tag, vr, partial, bigEndian, null, null);
        }
        byte[] value = java.util.Arrays.copyOfRange(buf, p, p + (int) length);
        pos[0] = p + (int) length;
        if (pos[0] > limit) throw new DicomFileException(file, tag, "value runs past the end of its enclosing item");
        return new DicomElement(tag, vr, value, bigEndian, null, null);
    }

    private List<DicomObject> sequence(int[] pos, int length, int tag, int depth) {
        List<DicomObject> items = new ArrayList<>();
        int end = length == UNDEFINED ? Integer.MAX_VALUE : pos[0] + length;
        if (length != UNDEFINED && end > buf.length) {
            truncation = Tag.toString(tag) + " declares " + length + " bytes but the file ends first";
            end = buf.length;
        }
        while (pos[0] < end) {
            need(pos[0], 8, tag);
            int itemTag = tagAt(pos[0]);
            long itemLength = u32(pos[0] + 4);
            pos[0] += 8;
            if (itemTag == Tag.SequenceDelimitationItem) break;
            if (itemTag != Tag.Item) {
                throw new DicomFileException(file, tag, "expected an item in the sequence but found " + Tag.toString(itemTag) + " at offset " + (pos[0] - 8));
            }
            if (itemLength == 0xFFFFFFFFL) {
                items.add(readUntil(pos, UNDEFINED_END, depth + 1));
            } else {
                int itemEnd = pos[0] + (int) itemLength;
                if (itemLength > buf.length - pos[0]) {
                    truncation = Tag.toString(tag) + " has an item of " + itemLength + " bytes past the end of the file";
                    items.add(readUntil(pos, buf.length, depth + 1));
                    pos[0] = buf.length;
                    return items;
                }
                items.add(readUntil(pos, itemEnd, depth + 1));
                pos[0] = itemEnd;
            }
            if (length == UNDEFINED && pos[0] >= buf.length) {
                truncation = Tag.toString(tag) + " has no sequence delimiter before the end of the file";
                return items;
            }
        }
        return items;
    }

    private List<byte[]> fragments(int[] pos, int tag) {
        List<byte[]> out = new ArrayList<>();
        while (true) {
            if (pos[0] + 8 > buf.length) {
                truncation = "encapsulated pixel data has no sequence delimiter before the end of the file";
                return out;
            }
            int itemTag = tagAt(pos[0]);
            long len = u32(pos[0] + 4);
            pos[0] += 8;
            if (itemTag == Tag.SequenceDelimitationItem) return out;
            if (itemTag != Tag.Item) throw new DicomFileException(file, tag, "expected a pixel data fragment, found " + Tag.toString(itemTag));
            if (len > buf.length - pos[0]) {
                truncation = "pixel data fragment of " + len + " bytes runs past the end of the file";
                pos[0] = buf.length;
                return out;
            }
            out.add(java.util.Arrays.copyOfRange(buf, pos[0], pos[0] + (int) len));
            pos[0] += (int) len;
        }
    }

    private void need(int p, int n, int tag) {
        if (p + n > buf.length) throw new DicomFileException(file, tag, "truncated element header at offset " + p);
    }

    private int tagAt(int p) { return u16(p) << 16 | u16(p + 2); }

    private int u16(int p) {
        int a = buf[p] & 0xFF;
        int b = buf[p + 1] & 0xFF;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    private long u32(int p) {
        long a = buf[p] & 0xFF;
        long b = buf[p + 1] & 0xFF;
        long c = buf[p + 2] & 0xFF;
        long d = buf[p + 3] & 0xFF;
        return bigEndian ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a;
    }
}
