package org.livercast.stats.survival;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.livercast.stats.calibration.BinaryCalibration;

/**
 * Whether one risk score orders the same patients better than another: the difference of Harrell's C with a seeded
 * paired percentile bootstrap interval (patients resampled with replacement, both scores kept together, so the
 * interval carries their correlation — two models of the same patients share most of their errors, and unpaired
 * intervals would be far too wide). R's compareC offers an asymptotic alternative; the bootstrap needs no further
 * variance formula and is what a reader can rerun.
 */
public final class ConcordanceDifference {
    private ConcordanceDifference() {}

    /** @param difference C(first) − C(second); lower and upper the percentile interval at {@code level} */
    public record Result(double difference, double lower, double upper, int replicates, long seed) {}

    public static Result bootstrap(SurvivalData data, double[] first, double[] second, int replicates, long seed, double level) {
        int n = data.time().length;
        if (first.length != n || second.length != n) throw new IllegalArgumentException("both scores need one value per patient (" + n + ")");
        double estimate = Concordance.harrell(data, first, null).concordance() - Concordance.harrell(data, second, null).concordance();
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[replicates];
        int kept = 0;
        for (int b = 0; b < replicates; b++) {
            double[] t = new double[n];
            boolean[] e = new boolean[n];
            double[] a = new double[n];
            double[] c = new double[n];
            boolean anyEvent = false;
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                t[i] = data.time()[pick];
                e[i] = data.event()[pick];
                a[i] = first[pick];
                c[i] = second[pick];
                anyEvent |= e[i];
            }
            if (!anyEvent) continue;                    // a replicate without an event has no C: skipped, as boot would give NA
            SurvivalData d = new SurvivalData(t, e);
            values[kept++] = Concordance.harrell(d, a, null).concordance() - Concordance.harrell(d, c, null).concordance();
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        double alpha = (1 - level) / 2;
        if (kept == 0) return new Result(estimate, Double.NaN, Double.NaN, 0, seed);
        return new Result(estimate, BinaryCalibration.quantile7(sorted, alpha), BinaryCalibration.quantile7(sorted, 1 - alpha), kept, seed);
    }
}
