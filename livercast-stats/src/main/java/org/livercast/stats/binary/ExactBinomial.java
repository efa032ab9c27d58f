package org.livercast.stats.binary;

import org.livercast.stats.math.Gamma;

/**
 * The Clopper–Pearson ("exact") confidence interval of a proportion, as R's {@code binom.test} gives it: the lower limit
 * is the p at which P(X ≥ k) = α/2, the upper the p at which P(X ≤ k) = α/2. Diagnostic-accuracy reports (STARD) give
 * sensitivity and specificity with this interval because it never falls outside [0, 1] and keeps its coverage with the
 * small denominators a study of benign lesions has.
 */
public final class ExactBinomial {
    private ExactBinomial() {}

    /** @return {lower, upper} of the two-sided interval at {@code level} (e.g. 0.95) for k successes in n trials */
    public static double[] clopperPearson(int k, int n, double level) {
        if (n <= 0 || k < 0 || k > n) throw new IllegalArgumentException("k = " + k + ", n = " + n + ": need 0 ≤ k ≤ n and n > 0");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level = " + level + ": need 0 < level < 1");
        double halfAlpha = (1 - level) / 2;
        // P(X ≥ k) rises with p: the lower limit is where it reaches α/2. P(X ≤ k) falls with p: the upper is where it drops to α/2.
        double lower = k == 0 ? 0 : solve(p -> upperTail(k, n, p) - halfAlpha);
        double upper = k == n ? 1 : solve(p -> halfAlpha - lowerTail(k, n, p));
        return new double[] {lower, upper};
    }

    /** 95% interval. */
    public static double[] clopperPearson95(int k, int n) { return clopperPearson(k, n, 0.95); }

    /** Bisection for the root of an increasing function on (0, 1); 200 halvings reach double precision. */
    private static double solve(java.util.function.DoubleUnaryOperator increasing) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200 && hi - lo > 0; i++) {
            double mid = (lo + hi) / 2;
            if (mid == lo || mid == hi) break;
            if (increasing.applyAsDouble(mid) < 0) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** P(X ≥ k) for X ~ Binomial(n, p). */
    static double upperTail(int k, int n, double p) {
        double s = 0;
        for (int x = k; x <= n; x++) s += pmf(x, n, p);
        return Math.min(1, s);
    }

    /** P(X ≤ k). */
    static double lowerTail(int k, int n, double p) {
        double s = 0;
        for (int x = 0; x <= k; x++) s += pmf(x, n, p);
        return Math.min(1, s);
    }

    private static double pmf(int x, int n, double p) {
        double logChoose = Gamma.logGamma(n + 1.0) - Gamma.logGamma(x + 1.0) - Gamma.logGamma(n - x + 1.0);
        return Math.exp(logChoose + x * Math.log(p) + (n - x) * Math.log1p(-p));
    }
}
