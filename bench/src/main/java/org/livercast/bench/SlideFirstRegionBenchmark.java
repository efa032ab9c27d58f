package org.livercast.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * The LiverCast side of bench/first-region-vs-openslide.sh: open the slide and read one S x S region of level 0 at (X, Y), RUNS
 * times, each a fresh open, twice: after 50 opens (a server that has just started: the page cache warm, the JIT's first
 * tier) and again after three more seconds of opens (a server that has run a while: the JIT's optimising tier). Prints
 * "livercast median_ms_after_50 median_ms_warm checksum" (the checksum: the sum of the region's R, G and B, as the
 * OpenSlide side sums them).
 * Usage: SlideFirstRegionBenchmark SLIDE X Y S RUNS
 */
public final class SlideFirstRegionBenchmark {
    public static void main(String[] args) throws Exception {
        Path slide = Path.of(args[0]);
        long x = Long.parseLong(args[1]);
        long y = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        // OpenSlide, compiled C, needs no warming; the JVM does. 50 opens leave the hot paths in the JIT's first tier (what a
        // server that has just started gives); C2 compiles them after thousands of calls, which seconds of opens reach.
        for (int i = 0; i < 50; i++) once(slide, x, y, size);
        double afterFifty = medianMs(slide, x, y, size, runs);
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) once(slide, x, y, size);
        double warm = medianMs(slide, x, y, size, runs);
        System.out.printf(Locale.ROOT, "livercast %.2f %.2f %d%n", afterFifty, warm, once(slide, x, y, size));
    }

    private static double medianMs(Path slide, long x, long y, int size, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            once(slide, x, y, size);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static long once(Path slide, long x, long y, int size) throws Exception {
        try (WholeSlide s = Slides.open(slide)) {
            RgbImage r = s.readRegion(new RegionRequest(0, x, y, size, size));
            long sum = 0;
            for (int p : r.pixels()) sum += (p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF);
            return sum;
        }
    }

    private SlideFirstRegionBenchmark() {}
}
