package org.livercast.pathology.ndpi;

import java.io.IOException;
import java.util.Arrays;
import org.livercast.pathology.tiff.TiffException;

/**
 * Where each restart interval of a JPEG begins (absolute file offsets): an NDPI level's, a Hamamatsu VMS image's. The
 * scanner records them (NDPI's MCU_STARTS, a VMS's optimisation file); where it did not, or a recorded start is not
 * just after a restart marker, the JPEG is scanned for its markers once, on first use, instead — as OpenSlide does
 * with such "unreliable" starts.
 */
public final class RestartIndex {
    private static final int CHUNK_BYTES = 1 << 20;

    /** Positional reads of the file that holds the JPEG. */
    @FunctionalInterface
    public interface Bytes {
        /** {@code length} bytes at {@code offset}, failing with the file's name and {@code what} when they are not there. */
        byte[] read(long offset, long length, String what) throws IOException;
    }

    private final Bytes file;
    private final String where;
    private final long scanStart;
    private final long stripEnd;
    private final int intervals;
    private volatile long[] recorded;
    private long[] scanned;
    private int scannedFound;

    /**
     * @param scanStart the first byte of the scan data (after the header)
     * @param stripEnd  one past the strip's last byte
     * @param recorded  the starts the scanner recorded (absolute), or null
     */
    public RestartIndex(Bytes file, String where, long scanStart, long stripEnd, int intervals, long[] recorded) {
        this.file = file;
        this.where = where;
        this.scanStart = scanStart;
        this.stripEnd = stripEnd;
        this.intervals = intervals;
        this.recorded = recorded != null && recorded.length == intervals ? recorded : null;
    }

    /** Interval {@code k}'s entropy-coded bytes, without the marker that ends it. */
    public byte[] interval(int k) throws IOException {
        long[] starts = recorded;
        if (starts != null) {
            byte[] b = read(starts, k);
            if (b != null) return b;
        }
        // A recorded start not after a marker: the markers are found by scanning, and once they are, the recorded starts
        // are no longer used (the rest may be as wrong). Where the scan fails too (a damaged JPEG), this tile fails by
        // name and the others still read by their recorded starts.
        long[] found = scanned();
        recorded = null;
        byte[] b = found[k] < 0 || (k + 1 < intervals && found[k + 1] < 0) ? null : read(found, k);
        if (b == null && found[intervals - 1] < 0) {
            throw new TiffException(where + ": restart interval " + k + " lies past the last of the " + scannedFound + " restart markers found where "
                    + intervals + " intervals should be; the JPEG is damaged or cut short");
        }
        if (b == null) throw new TiffException(where + ": restart interval " + k + " does not end at a restart marker; the JPEG is damaged");
        return b;
    }

    /** The bytes of interval {@code k} by {@code starts}, or null when the starts do not fall just after restart markers. */
    private byte[] read(long[] starts, int k) throws IOException {
        long from = starts[k];
        long to = k + 1 < intervals ? starts[k + 1] : stripEnd;
        if (from < scanStart || to <= from || to > stripEnd) return null;
        long at = k == 0 ? from : from - 2;
        byte[] raw = file.read(at, to - at, where + " restart interval " + k);
        int head = (int) (from - at);
        if (k > 0 && !isRestart(raw[0], raw[1])) return null;
        int end = raw.length;
        if (k + 1 < intervals) {
            if (end - head < 2 || !isRestart(raw[end - 2], raw[end - 1])) return null;
            end -= 2;
        } else {
            // the last interval ends at EOI, or at the strip's end where a writer left it out
            while (end - head >= 2 && (raw[end - 2] & 0xFF) == 0xFF && (raw[end - 1] & 0xFF) == 0xD9) end -= 2;
        }
        return Arrays.copyOfRange(raw, head, end);
    }

    private static boolean isRestart(byte ff, byte m) { return (ff & 0xFF) == 0xFF && (m & 0xFF) >= 0xD0 && (m & 0xFF) <= 0xD7; }

    /** Scans the strip for restart markers once (thread-safe). */
    private synchronized long[] scanned() throws IOException {
        if (scanned != null) return scanned;
        long[] starts = new long[intervals];
        starts[0] = scanStart;
        int found = 1;
        boolean lastWasFf = false;
        boolean ended = false;
        for (long pos = scanStart; pos < stripEnd && found < intervals && !ended; ) {
            int n = (int) Math.min(CHUNK_BYTES, stripEnd - pos);
            byte[] b = file.read(pos, n, where + " scan data");
            for (int i = 0; i < n && found < intervals && !ended; i++) {
                int v = b[i] & 0xFF;
                if (lastWasFf) {
                    if (v >= 0xD0 && v <= 0xD7) starts[found++] = pos + i + 1;
                    else if (v == 0xD9) ended = true;
                    lastWasFf = v == 0xFF; // fill bytes may precede a marker
                } else {
                    lastWasFf = v == 0xFF;
                }
            }
            pos += n;
        }
        // Fewer markers than intervals (a damaged or cut JPEG): the intervals found still read; the others fail by name.
        for (int k = found; k < intervals; k++) starts[k] = -1;
        scannedFound = found;
        scanned = starts;
        return starts;
    }

    /** Whether the recorded starts are (still) used: false once they failed a check, or when there were none. */
    public boolean usesRecordedStarts() { return recorded != null; }
}
