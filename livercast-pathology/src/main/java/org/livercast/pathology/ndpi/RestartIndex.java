package org.livercast.pathology.ndpi;

import java.io.IOException;
import java.util.Arrays;
import org.livercast.pathology.tiff.TiffException;

/**
 * Where each restart interval of a JPEG begins (absolute file offsets): an NDPI level's, a Hamamatsu VMS image's. The
 * scanner records them — every interval's (NDPI's MCU_STARTS) or some (a VMS's optimisation file: the first of each MCU
 * row, −1 for the others); an interval whose start was not recorded (or none was) is found by scanning forward from the
 * nearest start known before it, as OpenSlide does, so a tile costs a read of its row and not of the file. Where a
 * recorded start is not just after the restart marker its interval's number gives, or a scan forward fails (a damaged
 * JPEG), the whole JPEG is scanned for its markers once instead — as OpenSlide does with such "unreliable" starts — and
 * a tile past the damage fails by name.
 */
public final class RestartIndex {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int FIRST_ROW_CHUNK_BYTES = 16 << 10;

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
    /** Interval starts known so far (−1: not yet): the scanner's record, filled in by scanning forward; null once it proved wrong. */
    private volatile long[] recorded;
    /** Whether the scanner recorded starts (else all are found by scanning forward, only as far as a tile needs). */
    private final boolean scannerRecorded;
    private long[] scanned;
    private int scannedFound;

    /**
     * @param scanStart the first byte of the scan data (after the header)
     * @param stripEnd  one past the strip's last byte
     * @param recorded  the starts the scanner recorded (absolute; −1 where it recorded none), or null; kept and filled in
     */
    public RestartIndex(Bytes file, String where, long scanStart, long stripEnd, int intervals, long[] recorded) {
        this.file = file;
        this.where = where;
        this.scanStart = scanStart;
        this.stripEnd = stripEnd;
        this.intervals = intervals;
        this.scannerRecorded = recorded != null && recorded.length == intervals;
        if (scannerRecorded) {
            this.recorded = recorded;
        } else {
            // Nothing recorded: each tile's start is found by scanning forward from the last one found, as OpenSlide does,
            // so the first tile of a large JPEG does not wait for the whole JPEG to be scanned.
            this.recorded = new long[intervals];
            Arrays.fill(this.recorded, -1);
        }
    }

    /** Interval {@code k}'s entropy-coded bytes, without the marker that ends it. */
    public byte[] interval(int k) throws IOException {
        long[] span = recordedSpan(k);
        if (span != null) {
            byte[] b = read(span[0], span[1], k);
            if (b != null) return b;
        }
        // A recorded start not after a marker: the markers are found by scanning, and once they are, the recorded starts
        // are no longer used (the rest may be as wrong). Where the scan fails too (a damaged JPEG), this tile fails by
        // name and the others still read by their recorded starts.
        long[] found = scanned();
        recorded = null;
        byte[] b = found[k] < 0 || (k + 1 < intervals && found[k + 1] < 0) ? null : read(found[k], k + 1 < intervals ? found[k + 1] : stripEnd, k);
        if (b == null && found[intervals - 1] < 0) {
            throw new TiffException(where + ": restart interval " + k + " lies past the last of the " + scannedFound + " restart markers found where "
                    + intervals + " intervals should be; the JPEG is damaged or cut short");
        }
        if (b == null) throw new TiffException(where + ": restart interval " + k + " does not end at a restart marker; the JPEG is damaged");
        return b;
    }

    /**
     * Where interval {@code k} begins and where the next begins (or the strip ends) by the recorded starts, those not
     * recorded found by scanning forward from the nearest that was up to the next that was — a VMS row from its start to
     * the next row's, so that the markers counted must land on the next recorded start, or the record is wrong. Null when
     * nothing was recorded, or the scan disagrees with the record (which is then dropped for all intervals).
     */
    private synchronized long[] recordedSpan(int k) throws IOException {
        long[] starts = recorded;
        if (starts == null) return null;
        if (starts[k] < 0 || (k + 1 < intervals && starts[k + 1] < 0)) {
            int from = k;
            while (from > 0 && starts[from] < 0) from--;
            if (starts[from] < 0) starts[from] = scanStart; // interval 0 begins where the scan data does
            int to = Math.min(k + 1, intervals - 1);
            // Up to the next recorded start, which the markers counted must land on (a check a scan alone has nothing for).
            while (scannerRecorded && to < intervals - 1 && starts[to] < 0) to++;
            if (!scanForward(starts, from, to)) {
                recorded = null;
                return null;
            }
        }
        return new long[] {starts[k], k + 1 < intervals ? starts[k + 1] : stripEnd};
    }

    /**
     * Fills {@code starts} after interval {@code from} (known) up to {@code last} with the restart markers that follow it;
     * false when a marker falls elsewhere than a start recorded on the way, or the markers run out (the JPEG is damaged
     * or the record wrong).
     */
    private boolean scanForward(long[] starts, int from, int last) throws IOException {
        int next = from + 1;
        boolean lastWasFf = false;
        // A row is a few kilobytes: read in chunks that start small and double, not a megabyte for each row.
        int chunk = FIRST_ROW_CHUNK_BYTES;
        for (long pos = starts[from]; pos < stripEnd && next <= last; chunk = Math.min(CHUNK_BYTES, 2 * chunk)) {
            int n = (int) Math.min(chunk, stripEnd - pos);
            byte[] b = file.read(pos, n, where + " scan data");
            for (int i = 0; i < n && next <= last; i++) {
                int v = b[i] & 0xFF;
                if (lastWasFf && v >= 0xD0 && v <= 0xD7) {
                    long start = pos + i + 1;
                    if (v != restartMarker(next - 1) || (starts[next] >= 0 && starts[next] != start)) return false;
                    starts[next++] = start;
                } else if (lastWasFf && v == 0xD9) {
                    return false;
                }
                lastWasFf = v == 0xFF; // fill bytes may precede a marker
            }
            pos += n;
        }
        return next > last;
    }

    /** The bytes of interval {@code k} from {@code from} to {@code to}, or null when these do not fall just after restart markers. */
    private byte[] read(long from, long to, int k) throws IOException {
        if (from < scanStart || to <= from || to > stripEnd) return null;
        long at = k == 0 ? from : from - 2;
        byte[] raw = file.read(at, to - at, where + " restart interval " + k);
        int head = (int) (from - at);
        if (k > 0 && !isRestart(raw[0], raw[1], k - 1)) return null;
        int end = raw.length;
        if (k + 1 < intervals) {
            if (end - head < 2 || !isRestart(raw[end - 2], raw[end - 1], k)) return null;
            end -= 2;
        } else {
            // the last interval ends at EOI, or at the strip's end where a writer left it out
            while (end - head >= 2 && (raw[end - 2] & 0xFF) == 0xFF && (raw[end - 1] & 0xFF) == 0xD9) end -= 2;
        }
        return Arrays.copyOfRange(raw, head, end);
    }

    /**
     * Whether {@code ff m} is the marker that ends interval {@code k}: RSTn with n = k mod 8, as JPEG numbers them in
     * turn — so a recorded start one row off (a VMS optimisation file's rows shifted) is caught where it lands.
     */
    private static boolean isRestart(byte ff, byte m, int k) { return (ff & 0xFF) == 0xFF && (m & 0xFF) == restartMarker(k); }

    /** The marker after interval {@code k}: RST0 … RST7 in turn. */
    private static int restartMarker(int k) { return 0xD0 + (k & 7); }

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
    public boolean usesRecordedStarts() { return scannerRecorded && recorded != null; }
}
