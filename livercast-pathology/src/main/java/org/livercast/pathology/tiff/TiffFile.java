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
 */
public final class TiffFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;
    private final boolean big;
    private final List<Ifd> ifds;

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
                ifds = readIfds(h.getInt(4) & 0xFFFFFFFFL);
            } else if (version == 43 && size >= 16) {
                big = true;
                ifds = readIfds(h.getLong(8));
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

    private List<Ifd> readIfds(long first) throws IOException {
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
            ByteBuffer e = ByteBuffer.wrap(bytes(entriesAt, count * entrySize + (big ? 8 : 4), "IFD " + out.size())).order(order);
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
                    long at = big ? e.getLong(base + 12) : e.getInt(base + 8) & 0xFFFFFFFFL;
                    value = ByteBuffer.wrap(bytes(at, bytes, "value of tag " + tag + " in IFD " + out.size())).order(order);
                }
                entries.put(tag, decode(type, (int) n, value));
            }
            out.add(new Ifd(out.size(), next, (int) count, Map.copyOf(entries)));
            next = big ? e.getLong((int) count * entrySize) : e.getInt((int) count * entrySize) & 0xFFFFFFFFL;
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
