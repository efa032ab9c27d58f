package org.livercast.pathology.ndpi;

import java.io.IOException;
import java.util.Arrays;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;

/**
 * Where each restart interval of an NDPI level's JPEG begins (absolute file offsets). The scanner records them
 * (MCU_STARTS); where it did not, or a recorded start is not just after a restart marker, the strip is scanned for
 * its markers once, on first use, instead — as OpenSlide does with such "unreliable" starts.
 */
final class RestartIndex {
    private static final int CHUNK_BYTES = 1 << 20;

    private final TiffFile tiff;
    private final String where;
    private final long scanStart;
    private final long stripEnd;
    private final int intervals;
    private volatile long[] recorded;
    private long[] scanned;

    /**
     * @param scanStart the first byte of the scan data (after the header)
     * @param stripEnd  one past the strip's last byte
     * @param recorded  the starts the scanner recorded (absolute), or null
     */
    RestartIndex(TiffFile tiff, String where, long scanStart, long stripEnd, int intervals, long[] recorded) {
        this.tiff = tiff;
        this.where = where;
        this.scanStart = scanStart;
        this.stripEnd = stripEnd;
        this.intervals = intervals;
        this.recorded = recorded != null && recorded.length == intervals ? recorded : null;
    }

    /** Interval {@code k}'s entropy-coded bytes, without the marker that ends it. */
    byte[] interval(int k) throws IOException {
        long[] starts = recorded;
        if (starts != null) {
            byte[] b = read(starts, k);
            if (b != null) return b;
        }
        // A recorded start not after a marker: the markers are found by scanning, and once they are, the recorded starts
        // are no longer used (the rest may be as wrong). Where the scan fails too (a damaged JPEG), this tile fails by
        // name and the others still read by their recorded starts.
        byte[] b = read(scanned(), k);
        recorded = null;
        if (b == null) throw new TiffException(where + ": restart interval " + k + " does not end at a restart marker; the JPEG is damaged");
        return b;
    }

    /** The bytes of interval {@code k} by {@code starts}, or null when the starts do not fall just after restart markers. */
    private byte[] read(long[] starts, int k) throws IOException {
        long from = starts[k];
        long to = k + 1 < intervals ? starts[k + 1] : stripEnd;
        if (from < scanStart || to <= from || to > stripEnd) return null;
        long at = k == 0 ? from : from - 2;
        byte[] raw = tiff.bytes(at, to - at, where + " restart interval " + k);
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
            byte[] b = tiff.bytes(pos, n, where + " scan data");
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
        if (found < intervals) {
            throw new TiffException(where + ": " + found + " restart intervals found in the JPEG where its size needs " + intervals);
        }
        scanned = starts;
        return starts;
    }

    /** Whether the recorded starts are (still) used: false once they failed a check, or when there were none. */
    boolean usesRecordedStarts() { return recorded != null; }
}
