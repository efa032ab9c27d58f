package org.livercast.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.imaging.write.EnhancedMrWriter;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.SeriesMetadata;

/**
 * Times reading a DICOM series into a rescaled float volume (parse, decode, sort, assemble). Usage:
 * {@code DicomReadBenchmark DIR [repeats]} prints "seconds first_call_seconds voxel_sum"; {@code DicomReadBenchmark
 * --write DIR nx ny nz} writes a seeded synthetic MR series to benchmark on.
 */
public final class DicomReadBenchmark {
    private DicomReadBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--write") || args[0].equals("--write-enhanced")) {
            writeSynthetic(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[0].equals("--write-enhanced"));
            return;
        }
        Path dir = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long t0 = System.nanoTime();
        double sum = read(dir);
        double first = (System.nanoTime() - t0) / 1e9;
        double[] s = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            read(dir);
            s[r] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%.4f %.4f %.1f%n", s[repeats / 2], first, sum);
    }

    static double read(Path dir) throws IOException {
        DicomSeries series = SeriesAssembler.readDirectory(dir).get(0);
        return series.volume().sum();
    }

    /** @param enhanced one Enhanced MR file of nz frames instead of nz files */
    static void writeSynthetic(Path dir, int nx, int ny, int nz, boolean enhanced) throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        float[] v = new float[nx * ny * nz];
        for (int i = 0; i < v.length; i++) v[i] = 200 + r.nextInt(1800);
        ImageVolume vol = new ImageVolume(nx, ny, nz, new double[] {0.7, 0.7, 2.0}, new double[] {-180, -180, 0},
                new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}, v);
        SeriesMetadata m = SeriesMetadata.builder().series(null, 1, "BENCH T1").uidSeed("bench").acquisitionTime(LocalTime.NOON).build();
        if (enhanced) EnhancedMrWriter.write(vol, m, dir.resolve("mr.dcm"));
        else MrSeriesWriter.write(vol, m, dir);
    }
}
