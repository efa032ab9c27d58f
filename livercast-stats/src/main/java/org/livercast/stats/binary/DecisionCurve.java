package org.livercast.stats.binary;

import java.util.ArrayList;
import java.util.List;

/**
 * Decision-curve analysis (Vickers and Elkin 2006): the net benefit of treating patients whose predicted risk is at
 * least the threshold probability pt, against treating everyone and no one.
 * Net benefit = TP/n − FP/n × pt/(1 − pt).
 */
public final class DecisionCurve {
    private DecisionCurve() {}

    public record Point(double threshold, double netBenefitModel, double netBenefitTreatAll, double netBenefitTreatNone) {}

    public static List<Point> of(BinaryData data, double[] thresholds) {
        int n = data.size();
        int events = 0;
        for (boolean o : data.outcome()) if (o) events++;
        double prevalence = (double) events / n;
        List<Point> out = new ArrayList<>();
        for (double pt : thresholds) {
            if (!(pt > 0 && pt < 1)) throw new IllegalArgumentException("threshold " + pt + " must be strictly between 0 and 1");
            double odds = pt / (1 - pt);
            ConfusionMetrics m = ConfusionMetrics.at(data, pt);
            double model = (double) m.truePositive() / n - (double) m.falsePositive() / n * odds;
            double all = prevalence - (1 - prevalence) * odds;
            out.add(new Point(pt, model, all, 0));
        }
        return out;
    }

    /** Thresholds from {@code from} to {@code to} by {@code step}, the usual 0.01..0.99 grid. */
    public static double[] grid(double from, double to, double step) {
        int k = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] t = new double[k];
        for (int i = 0; i < k; i++) t[i] = from + i * step;
        return t;
    }
}
