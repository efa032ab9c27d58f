package org.livercast.stats.survival;

/**
 * Partial log-likelihood, score and information of a Cox model at a coefficient vector. The data are pre-sorted
 * once (by stratum, then time descending), so each evaluation is one linear pass: O(n p²).
 */
final class CoxLikelihood {
    final int n;
    final int p;
    final double[][] x;      // centred covariates, rows in sorted order
    final double[] time;
    final boolean[] event;
    final int[] stratum;
    final Ties ties;

    CoxLikelihood(double[][] x, double[] time, boolean[] event, int[] stratum, Ties ties) {
        this.n = time.length;
        this.p = n == 0 ? 0 : x[0].length;
        this.x = x;
        this.time = time;
        this.event = event;
        this.stratum = stratum;
        this.ties = ties;
    }

    record Value(double logLik, double[] score, double[][] information) {}

    Value evaluate(double[] beta) {
        double[] eta = new double[n];
        double[] risk = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) s += x[i][j] * beta[j];
            eta[i] = s;
            risk[i] = Math.exp(s);
        }
        double logLik = 0;
        double[] u = new double[p];
        double[][] imat = new double[p][p];
        double s0 = 0;
        double[] s1 = new double[p];
        double[][] s2 = new double[p][p];
        double[] e1 = new double[p];
        double[][] e2 = new double[p][p];
        double[] a = new double[p];
        int i = 0;
        while (i < n) {
            if (i == 0 || stratum[i] != stratum[i - 1]) {
                s0 = 0;
                java.util.Arrays.fill(s1, 0);
                for (double[] row : s2) java.util.Arrays.fill(row, 0);
            }
            // Add everyone with this time (same stratum) to the risk set, collecting the deaths' sums.
            double t = time[i];
            int start = i;
            int deaths = 0;
            double e0 = 0;
            java.util.Arrays.fill(e1, 0);
            for (double[] row : e2) java.util.Arrays.fill(row, 0);
            while (i < n && time[i] == t && stratum[i] == stratum[start]) {
                double r = risk[i];
                s0 += r;
                for (int j = 0; j < p; j++) {
                    s1[j] += r * x[i][j];
                    for (int k = 0; k <= j; k++) s2[j][k] += r * x[i][j] * x[i][k];
                }
                if (event[i]) {
                    deaths++;
                    e0 += r;
                    logLik += eta[i];
                    for (int j = 0; j < p; j++) {
                        u[j] += x[i][j];
                        e1[j] += r * x[i][j];
                        for (int k = 0; k <= j; k++) e2[j][k] += r * x[i][j] * x[i][k];
                    }
                }
                i++;
            }
            for (int m = 0; m < deaths; m++) {
                double f = ties == Ties.EFRON ? (double) m / deaths : 0;
                double denom = s0 - f * e0;
                logLik -= Math.log(denom);
                for (int j = 0; j < p; j++) {
                    a[j] = (s1[j] - f * e1[j]) / denom;
                    u[j] -= a[j];
                }
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k <= j; k++) imat[j][k] += (s2[j][k] - f * e2[j][k]) / denom - a[j] * a[k];
                }
            }
        }
        for (int j = 0; j < p; j++) for (int k = 0; k < j; k++) imat[k][j] = imat[j][k];
        return new Value(logLik, u, imat);
    }
}
