package org.livercast.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Reads the first N level-0 tiles of a slide (TIFF/SVS, or a DICOM whole-slide file or folder; row-major), decoded to RGB, with T threads sharing one slide (tile
 * cache bypassed by reopening for every run). Prints "threads tiles_per_second checksum" for the median of 3 runs
 * after a warm-up run.
 */
public final class SlideTileBenchmark {
    private SlideTileBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path slide = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        run(slide, n, threads);
        double[] rates = new double[3];
        long checksum = 0;
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            checksum = run(slide, n, threads);
            rates[r] = n / ((System.nanoTime() - t) / 1e9);
        }
        java.util.Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%d %.1f %d%n", threads, rates[1], checksum);
    }

    static long run(Path path, int n, int threads) throws IOException, InterruptedException, java.util.concurrent.ExecutionException {
        try (WholeSlide s = Slides.open(path)) {
            Level l = s.levels().get(0);
            AtomicLong sum = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int first = t;
                jobs.add(pool.submit(() -> {
                    long local = 0;
                    for (int i = first; i < n; i += threads) {
                        int col = i % l.tilesAcross();
                        int row = i / l.tilesAcross();
                        int[] px = s.readTile(0, col, row).pixels();
                        // centre pixel, blue, clamped into the image on edge tiles, as the Python side
                        int cx = (int) Math.min(l.tileWidth() / 2, l.width() - (long) col * l.tileWidth() - 1);
                        int cy = (int) Math.min(l.tileHeight() / 2, l.height() - (long) row * l.tileHeight() - 1);
                        local += px[cy * l.tileWidth() + cx] & 0xFF;
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
