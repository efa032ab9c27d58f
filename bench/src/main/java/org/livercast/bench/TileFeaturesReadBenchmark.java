package org.livercast.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.livercast.learn.slide.TileFeaturesH5;

/**
 * Reading one slide's tile features from a TRIDENT-layout HDF5 file through LiverCast ({@link TileFeaturesH5#read}, jHDF:
 * features and coords into Java arrays, every value checked finite): one warm-up read, then the best of REPEATS.
 * Usage: TileFeaturesReadBenchmark FILE.h5 REPEATS — prints "livercast SECONDS TILES DIMENSION CHECKSUM".
 */
public final class TileFeaturesReadBenchmark {
    private TileFeaturesReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = Integer.parseInt(args[1]);
        TileFeaturesH5 f = TileFeaturesH5.read(file);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            f = TileFeaturesH5.read(file);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        // The same checksum as the Python side: the sum of the features' magnitudes and of the coordinates, in double.
        double sum = 0;
        for (float[] row : f.features()) for (float v : row) sum += Math.abs(v);
        for (long[] c : f.coords()) sum += c[0] + c[1];
        System.out.printf(Locale.ROOT, "livercast %.4f %d %d %.6e%n", best, f.size(), f.dimension(), sum);
    }
}
