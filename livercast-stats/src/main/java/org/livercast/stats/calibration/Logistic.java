package org.livercast.stats.calibration;

import org.livercast.stats.math.Matrices;

/**
 * Logistic regression by iteratively reweighted least squares (R's glm(family = binomial)), with an optional
 * offset; small and exact, for calibration models.
 */
public final class Logistic {
    private Logistic() {}

    public record Fit(double[] coef, double[][] variance, int iterations) {}

    /** R's logit link: beyond this |eta| the fitted probability is clamped (src/library/stats/src/family.c, THRESH). */
    private static final double ETA_THRESHOLD = 30;
    private static final double DBL_EPSILON = Math.ulp(1.0);
    private static final int MAX_ITERATIONS = 50;
    private static final int MAX_HALVINGS = 30;
    private static final double DEVIANCE_TOLERANCE = 1e-12;

    /** @param x design rows (include a column of 1 for an intercept); @param offset may be null */
    public static Fit fit(double[][] x, boolean[] y, double[] offset) {
        int n = y.length;
        int p = x[0].length;
        double[] beta = new double[p];
        double[][] info = new double[p][p];
        double dev = Double.POSITIVE_INFINITY;
        double[] lastBeta = null;
        double[] lastStep = null;
        int halvings = 0;
        int iter = 0;
        while (iter++ < MAX_ITERATIONS) {
            double[] score = new double[p];
            info = new double[p][p];
            double newDev = 0;
            for (int i = 0; i < n; i++) {
                double eta = (offset == null ? 0 : offset[i]);
                for (int j = 0; j < p; j++) eta += x[i][j] * beta[j];
                double mu;
                double w;
                if (Math.abs(eta) <= ETA_THRESHOLD) {
                    mu = 1 / (1 + Math.exp(-eta));
                    w = mu * (1 - mu);
                } else {
                    // R's binomial()$linkinv and mu.eta beyond |eta| = 30: mu is DBL_EPSILON from 0 or 1 and dmu/deta
                    // DBL_EPSILON, so the deviance of a separable outcome stays finite instead of log(0) = −∞.
                    mu = eta > 0 ? 1 / (1 + DBL_EPSILON) : DBL_EPSILON / (1 + DBL_EPSILON);
                    w = DBL_EPSILON * DBL_EPSILON / (mu * (1 - mu));
                }
                double r = (y[i] ? 1 : 0) - mu;
                newDev -= 2 * (y[i] ? Math.log(mu) : Math.log(1 - mu));
                for (int j = 0; j < p; j++) {
                    score[j] += x[i][j] * r;
                    for (int k = 0; k < p; k++) info[j][k] += x[i][j] * w * x[i][k];
                }
            }
            // glm2's step-halving (Marschner 2011): a Newton step that raised the deviance is halved until it does not.
            // With an outcome (nearly) separable by the features — a finding every ICC has — IRLS otherwise overshoots:
            // the information matrix of the patients already at 0 or 1 is near singular and the next step is of
            // order 1e7, with a ranking worse than chance. When the deviance falls, as it does on every ordinary fit,
            // nothing changes (glm's and glm2's fits agree there).
            if (lastStep != null && !(newDev - dev <= DEVIANCE_TOLERANCE * (Math.abs(newDev) + 0.1))) {
                if (++halvings > MAX_HALVINGS) {
                    beta = lastBeta;
                    break;
                }
                for (int j = 0; j < p; j++) {
                    lastStep[j] /= 2;
                    beta[j] = lastBeta[j] + lastStep[j];
                }
                continue;
            }
            halvings = 0;
            double[][] inv = Matrices.symmetricInverse(info, 1e-12);
            double[] step = Matrices.multiply(inv, score);
            lastBeta = beta.clone();
            lastStep = step;
            for (int j = 0; j < p; j++) beta[j] += step[j];
            // glm's rule: |dev - dev_old| / (|dev| + 0.1) < 1e-8; we go to 1e-12 since it costs nothing here.
            if (Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1) < DEVIANCE_TOLERANCE) break;
            dev = newDev;
        }
        return new Fit(beta, Matrices.symmetricInverse(info, 1e-12), iter);
    }
}
