package org.livercast.stats.math;

/** Normal and chi-square probabilities, as R's pnorm, qnorm and pchisq compute them. */
public final class Distributions {
    private Distributions() {}

    /** qnorm(0.975), the multiplier of every 95% interval. */
    public static final double Z_975 = 1.959963984540054;

    /** P(Z &gt; z) for standard normal Z, accurate in the far tail (no 1 - Φ cancellation). */
    public static double normalUpper(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        double q = 0.5 * Gamma.regularizedQ(0.5, z * z / 2);
        return z >= 0 ? q : 1 - q;
    }

    public static double normalCdf(double z) { return normalUpper(-z); }

    /** Two-sided p-value of a z statistic. */
    public static double normalTwoSidedP(double z) { return Gamma.regularizedQ(0.5, z * z / 2); }

    /** P(X &gt; x) for X chi-square with {@code df} degrees of freedom. */
    public static double chiSquaredUpper(double x, double df) {
        if (x <= 0) return 1;
        return Gamma.regularizedQ(df / 2, x / 2);
    }

    /** The standard normal quantile (Acklam's approximation polished by two Newton steps on the exact CDF). */
    public static double normalQuantile(double p) {
        if (p <= 0 || p >= 1) {
            if (p == 0) return Double.NEGATIVE_INFINITY;
            if (p == 1) return Double.POSITIVE_INFINITY;
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p > 1 - 0.02425) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else {
            double q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        for (int i = 0; i < 2; i++) {
            double err = normalCdf(x) - p;
            x -= err * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        }
        return x;
    }
}
