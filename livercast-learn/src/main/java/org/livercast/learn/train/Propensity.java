package org.livercast.learn.train;

import java.util.Arrays;
import java.util.List;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.stats.calibration.Logistic;

/**
 * The probability of the adjuvant strategy a patient actually received, given what the team knew after pathology and
 * where they were treated. The four strategies are two decisions — TACE or not, systemic therapy or not — so the model
 * is two logistic regressions (statistics engine) on the same covariates, multiplied: P(strategy | x) = P(TACE = t |
 * x)·P(systemic = s | x). That assumes the two decisions are independent given the covariates, which holds when
 * teams decide each on the tumour's features; centre enters as indicators because practice differs by centre.
 *
 * <p>Weights are stabilised (marginal probability of the strategy / its propensity) and truncated at the 1st and 99th
 * percentiles, trading a little bias for far less variance from the few patients treated against the odds.
 */
public final class Propensity {
    private final int[] columns;
    private final double[] tace;
    private final double[] systemic;

    private Propensity(int[] columns, double[] tace, double[] systemic) {
        this.columns = columns;
        this.tace = tace;
        this.systemic = systemic;
    }

    /** @param x design rows including an intercept column */
    public static Propensity fit(double[][] x, List<AdjuvantStrategy> received) {
        boolean[] t = new boolean[x.length];
        boolean[] s = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = received.get(i).includesTace();
            s[i] = received.get(i).includesSystemic();
        }
        // Columns constant in training (a feature nobody had missing, a centre absent) make the information matrix singular.
        int[] keep = java.util.stream.IntStream.range(0, x[0].length)
                .filter(j -> j == 0 || Arrays.stream(x).anyMatch(row -> row[j] != x[0][j])).toArray();
        double[][] d = Arrays.stream(x).map(row -> select(row, keep)).toArray(double[][]::new);
        return new Propensity(keep, Logistic.fit(d, t, null).coef(), Logistic.fit(d, s, null).coef());
    }

    private static double[] select(double[] row, int[] keep) {
        double[] out = new double[keep.length];
        for (int k = 0; k < keep.length; k++) out[k] = row[keep[k]];
        return out;
    }

    public double probability(double[] x, AdjuvantStrategy a) {
        double[] d = select(x, columns);
        double pt = logistic(d, tace);
        double ps = logistic(d, systemic);
        return (a.includesTace() ? pt : 1 - pt) * (a.includesSystemic() ? ps : 1 - ps);
    }

    /** Stabilised, truncated inverse-probability-of-treatment weights, mean about 1. */
    public float[] weights(double[][] x, List<AdjuvantStrategy> received) {
        double[] marginal = new double[AdjuvantStrategy.values().length];
        for (AdjuvantStrategy a : received) marginal[a.ordinal()] += 1.0 / received.size();
        double[] w = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            AdjuvantStrategy a = received.get(i);
            w[i] = marginal[a.ordinal()] / Math.max(1e-6, probability(x[i], a));
        }
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) Math.floor(0.01 * (sorted.length - 1))];
        double hi = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) out[i] = (float) Math.min(hi, Math.max(lo, w[i]));
        return out;
    }

    /**
     * Generalised overlap weights (Li and Li 2019, for several treatments): h(x) / e_a(x) with
     * h(x) = 1 / Σ_k 1/e_k(x). Bounded by 1, so no patient dominates; they weight toward patients who could plausibly
     * have received any strategy — the population where a recommendation is a real choice. Scaled to mean 1.
     */
    public float[] overlapWeights(double[][] x, List<AdjuvantStrategy> received) {
        double[] w = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double inv = 0;
            for (AdjuvantStrategy k : AdjuvantStrategy.values()) inv += 1 / Math.max(1e-6, probability(x[i], k));
            w[i] = (1 / inv) / Math.max(1e-6, probability(x[i], received.get(i)));
            sum += w[i];
        }
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) out[i] = (float) (w[i] * w.length / sum);
        return out;
    }

    private static double logistic(double[] x, double[] beta) {
        double eta = 0;
        for (int j = 0; j < beta.length; j++) eta += beta[j] * x[j];
        return 1 / (1 + Math.exp(-eta));
    }
}
