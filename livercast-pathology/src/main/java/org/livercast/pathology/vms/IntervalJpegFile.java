package org.livercast.pathology.vms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.livercast.pathology.ndpi.JpegHeader;
import org.livercast.pathology.ndpi.RestartIndex;
import org.livercast.pathology.tiff.TiffException;

/**
 * One JPEG file of a Hamamatsu VMS slide, read tile by tile as OpenSlide reads it: each restart interval (one MCU row
 * high, the interval's MCUs wide) is a tile, decoded alone by the file's header with the frame size set to one
 * interval. OpenSlide refuses such a file without restart markers, or with an interval that does not divide a row's
 * MCUs; so does this. The file is opened on first use and read by position (safe from several threads).
 */
final class IntervalJpegFile implements AutoCloseable {
    /**
     * The JPEG header is read from the first bytes: tables, comment and frame lie within them — within the first few
     * kilobytes as scanners write them, tried first (a slide opens each of its files), else within 64 KB.
     */
    private static final int FIRST_HEADER_PROBE_BYTES = 8 << 10;
    private static final int HEADER_PROBE_BYTES = 1 << 16;

    private final Path file;
    private final long size;
    private final JpegHeader header;
    private final byte[] intervalHeader;
    private final String comment;
    private final int tileWidth;
    private final int tileHeight;
    private final int across;
    private final int down;
    /** Where each interval begins: found by scanning the file, until {@link #recordRowStarts} gives the scanner's record. */
    private volatile RestartIndex index;
    private volatile java.util.function.Supplier<long[]> pendingRowStarts;
    private FileChannel channel;
    /** Bytes read from the file so far: what finding and reading tiles has cost (the optimisation file spares the scan). */
    private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();

    private IntervalJpegFile(Path file, String role) throws IOException {
        this.file = file;
        if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing (" + role + ")");
        this.size = Files.size(file);
        byte[] head = read(0, Math.min(size, FIRST_HEADER_PROBE_BYTES), "JPEG header");
        JpegHeader parsed;
        try {
            parsed = JpegHeader.parse(head, file + " (" + role + ")");
        } catch (IOException shortProbe) {
            if (size <= FIRST_HEADER_PROBE_BYTES) throw shortProbe;
            head = read(0, Math.min(size, HEADER_PROBE_BYTES), "JPEG header");
            parsed = JpegHeader.parse(head, file + " (" + role + ")");
        }
        this.header = parsed;
        if (header.width() == 0 || header.height() == 0) throw new TiffException(file + ": the JPEG frame gives no size (" + header.width() + "x" + header.height() + ")");
        if (header.restartMcus() == 0) throw new TiffException(file + ": a JPEG without restart markers; a VMS image's tiles are its restart intervals");
        int mcusPerRow = (header.width() + header.mcuWidth() - 1) / header.mcuWidth();
        if (header.restartMcus() > mcusPerRow || mcusPerRow % header.restartMcus() != 0) {
            throw new TiffException(file + ": a restart interval of " + header.restartMcus() + " MCUs does not divide the " + mcusPerRow
                    + " MCUs of a row, so intervals are not tiles");
        }
        this.tileWidth = header.mcuWidth() * header.restartMcus();
        this.tileHeight = header.mcuHeight();
        this.across = mcusPerRow / header.restartMcus();
        this.down = (header.height() + tileHeight - 1) / tileHeight;
        this.intervalHeader = header.withFrameSize(tileWidth, tileHeight);
        this.comment = comment(head);
        this.index = new RestartIndex(this::read, file.toString(), header.bytes().length, size, across * down, null);
    }

    static IntervalJpegFile open(Path file, String role) throws IOException { return new IntervalJpegFile(file, role); }

    /**
     * Where each MCU row begins (absolute offsets, −1 where not recorded), as the slide's optimisation file records them,
     * read when the first tile is: a tile is then found by scanning its row from that start rather than the file from its
     * first byte. {@code rowStarts} gives null when nothing is recorded for this file. Call before the first tile is read.
     */
    void recordRowStarts(java.util.function.Supplier<long[]> rowStarts) { pendingRowStarts = rowStarts; }

    /** The restart index, with the recorded row starts once the first tile asks for it. */
    private RestartIndex index() {
        if (pendingRowStarts == null) return index;
        synchronized (this) {
            java.util.function.Supplier<long[]> pending = pendingRowStarts;
            long[] rowStarts = pending == null ? null : pending.get();
            // The first row begins where the scan data does; a record that says otherwise is off as a whole (shifted) and unused.
            if (rowStarts != null && rowStarts.length == down && rowStarts[0] == header.bytes().length) {
                long[] recorded = new long[across * down];
                java.util.Arrays.fill(recorded, -1);
                for (int r = 0; r < down; r++) recorded[r * across] = rowStarts[r];
                index = new RestartIndex(this::read, file.toString(), header.bytes().length, size, across * down, recorded);
            }
            // Only now: a thread that finds nothing pending must find the recorded index installed.
            pendingRowStarts = null;
            return index;
        }
    }

    /** Whether tiles are found from the recorded row starts (false once they failed a check, or when there were none). */
    boolean usesRecordedStarts() { return index().usesRecordedStarts(); }

    /** Bytes read from the file so far (the header, the scans, the tiles). */
    long bytesRead() { return bytesRead.get(); }

    Path file() { return file; }

    int width() { return header.width(); }

    int height() { return header.height(); }

    int tileWidth() { return tileWidth; }

    int tileHeight() { return tileHeight; }

    int across() { return across; }

    int down() { return down; }

    /** The first COM segment's text up to its first NUL (OpenSlide's openslide.comment), or null. */
    String comment() { return comment; }

    /** Tile (column, row) of this file as a JPEG stream of one interval: the header, the interval's data and EOI. */
    byte[] tile(int column, int row) throws IOException {
        return JpegHeader.stream(intervalHeader, index().interval(row * across + column), true);
    }

    private byte[] read(long offset, long length, String what) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new TiffException(file + ": " + what + " at " + offset + " (" + length + " bytes) lies past the end of the file (" + size + " bytes)");
        }
        FileChannel ch = channel();
        bytesRead.addAndGet(length);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(length));
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) throw new TiffException(file + ": cut short reading " + what);
        }
        return b.array();
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null) channel = FileChannel.open(file, StandardOpenOption.READ);
        return channel;
    }

    private static String comment(byte[] head) {
        int p = 2;
        while (p + 4 <= head.length && (head[p] & 0xFF) == 0xFF) {
            int marker = head[p + 1] & 0xFF;
            if (marker == 0xDA) break;
            int len = (head[p + 2] & 0xFF) << 8 | (head[p + 3] & 0xFF);
            if (marker == 0xFE && p + 2 + len <= head.length) {
                int end = p + 4;
                while (end < p + 2 + len && head[end] != 0) end++;
                return new String(head, p + 4, end - p - 4, StandardCharsets.UTF_8);
            }
            p += 2 + len;
        }
        return null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }
}
