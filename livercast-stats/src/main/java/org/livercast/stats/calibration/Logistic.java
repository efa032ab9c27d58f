package org.livercast.stats.calibration;

import org.livercast.stats.math.Matrices;

/**
 * Logistic regression by iteratively reweighted least squares (R's glm(family = binomial)), with an optional
 * offset; small and exact, for calibration models.
 */
public final class Logistic {
    private Logistic() {}

    public record Fit(double[] coef, double[][] variance, int iterations) {}

    /** @param x design rows (include a column of 1 for an intercept); @param offset may be null */
    public static Fit fit(double[][] x, boolean[] y, double[] offset) {
        int n = y.length;
        int p = x[0].length;
        double[] beta = new double[p];
        double[][] info = new double[p][p];
        double dev = Double.POSITIVE_INFINITY;
        int iter = 0;
        while (iter++ < 50) {
            double[] score = new double[p];
            info = new double[p][p];
            double newDev = 0;
            for (int i = 0; i < n; i++) {
                double eta = (offset == null ? 0 : offset[i]);
                for (int j = 0; j < p; j++) eta += x[i][j] * beta[j];
                double mu = 1 / (1 + Math.exp(-eta));
                double w = mu * (1 - mu);
                double r = (y[i] ? 1 : 0) - mu;
                newDev -= 2 * (y[i] ? Math.log(mu) : Math.log(1 - mu));
                for (int j = 0; j < p; j++) {
                    score[j] += x[i][j] * r;
                    for (int k = 0; k < p; k++) info[j][k] += x[i][j] * w * x[i][k];
                }
            }
            double[][] inv = Matrices.symmetricInverse(info, 1e-12);
            double[] step = Matrices.multiply(inv, score);
            for (int j = 0; j < p; j++) beta[j] += step[j];
            // glm's rule: |dev - dev_old| / (|dev| + 0.1) < 1e-8; we go to 1e-12 since it costs nothing here.
            if (Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1) < 1e-12) break;
            dev = newDev;
        }
        return new Fit(beta, Matrices.symmetricInverse(info, 1e-12), iter);
    }
}
