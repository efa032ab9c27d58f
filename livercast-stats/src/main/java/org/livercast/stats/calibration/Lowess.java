package org.livercast.stats.calibration;

import java.util.Arrays;

/**
 * Cleveland's LOWESS scatterplot smoother, as R's {@code lowess(x, y, f = 2/3, iter = 3)}: local linear fits with
 * tricube weights over the nearest f·n points, then robustness iterations with bisquare weights. Used for smoothed
 * calibration curves.
 */
public final class Lowess {
    private Lowess() {}

    /** Returns the smoothed y at each x, with x sorted ascending (the input order is not kept). */
    public static double[][] smooth(double[] xIn, double[] yIn, double f, int iterations) {
        int n = xIn.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(xIn[a], xIn[b]));
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xIn[idx[i]];
            y[i] = yIn[idx[i]];
        }
        int span = Math.max(2, Math.min(n, (int) (f * n + 1e-5)));
        double[] robustness = new double[n];
        Arrays.fill(robustness, 1);
        double[] fitted = new double[n];
        for (int it = 0; it <= iterations; it++) {
            for (int i = 0; i < n; i++) fitted[i] = localFit(x, y, robustness, i, span);
            if (it == iterations) break;
            double[] residuals = new double[n];
            for (int i = 0; i < n; i++) residuals[i] = Math.abs(y[i] - fitted[i]);
            double[] sorted = residuals.clone();
            Arrays.sort(sorted);
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            double cut = 6 * median;
            if (cut == 0) break;
            for (int i = 0; i < n; i++) {
                double u = residuals[i] / cut;
                robustness[i] = u < 1 ? (1 - u * u) * (1 - u * u) : 0;
            }
        }
        return new double[][] {x, fitted};
    }

    private static double localFit(double[] x, double[] y, double[] robustness, int i, int span) {
        int n = x.length;
        int lo = 0;
        int hi = span - 1;
        // Slide the window of the span nearest neighbours of x[i].
        while (hi < n - 1 && x[i] - x[lo] > x[hi + 1] - x[i]) {
            lo++;
            hi++;
        }
        double h = Math.max(x[i] - x[lo], x[hi] - x[i]);
        double sw = 0;
        double swx = 0;
        double swy = 0;
        double swxx = 0;
        double swxy = 0;
        for (int j = lo; j <= hi; j++) {
            double u = h > 0 ? Math.abs(x[j] - x[i]) / h : 0;
            double w = u < 1 ? Math.pow(1 - u * u * u, 3) * robustness[j] : 0;
            sw += w;
            swx += w * x[j];
            swy += w * y[j];
            swxx += w * x[j] * x[j];
            swxy += w * x[j] * y[j];
        }
        if (sw == 0) return y[i];
        double mx = swx / sw;
        double my = swy / sw;
        double var = swxx / sw - mx * mx;
        if (var <= 1e-12 * (1 + mx * mx)) return my;
        double slope = (swxy / sw - mx * my) / var;
        return my + slope * (x[i] - mx);
    }
}
