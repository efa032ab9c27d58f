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
 * times, each a fresh open (after 50 that warm the JVM and the page cache). Prints "livercast median_ms checksum"
 * (the checksum: the sum of the region's R, G and B, as the OpenSlide side sums them).
 * Usage: SlideFirstRegionBenchmark SLIDE X Y S RUNS
 */
public final class SlideFirstRegionBenchmark {
    public static void main(String[] args) throws Exception {
        Path slide = Path.of(args[0]);
        long x = Long.parseLong(args[1]);
        long y = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        // A viewer's server has opened slides before: the JIT warmed on 50 opens (OpenSlide, compiled C, needs none).
        for (int i = 0; i < 50; i++) once(slide, x, y, size);
        double[] ms = new double[runs];
        long checksum = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            checksum = once(slide, x, y, size);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "livercast %.2f %d%n", ms[runs / 2], checksum);
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
