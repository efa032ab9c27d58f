package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Low-level little-endian TIFF/BigTIFF writing: image data appended as it comes (tiles of any level, in any order),
 * directories written at the end and chained, then the header patched to point at the first.
 *
 * <p>The NDPI flavour is Hamamatsu's classic TIFF with 64-bit offsets: the header's first-directory offset and each
 * next pointer take 8 bytes, and after each directory come 4 bytes per entry, the high half of its value or offset
 * (all zero below 4 GiB, where the file is also a plain TIFF).
 */
final class TiffWriter implements AutoCloseable {
    /** One directory to write: tag → value (long[] numbers, double[] rationals, String ASCII, byte[] undefined). */
    static final class Directory {
        final TreeMap<Integer, Object> entries = new TreeMap<>();
        final TreeMap<Integer, Integer> types = new TreeMap<>();

        Directory put(int tag, int type, Object value) {
            entries.put(tag, value);
            types.put(tag, type);
            return this;
        }

        Directory shorts(int tag, long... v) { return put(tag, 3, v); }

        Directory longs(int tag, long... v) { return put(tag, 4, v); }

        Directory offsets(int tag, boolean big, long... v) { return put(tag, big ? 16 : 4, v); }

        Directory rational(int tag, double v) { return put(tag, 5, new double[] {v}); }

        Directory signedLongs(int tag, long... v) { return put(tag, 9, v); }

        Directory floats(int tag, double... v) { return put(tag, 11, v); }

        Directory ascii(int tag, String v) { return put(tag, 2, v); }

        Directory undefined(int tag, byte[] v) { return put(tag, 7, v); }
    }

    private final FileChannel out;
    private final boolean big;
    private final boolean ndpi;
    private long position;

    TiffWriter(Path path, boolean bigTiff) throws IOException { this(path, bigTiff, false); }

    private TiffWriter(Path path, boolean bigTiff, boolean ndpi) throws IOException {
        this.out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.big = bigTiff;
        this.ndpi = ndpi;
        ByteBuffer h = ByteBuffer.allocate(big ? 16 : ndpi ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'I').put((byte) 'I');
        if (big) {
            h.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
        } else {
            h.putShort((short) 42).putInt(0);
            if (ndpi) h.putInt(0);
        }
        write(h.flip());
    }

    /** A writer of Hamamatsu's NDPI flavour (see the class comment). */
    static TiffWriter ndpi(Path path) throws IOException { return new TiffWriter(path, false, true); }

    /** Leaves {@code bytes} unwritten (a hole in a sparse file) before the next appended byte. */
    void skip(long bytes) { position += bytes; }

    /** Where the next appended byte goes. */
    long position() { return position; }

    /** Appends bytes where they fall, without aligning: a strip written in pieces stays contiguous. */
    void appendContiguous(byte[] data, int from, int length) throws IOException { write(ByteBuffer.wrap(data, from, length)); }

    boolean big() { return big; }

    /** Appends bytes (word-aligned) and returns where they start. */
    long append(byte[] data) throws IOException {
        if ((position & 1) != 0) write(ByteBuffer.wrap(new byte[1]));
        long at = position;
        write(ByteBuffer.wrap(data));
        return at;
    }

    /** Writes the directories chained in order and points the header at the first. */
    void finish(List<Directory> dirs) throws IOException {
        List<Long> offsets = new ArrayList<>();
        long[] nextFieldPositions = new long[dirs.size()];
        for (int d = 0; d < dirs.size(); d++) {
            offsets.add(writeDirectory(dirs.get(d), d, nextFieldPositions));
        }
        for (int d = 0; d + 1 < dirs.size(); d++) patch(nextFieldPositions[d], offsets.get(d + 1));
        patch(big ? 8 : 4, offsets.get(0));
    }

    /** The high halves of a directory's values, NDPI's 64-bit extension (entry order). */
    private static long high(long v) { return v >>> 32; }

    private long writeDirectory(Directory dir, int d, long[] nextFieldPositions) throws IOException {
        // Values that do not fit in the entry go first, then the entry table.
        TreeMap<Integer, Long> valueOffsets = new TreeMap<>();
        for (var e : dir.entries.entrySet()) {
            byte[] v = encode(dir.types.get(e.getKey()), e.getValue());
            if (v.length > (big ? 8 : 4)) valueOffsets.put(e.getKey(), append(v));
        }
        if ((position & 1) != 0) write(ByteBuffer.wrap(new byte[1]));
        long at = position;
        int entrySize = big ? 20 : 12;
        int n = dir.entries.size();
        ByteBuffer b = ByteBuffer.allocate((big ? 8 : 2) + n * entrySize + (big || ndpi ? 8 : 4) + (ndpi ? 4 * n : 0)).order(ByteOrder.LITTLE_ENDIAN);
        long[] highs = new long[n];
        int k = 0;
        if (big) b.putLong(dir.entries.size());
        else b.putShort((short) dir.entries.size());
        for (var e : dir.entries.entrySet()) {
            int type = dir.types.get(e.getKey());
            byte[] v = encode(type, e.getValue());
            b.putShort((short) (int) e.getKey()).putShort((short) type);
            long count = count(type, e.getValue());
            if (big) b.putLong(count);
            else b.putInt((int) count);
            byte[] field = new byte[big ? 8 : 4];
            if (valueOffsets.containsKey(e.getKey())) {
                ByteBuffer o = ByteBuffer.wrap(field).order(ByteOrder.LITTLE_ENDIAN);
                long valueAt = valueOffsets.get(e.getKey());
                if (big) o.putLong(valueAt);
                else o.putInt((int) valueAt);
                highs[k] = high(valueAt);
            } else {
                System.arraycopy(v, 0, field, 0, Math.min(v.length, field.length));
                // NDPI: a single LONG beyond 32 bits (a strip's offset) keeps its high half after the directory.
                if (ndpi && type == 4 && e.getValue() instanceof long[] a && a.length == 1) highs[k] = high(a[0]);
            }
            b.put(field);
            k++;
        }
        nextFieldPositions[d] = at + b.position();
        if (big || ndpi) b.putLong(0);
        else b.putInt(0);
        if (ndpi) for (long h : highs) b.putInt((int) h);
        write(b.flip());
        return at;
    }

    private long count(int type, Object v) {
        if (v instanceof String s) return s.getBytes(StandardCharsets.ISO_8859_1).length + 1;
        if (v instanceof byte[] b) return b.length;
        if (v instanceof double[] d) return d.length;
        return ((long[]) v).length;
    }

    private byte[] encode(int type, Object v) {
        if (v instanceof String s) {
            byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
            return java.util.Arrays.copyOf(t, t.length + 1);
        }
        if (v instanceof byte[] b) return b;
        if (v instanceof double[] d && type == 11) {
            ByteBuffer b = ByteBuffer.allocate(4 * d.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double x : d) b.putFloat((float) x);
            return b.array();
        }
        if (v instanceof double[] d) {
            ByteBuffer b = ByteBuffer.allocate(8 * d.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double x : d) {
                long den = 10_000;
                b.putInt((int) Math.round(x * den)).putInt((int) den);
            }
            return b.array();
        }
        long[] a = (long[]) v;
        int size = type == 3 ? 2 : type == 16 ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(size * a.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : a) {
            if (size == 2) b.putShort((short) x);
            else if (size == 4) b.putInt((int) x);
            else b.putLong(x);
        }
        return b.array();
    }

    private void patch(long at, long value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(big || ndpi ? 8 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (big || ndpi) b.putLong(value); // NDPI: low half, then high half
        else {
            if (value > 0xFFFFFFFFL) throw new IOException("offset " + value + " needs BigTIFF");
            b.putInt((int) value);
        }
        b.flip();
        while (b.hasRemaining()) out.write(b, at + b.position());
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) position += out.write(b, position);
        if (!big && !ndpi && position > 0xFFFFFFFFL) throw new IOException("file exceeds 4 GiB: write it as BigTIFF");
    }

    @Override
    public void close() throws IOException { out.close(); }
}
