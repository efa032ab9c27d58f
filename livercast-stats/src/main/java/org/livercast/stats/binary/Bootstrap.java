package org.livercast.stats.binary;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded percentile bootstrap for any statistic of a binary data set, resampling cases and controls separately
 * (stratified, as pROC does) so every replicate keeps both classes.
 */
public final class Bootstrap {
    private Bootstrap() {}

    public record Interval(double estimate, double lower, double upper, int replicates, long seed) {}

    public static Interval percentile(BinaryData data, ToDoubleFunction<BinaryData> statistic, int replicates, long seed,
                                      double level) {
        int[] cases = java.util.stream.IntStream.range(0, data.size()).filter(i -> data.outcome()[i]).toArray();
        int[] controls = java.util.stream.IntStream.range(0, data.size()).filter(i -> !data.outcome()[i]).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            boolean[] o = new boolean[data.size()];
            double[] m = new double[data.size()];
            int k = 0;
            for (int[] group : new int[][] {cases, controls}) {
                for (int i = 0; i < group.length; i++) {
                    int pick = group[random.nextInt(group.length)];
                    o[k] = data.outcome()[pick];
                    m[k++] = data.marker()[pick];
                }
            }
            values[b] = statistic.applyAsDouble(new BinaryData(o, m));
        }
        Arrays.sort(values);
        double alpha = (1 - level) / 2;
        return new Interval(statistic.applyAsDouble(data), quantile7(values, alpha), quantile7(values, 1 - alpha), replicates, seed);
    }

    /** R's default quantile (type 7) of sorted values. */
    static double quantile7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
