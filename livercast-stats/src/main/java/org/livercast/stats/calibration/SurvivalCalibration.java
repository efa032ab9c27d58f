package org.livercast.stats.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.SurvivalData;

/**
 * Calibration of predicted event risk by a time t for survival data: patients grouped by quantiles of predicted
 * risk, each group's mean prediction against its observed risk 1 − KM(t) with the Kaplan–Meier 95% interval. The
 * Kaplan–Meier handles censoring, so no patient censored before t is dropped or counted as event-free.
 */
public final class SurvivalCalibration {
    private SurvivalCalibration() {}

    public record Point(int n, double meanPredicted, double observed, double observedLower95, double observedUpper95) {}

    public static List<Point> at(SurvivalData data, double[] predictedRisk, double t, int groups) {
        double[] sorted = predictedRisk.clone();
        Arrays.sort(sorted);
        double[] breaks = new double[groups + 1];
        for (int k = 0; k <= groups; k++) breaks[k] = BinaryCalibration.quantile7(sorted, (double) k / groups);
        breaks = Arrays.stream(breaks).distinct().toArray();
        List<Point> out = new ArrayList<>();
        for (int k = 0; k + 1 < breaks.length; k++) {
            double lo = breaks[k];
            double hi = breaks[k + 1];
            boolean first = k == 0;
            int[] rows = java.util.stream.IntStream.range(0, predictedRisk.length)
                    .filter(i -> first ? predictedRisk[i] >= lo && predictedRisk[i] <= hi : predictedRisk[i] > lo && predictedRisk[i] <= hi)
                    .toArray();
            if (rows.length == 0) continue;
            KaplanMeier.Curve km = KaplanMeier.fit(data.subset(rows));
            int at = -1;
            for (int i = 0; i < km.size() && km.time()[i] <= t; i++) at = i;
            double s = at < 0 ? 1 : km.survival()[at];
            double sLo = at < 0 ? 1 : km.lower95()[at];
            double sHi = at < 0 ? 1 : km.upper95()[at];
            double mean = Arrays.stream(rows).mapToDouble(i -> predictedRisk[i]).average().orElse(Double.NaN);
            out.add(new Point(rows.length, mean, 1 - s, 1 - sHi, 1 - sLo));
        }
        return out;
    }
}
