package org.livercast.stats.survival;

import java.util.Arrays;
import java.util.SplittableRandom;

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
        return new Result(estimate, quantile7(sorted, alpha), quantile7(sorted, 1 - alpha), kept, seed);
    }

    /** R's default quantile (type 7) of sorted values. */
    private static double quantile7(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
