package org.livercast.pathology.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TIFF or BigTIFF file: every IFD parsed on open (with bounds checks against the file size and a guard against
 * IFD loops), and thread-safe positional reads of tile and strip bytes.
 *
 * <p>Hamamatsu NDPI is classic TIFF with 64-bit offsets bolted on: the header's first-directory offset and each
 * directory's next pointer are 8 bytes, and after each directory come 4 bytes per entry holding the high half of that
 * entry's value or offset. Such a file (Software "NDP.scan…" or the NDPI format flag, tag 65420) is read with those
 * high halves where it is larger than 4 GiB; below that they are zero and the file reads as the TIFF it also is.
 */
public final class TiffFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;
    private final boolean big;
    private final boolean ndpi;
    private final List<Ifd> ifds;

    /** NDPI's format flag, present in every directory of a Hamamatsu NDPI file. */
    public static final int NDPI_FORMAT_FLAG = 65420;
    private static final long FOUR_GIB = 1L << 32;

    private TiffFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        try {
            if (size < 8) throw new TiffException(path + ": not a TIFF file (" + size + " bytes)");
            ByteBuffer h = read(0, (int) Math.min(16, size));
            if (h.get(0) == 'I' && h.get(1) == 'I') order = ByteOrder.LITTLE_ENDIAN;
            else if (h.get(0) == 'M' && h.get(1) == 'M') order = ByteOrder.BIG_ENDIAN;
            else throw new TiffException(path + ": not a TIFF file (no II/MM byte-order mark)");
            h.order(order);
            int version = h.getShort(2) & 0xFFFF;
            if (version == 42) {
                big = false;
                long first = h.getInt(4) & 0xFFFFFFFFL;
                long firstHigh = size >= 12 ? h.getInt(8) & 0xFFFFFFFFL : 0;
                boolean wide = size > FOUR_GIB && firstHigh != 0 && (firstHigh << 32 | first) < size;
                List<Ifd> read = readIfds(wide ? firstHigh << 32 | first : first, wide);
                if (!wide && size > FOUR_GIB && isNdpi(read)) read = readIfds(first, true);
                ndpi = isNdpi(read);
                ifds = read;
            } else if (version == 43 && size >= 16) {
                big = true;
                ndpi = false;
                ifds = readIfds(h.getLong(8), false);
            } else {
                throw new TiffException(path + ": TIFF version " + version + " is neither 42 (TIFF) nor 43 (BigTIFF)");
            }
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
    }

    public static TiffFile open(Path path) throws IOException { return new TiffFile(path); }

    public Path path() { return path; }

    public List<Ifd> ifds() { return ifds; }

    public boolean bigTiff() { return big; }

    /** Whether this is a Hamamatsu NDPI file (see the class comment). */
    public boolean ndpi() { return ndpi; }

    private static boolean isNdpi(List<Ifd> ifds) {
        if (ifds.isEmpty()) return false;
        Ifd first = ifds.get(0);
        String software = first.text(Ifd.SOFTWARE);
        return first.has(NDPI_FORMAT_FLAG) || software != null && software.startsWith("NDP.scan");
    }

    public long size() { return size; }

    /** Where a directory's "next IFD" pointer sits in the file (to unlink a directory from the chain). */
    public long nextPointerPosition(Ifd ifd) {
        return ifd.offset() + (big ? 8 : 2) + (long) ifd.entryCount() * (big ? 20 : 12);
    }

    public java.nio.ByteOrder order() { return order; }

    /**
     * Where a tag's value bytes sit in the file: {offset, byte count}, or null when the directory lacks the tag. Lets
     * a caller overwrite a value in place (e.g. scrub an ImageDescription) without rewriting the file.
     */
    public long[] valueLocation(Ifd ifd, int tag) throws IOException {
        int entrySize = big ? 20 : 12;
        long entriesAt = ifd.offset() + (big ? 8 : 2);
        ByteBuffer e = ByteBuffer.wrap(bytes(entriesAt, (long) ifd.entryCount() * entrySize, "IFD " + ifd.index())).order(order);
        for (int i = 0; i < ifd.entryCount(); i++) {
            int base = i * entrySize;
            if ((e.getShort(base) & 0xFFFF) != tag) continue;
            int unit = unitSize(e.getShort(base + 2) & 0xFFFF);
            long n = big ? e.getLong(base + 4) : e.getInt(base + 4) & 0xFFFFFFFFL;
            long length = n * unit;
            if (length <= (big ? 8 : 4)) return new long[] {entriesAt + base + (big ? 12 : 8), length};
            return new long[] {big ? e.getLong(base + 12) : e.getInt(base + 8) & 0xFFFFFFFFL, length};
        }
        return null;
    }

    /** Reads {@code length} bytes at {@code offset}, failing with the file name if they run past its end. */
    public byte[] bytes(long offset, long length, String what) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new TiffException(path + ": " + what + " at offset " + offset + " (" + length + " bytes) lies past the end of the file ("
                    + size + " bytes)");
        }
        if (length > Integer.MAX_VALUE - 8) throw new TiffException(path + ": " + what + " of " + length + " bytes is too large");
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining()) {
            int n = channel.read(b, offset + b.position());
            if (n < 0) throw new TiffException(path + ": unexpected end of file reading " + what);
        }
        return b.array();
    }

    private ByteBuffer read(long offset, int length) throws IOException {
        return ByteBuffer.wrap(bytes(offset, length, "header")).order(order == null ? ByteOrder.LITTLE_ENDIAN : order);
    }

    /** @param wide NDPI's 64-bit layout: 8-byte next pointers and a high half per entry after the directory */
    private List<Ifd> readIfds(long first, boolean wide) throws IOException {
        List<Ifd> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long next = first;
        while (next != 0) {
            if (!seen.add(next)) throw new TiffException(path + ": IFD chain loops back to offset " + next);
            if (out.size() > 10_000) throw new TiffException(path + ": more than 10000 IFDs");
            int entrySize = big ? 20 : 12;
            ByteBuffer countBuf = ByteBuffer.wrap(bytes(next, big ? 8 : 2, "IFD " + out.size())).order(order);
            long count = big ? countBuf.getLong(0) : countBuf.getShort(0) & 0xFFFF;
            if (count > 100_000) throw new TiffException(path + ": IFD " + out.size() + " claims " + count + " entries");
            long entriesAt = next + (big ? 8 : 2);
            ByteBuffer e = ByteBuffer.wrap(bytes(entriesAt, count * entrySize + (big || wide ? 8 : 4), "IFD " + out.size())).order(order);
            long[] high = new long[(int) count];
            if (wide) {
                ByteBuffer x = ByteBuffer.wrap(bytes(entriesAt + count * entrySize + 8, count * 4, "IFD " + out.size() + "'s NDPI offset extensions"))
                        .order(order);
                for (int i = 0; i < count; i++) high[i] = (x.getInt(4 * i) & 0xFFFFFFFFL) << 32;
            }
            Map<Integer, Object> entries = new HashMap<>();
            for (int i = 0; i < count; i++) {
                int base = i * entrySize;
                int tag = e.getShort(base) & 0xFFFF;
                int type = e.getShort(base + 2) & 0xFFFF;
                long n = big ? e.getLong(base + 4) : e.getInt(base + 4) & 0xFFFFFFFFL;
                int inline = big ? 8 : 4;
                int unit = unitSize(type);
                if (unit == 0) continue;
                long bytes = n * unit;
                ByteBuffer value;
                if (bytes <= inline) {
                    value = e.duplicate().order(order);
                    value.position(base + (big ? 12 : 8));
                    value = value.slice().order(order);
                } else {
                    long at = big ? e.getLong(base + 12) : e.getInt(base + 8) & 0xFFFFFFFFL | high[i];
                    value = ByteBuffer.wrap(bytes(at, bytes, "value of tag " + tag + " in IFD " + out.size())).order(order);
                }
                Object decoded = decode(type, (int) n, value);
                // NDPI: a single LONG held in the entry (a strip's offset or byte count) has its high half after the directory.
                if (high[i] != 0 && n == 1 && type == 4 && decoded instanceof long[] a) a[0] |= high[i];
                entries.put(tag, decoded);
            }
            out.add(new Ifd(out.size(), next, (int) count, Map.copyOf(entries)));
            int at = (int) count * entrySize;
            next = big ? e.getLong(at) : wide ? e.getInt(at) & 0xFFFFFFFFL | (e.getInt(at + 4) & 0xFFFFFFFFL) << 32 : e.getInt(at) & 0xFFFFFFFFL;
        }
        return List.copyOf(out);
    }

    private static int unitSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    private static Object decode(int type, int n, ByteBuffer v) {
        switch (type) {
            case 2: {
                byte[] b = new byte[n];
                v.get(0, b);
                int end = n;
                while (end > 0 && b[end - 1] == 0) end--;
                return new String(b, 0, end, StandardCharsets.ISO_8859_1);
            }
            case 1, 6, 7: {
                byte[] b = new byte[n];
                v.get(0, b);
                return b;
            }
            case 5, 10: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    long num = type == 5 ? v.getInt(8 * i) & 0xFFFFFFFFL : v.getInt(8 * i);
                    long den = type == 5 ? v.getInt(8 * i + 4) & 0xFFFFFFFFL : v.getInt(8 * i + 4);
                    d[i] = den == 0 ? 0 : (double) num / den;
                }
                return d;
            }
            case 11: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = v.getFloat(4 * i);
                return d;
            }
            case 12: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = v.getDouble(8 * i);
                return d;
            }
            default: {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = switch (type) {
                        case 3 -> v.getShort(2 * i) & 0xFFFF;
                        case 8 -> v.getShort(2 * i);
                        case 4, 13 -> v.getInt(4 * i) & 0xFFFFFFFFL;
                        case 9 -> v.getInt(4 * i);
                        default -> v.getLong(8 * i);
                    };
                }
                return a;
            }
        }
    }

    @Override
    public void close() throws IOException { channel.close(); }
}
