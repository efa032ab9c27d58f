package org.livercast.pathology.ndpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.livercast.pathology.tiff.TiffException;

/**
 * Finding restart intervals in entropy-coded data as JPEG writes it: 0xFF stuffed as FF 00, fill bytes (FF FF) before a
 * marker, RST0…RST7 in turn — with the markers where a scan's chunks meet (16 KB, then doubling), by a whole scan, a
 * scan forward from the last start found, and from a scanner's record of each row's first start, right and wrong.
 */
class RestartIndexTest {
    private static final int HEADER = 600;

    /** A "JPEG": HEADER bytes, then {@code intervals} intervals of the given sizes separated by RSTn, then EOI. */
    private record Coded(byte[] bytes, long[] starts, List<byte[]> intervals) {}

    private static Coded coded(int[] sizes, long seed, int fillBeforeMarker) { return coded(sizes, seed, fillBeforeMarker, true); }

    /** @param ffInData whether the data has 0xFF bytes (stuffed); without them every offset is known in advance */
    private static Coded coded(int[] sizes, long seed, int fillBeforeMarker, boolean ffInData) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[HEADER], 0, HEADER);
        long[] starts = new long[sizes.length];
        List<byte[]> intervals = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            starts[k] = out.size();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            while (data.size() < sizes[k]) {
                int b = r.nextInt(ffInData ? 256 : 255);
                data.write(b);
                if (b == 0xFF) data.write(0x00); // stuffed, as a coder writes a 0xFF of data
            }
            byte[] d = data.toByteArray();
            intervals.add(d);
            out.write(d, 0, d.length);
            if (k + 1 < sizes.length) {
                for (int f = 0; f < fillBeforeMarker; f++) out.write(0xFF);
                out.write(0xFF);
                out.write(0xD0 + (k & 7));
            }
        }
        out.write(0xFF);
        out.write(0xD9);
        return new Coded(out.toByteArray(), starts, intervals);
    }

    private static RestartIndex index(Coded c, long[] recorded, AtomicLong read) {
        byte[] b = c.bytes();
        return new RestartIndex((offset, length, what) -> {
            if (offset < 0 || offset + length > b.length) throw new TiffException(what + " past the end");
            read.addAndGet(length);
            return Arrays.copyOfRange(b, (int) offset, (int) (offset + length));
        }, "test.jpg", HEADER, b.length, c.starts().length, recorded);
    }

    /** Interval sizes that put markers across the scan's 16 KB and 48 KB chunk boundaries and a megabyte's. */
    private static int[] sizes() {
        int[] s = new int[40];
        Arrays.fill(s, 3000);
        s[5] = 16384 - HEADER - 5 * 3002 - 1;  // an interval ending one byte before the first chunk's end
        s[20] = 70_000;
        s[30] = 1 << 20;
        return s;
    }

    @Test
    void everyIntervalIsFoundByAWholeScanAScanForwardAndARecordOfRowStarts() throws Exception {
        for (int fill : new int[] {0, 1, 3}) {
            Coded c = coded(sizes(), 11 + fill, fill);
            // No record: each tile scans forward from the last start found (in any order of asking).
            RestartIndex forward = index(c, null, new AtomicLong());
            for (int k : new int[] {7, 3, 39, 0, 21, 22, 38}) assertThat(forward.interval(k)).as("fill %d, interval %d", fill, k).isEqualTo(c.intervals().get(k));
            assertThat(forward.usesRecordedStarts()).isFalse();
            for (int k = 0; k < 40; k++) assertThat(forward.interval(k)).as("interval %d", k).isEqualTo(c.intervals().get(k));
            // A record of every fifth start, as a VMS's optimisation file records each row's first: rows scanned alone.
            long[] rows = new long[40];
            Arrays.fill(rows, -1);
            for (int k = 0; k < 40; k += 5) rows[k] = c.starts()[k];
            AtomicLong read = new AtomicLong();
            RestartIndex recorded = index(c, rows, read);
            assertThat(recorded.interval(36)).isEqualTo(c.intervals().get(36));
            assertThat(read.get()).as("one row's bytes, not the file's").isLessThan(5 * 3100 + 16384);
            for (int k = 39; k >= 0; k--) assertThat(recorded.interval(k)).as("interval %d", k).isEqualTo(c.intervals().get(k));
            assertThat(recorded.usesRecordedStarts()).isTrue();
        }
    }

    @Test
    void aRecordOneRowOffOrPointingAtAnotherRowIsCaughtAndTheIntervalsStillRead() throws Exception {
        Coded c = coded(sizes(), 5, 1);
        long[] rows = new long[40];
        Arrays.fill(rows, -1);
        for (int k = 0; k < 40; k += 5) rows[k] = c.starts()[k];
        long[] shifted = rows.clone();
        shifted[10] = c.starts()[12]; // after RST3, where interval 10 follows RST1
        RestartIndex index = index(c, shifted, new AtomicLong());
        assertThat(index.interval(10)).isEqualTo(c.intervals().get(10));
        assertThat(index.usesRecordedStarts()).as("the record is dropped").isFalse();
        for (int k = 0; k < 40; k++) assertThat(index.interval(k)).isEqualTo(c.intervals().get(k));
        // A start eight intervals off has the right RSTn before it: the next row's recorded start catches it.
        long[] eightOff = rows.clone();
        eightOff[15] = c.starts()[23];
        RestartIndex second = index(c, eightOff, new AtomicLong());
        assertThat(second.interval(16)).isEqualTo(c.intervals().get(16));
        assertThat(second.usesRecordedStarts()).isFalse();
    }

    @Test
    void aJpegCutShortReadsUpToTheCutAndNamesTheIntervalsPastIt() throws Exception {
        Coded whole = coded(sizes(), 9, 0);
        byte[] cut = Arrays.copyOf(whole.bytes(), (int) whole.starts()[25] + 100);
        Coded c = new Coded(cut, whole.starts(), whole.intervals());
        RestartIndex index = index(c, null, new AtomicLong());
        assertThat(index.interval(12)).isEqualTo(c.intervals().get(12));
        assertThatThrownBy(() -> index.interval(30)).isInstanceOf(TiffException.class).hasMessageContaining("test.jpg")
                .hasMessageContaining("restart interval 30").hasMessageContaining("26 restart markers");
    }

    @Test
    void aMarkerSplitWhereTwoChunksOfTheScanMeetIsFound() throws Exception {
        // The forward scan from interval 0 reads 16 KB from the scan data's start first: the 0xFF of RST4 as that chunk's
        // last byte (no fill), then a fill byte as its last and the 0xFF of the marker as the next chunk's first.
        for (int fill : new int[] {0, 1}) {
            int[] sizes = new int[12];
            Arrays.fill(sizes, 3000);
            sizes[4] = 16384 - 1 - 4 * 3000 - 4 * (2 + fill) - fill;
            sizes[11] = 2_000_000; // a whole-JPEG scan (the fallback when a scan forward fails) would read it
            Coded c = coded(sizes, 17, fill, false);
            assertThat(c.bytes()[HEADER + 16384 - 1 - fill] & 0xFF).as("the chunk ends at the marker").isEqualTo(0xFF);
            AtomicLong read = new AtomicLong();
            RestartIndex forward = index(c, null, read);
            assertThat(forward.interval(6)).isEqualTo(c.intervals().get(6));
            assertThat(read.get()).as("found by the scan forward, not by the fallback's whole scan").isLessThan(100_000);
            for (int k = 0; k < 12; k++) assertThat(forward.interval(k)).as("fill %d, interval %d", fill, k).isEqualTo(c.intervals().get(k));
        }
    }

    @Test
    void nextFfFindsTheFirst0xFfAsALoopByteByByteWould() {
        Random r = new Random(3);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] b = new byte[r.nextInt(64)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextInt(10) == 0 ? 0xFF : r.nextInt(255));
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            int want = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == (byte) 0xFF) {
                    want = i;
                    break;
                }
            }
            assertThat(RestartIndex.nextFf(b, from, to)).as("trial %d", trial).isEqualTo(want);
        }
    }
}
