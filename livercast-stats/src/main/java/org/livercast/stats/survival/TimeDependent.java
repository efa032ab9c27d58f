package org.livercast.stats.survival;

/**
 * Cumulative/dynamic time-dependent AUC and Brier score at a horizon t with inverse-probability-of-censoring
 * weights, as riskRegression::Score (cens.model = "km"): cases died by t (weight 1/G(T−)), controls are still
 * event-free after t (weight 1/G(t)), subjects censored before t carry no weight. G is the reverse Kaplan–Meier
 * of the censoring times. {@code risk} is the predicted probability of the event by t.
 */
public final class TimeDependent {
    private TimeDependent() {}

    public record Result(double time, double auc, double brier) {}

    public static Result at(SurvivalData data, double[] risk, double t) {
        int n = data.size();
        ReverseKm g = ReverseKm.of(data);
        double gAtT = g.at(t);
        double[] w = new double[n];
        boolean[] isCase = new boolean[n];
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double ti = data.time()[i];
            if (ti <= t && data.event()[i]) {
                isCase[i] = true;
                w[i] = 1 / g.before(ti);
                brier += w[i] * (1 - risk[i]) * (1 - risk[i]);
            } else if (ti > t) {
                w[i] = 1 / gAtT;
                brier += w[i] * risk[i] * risk[i];
            }
        }
        return new Result(t, weightedAuc(risk, isCase, w), brier / n);
    }

    /** Predicted event risk of every subject by a time t. */
    @FunctionalInterface
    public interface RiskAt {
        double[] risk(double t);
    }

    /**
     * Integrated Brier score over the given time grid (ascending): the trapezoidal integral of Brier(t) divided by
     * the length of the interval, as pec::ibs and riskRegression's IBS summarise prediction error over follow-up.
     */
    public static double integratedBrier(SurvivalData data, RiskAt model, double[] times) {
        if (times.length < 2) throw new IllegalArgumentException("integrated Brier score needs at least two times");
        double area = 0;
        double previous = at(data, model.risk(times[0]), times[0]).brier();
        for (int k = 1; k < times.length; k++) {
            if (!(times[k] > times[k - 1])) throw new IllegalArgumentException("times must increase: " + times[k - 1] + ", " + times[k]);
            double b = at(data, model.risk(times[k]), times[k]).brier();
            area += (times[k] - times[k - 1]) * (previous + b) / 2;
            previous = b;
        }
        return area / (times[times.length - 1] - times[0]);
    }

    /** Σ w_i w_j [r_i &gt; r_j] (ties ½) over cases i and controls j, normalised; O(n log n) by sorting controls. */
    static double weightedAuc(double[] risk, boolean[] isCase, double[] w) {
        int n = risk.length;
        Integer[] controls = java.util.stream.IntStream.range(0, n).filter(i -> !isCase[i] && w[i] > 0).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(controls, (a, b) -> Double.compare(risk[a], risk[b]));
        double[] sortedRisk = new double[controls.length];
        double[] cumWeight = new double[controls.length + 1];
        for (int k = 0; k < controls.length; k++) {
            sortedRisk[k] = risk[controls[k]];
            cumWeight[k + 1] = cumWeight[k] + w[controls[k]];
        }
        double totalControls = cumWeight[controls.length];
        double num = 0;
        double totalCases = 0;
        for (int i = 0; i < n; i++) {
            if (!isCase[i] || w[i] == 0) continue;
            int lo = lowerBound(sortedRisk, risk[i]);
            int hi = upperBound(sortedRisk, risk[i]);
            num += w[i] * (cumWeight[lo] + 0.5 * (cumWeight[hi] - cumWeight[lo]));
            totalCases += w[i];
        }
        return num / (totalCases * totalControls);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] < v) lo = m + 1;
            else hi = m;
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] <= v) lo = m + 1;
            else hi = m;
        }
        return lo;
    }
}
