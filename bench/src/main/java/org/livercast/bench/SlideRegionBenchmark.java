package org.livercast.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Reads the first N level-0 regions of S × S pixels of a slide on a row-major grid (what a tiler or a patch sampler
 * asks of any slide, whatever its own tiles), with T threads sharing one slide opened afresh each run. Prints
 * "threads regions_per_second checksum" for the median of 3 runs after a warm-up run. The OpenSlide side is
 * bench/slide_regions_openslide.py.
 */
public final class SlideRegionBenchmark {
    private SlideRegionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path slide = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int level = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        run(slide, n, threads, size, level);
        double[] rates = new double[3];
        long checksum = 0;
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            checksum = run(slide, n, threads, size, level);
            rates[r] = n / ((System.nanoTime() - t) / 1e9);
        }
        java.util.Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%d %.1f %d%n", threads, rates[1], checksum);
    }

    /** The first {@code n} regions of {@code size} px on a row-major grid of level {@code level} (placed in level-0 pixels, as OpenSlide's). */
    static long run(Path path, int n, int threads, int size, int level) throws Exception {
        try (WholeSlide s = Slides.open(path)) {
            Level l = s.levels().get(level);
            int across = (int) (l.width() / size);
            long step = Math.round(l.downsample()) * size;
            AtomicLong sum = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int first = t;
                jobs.add(pool.submit(() -> {
                    long local = 0;
                    for (int i = first; i < n; i += threads) {
                        int[] px = s.readRegion(new RegionRequest(level, (i % across) * step, (i / across) * step, size, size)).pixels();
                        local += px[(size / 2) * size + size / 2] & 0xFF; // centre pixel, blue, as the Python side
                    }
                    sum.addAndGet(local);
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
            pool.shutdown();
            return sum.get();
        }
    }
}
