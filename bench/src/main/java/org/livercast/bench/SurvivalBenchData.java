package org.livercast.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the benchmark's synthetic survival data set (seeded): 5 covariates with known log hazard ratios,
 * exponential event times, uniform censoring, integer days (so ties occur as in real follow-up), and a binary
 * outcome "event by day 365" for the ROC rows. Both LiverCast and R read the same CSV.
 */
public final class SurvivalBenchData {
    private SurvivalBenchData() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        write(n, out, 20261125L);
    }

    static void write(int n, Path out, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] beta = {0.5, -0.3, 0.2, 0.1, -0.2};
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("time,status,x1,x2,x3,x4,x5,early\n");
            for (int i = 0; i < n; i++) {
                double[] x = {r.nextDouble() < 0.3 ? 1 : 0, r.nextGaussian(), r.nextGaussian(), r.nextDouble(), r.nextGaussian()};
                double lp = 0;
                for (int j = 0; j < 5; j++) lp += beta[j] * x[j];
                double t = Math.ceil(-Math.log(r.nextDouble()) / (Math.exp(lp) / 1000));
                double c = Math.ceil(r.nextDouble() * 2500);
                int status = t <= c ? 1 : 0;
                double time = Math.min(t, c);
                int early = status == 1 && time <= 365 ? 1 : 0;
                w.write(String.format(Locale.ROOT, "%.0f,%d,%.0f,%.6f,%.6f,%.6f,%.6f,%d%n", time, status, x[0], x[1], x[2], x[3], x[4], early));
            }
        }
    }
}
