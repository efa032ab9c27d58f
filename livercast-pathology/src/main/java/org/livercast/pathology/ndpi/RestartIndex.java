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
        // A recorded start not after its marker, or a scan forward that failed: the whole JPEG is scanned for its markers,
        // and from then on only they are used (the rest of a record may be as wrong). Where the scan fails too (a damaged
        // JPEG), a tile past the damage fails by name and those before it still read.
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
        int[] next = {from + 1};
        boolean[] wrong = {false};
        // A row is a few kilobytes: read in chunks that start small and double, not a megabyte for each row.
        scanMarkers(starts[from], FIRST_ROW_CHUNK_BYTES, (after, marker) -> {
            if (marker == EOI || marker != restartMarker(next[0] - 1) || (starts[next[0]] >= 0 && starts[next[0]] != after)) {
                wrong[0] = marker == EOI || marker >= 0xD0 && marker <= 0xD7;
                return !wrong[0];
            }
            starts[next[0]++] = after;
            return next[0] <= last;
        });
        return !wrong[0] && next[0] > last;
    }

    private static final int EOI = 0xD9;

    /** What a scan does at a marker: {@code after} is the offset just past it. True to scan on. */
    private interface MarkerVisitor {
        boolean visit(long after, int marker);
    }

    /**
     * Visits the markers of the entropy-coded data from {@code from} to the strip's end — 0xFF then a byte that is
     * neither 0x00 (a stuffed 0xFF) nor 0xFF (fill) — until the visitor stops; read in chunks from {@code firstChunk}
     * bytes, doubling up to a megabyte. The 0xFF bytes are found eight at a time ({@link #nextFf}).
     */
    private void scanMarkers(long from, int firstChunk, MarkerVisitor visitor) throws IOException {
        boolean ffAtEnd = false; // the chunk ended in 0xFF: the marker's byte is the next chunk's first
        int chunk = firstChunk;
        for (long pos = from; pos < stripEnd; pos += chunk, chunk = Math.min(CHUNK_BYTES, 2 * chunk)) {
            chunk = (int) Math.min(chunk, stripEnd - pos);
            byte[] b = file.read(pos, chunk, where + " scan data");
            int i;
            if (ffAtEnd) {
                i = -1; // as if the 0xFF were at b[-1]
                ffAtEnd = false;
            } else {
                i = nextFf(b, 0, chunk);
                if (i < 0) continue;
            }
            while (true) {
                if (i + 1 >= chunk) {
                    ffAtEnd = true;
                    break;
                }
                int m = b[i + 1] & 0xFF;
                if (m == 0xFF) {
                    i++; // fill: the marker is after it
                    continue;
                }
                if (m != 0x00 && !visitor.visit(pos + i + 2, m)) return;
                i = nextFf(b, i + 2, chunk);
                if (i < 0) break;
            }
        }
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * The index of the first 0xFF in {@code b[from, to)}, or −1: eight bytes at a time while none of them is 0xFF (in
     * entropy-coded data one byte in a few hundred is) — a byte is 0xFF exactly where its complement is zero.
     */
    static int nextFf(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long inverted = ~(long) LONGS.get(b, i);
            if (((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) != 0) break;
        }
        for (; i < to; i++) if (b[i] == (byte) 0xFF) return i;
        return -1;
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
        // Fill bytes (0xFF) before the marker are not data: coded data never ends in a lone 0xFF (it is stuffed, FF 00).
        while (end > head && raw[end - 1] == (byte) 0xFF) end--;
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
        int[] found = {1};
        scanMarkers(scanStart, CHUNK_BYTES, (after, marker) -> {
            if (marker == EOI) return false;
            if (marker >= 0xD0 && marker <= 0xD7) starts[found[0]++] = after;
            return found[0] < intervals;
        });
        int found0 = found[0];
        // Fewer markers than intervals (a damaged or cut JPEG): the intervals found still read; the others fail by name.
        for (int k = found0; k < intervals; k++) starts[k] = -1;
        scannedFound = found0;
        scanned = starts;
        return starts;
    }

    /** Whether the recorded starts are (still) used: false once they failed a check, or when there were none. */
    public boolean usesRecordedStarts() { return scannerRecorded && recorded != null; }
}
