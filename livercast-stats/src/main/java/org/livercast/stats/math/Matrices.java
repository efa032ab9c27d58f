package org.livercast.stats.math;

/**
 * The little dense linear algebra the models need: symmetric positive-definite solve and inverse by Cholesky, with a
 * generalised inverse that drops singular directions (as R's survdiff and coxph do for redundant columns).
 */
public final class Matrices {
    private Matrices() {}

    /** Inverse of a symmetric matrix; rows/columns whose pivot falls below {@code tol} are set to zero (rank-deficient). */
    public static double[][] symmetricInverse(double[][] a, double tol) {
        int n = a.length;
        double[][] l = new double[n][n];
        boolean[] singular = new boolean[n];
        // Cholesky with pivot dropping, as survival's cholesky2: a zero pivot marks a redundant direction.
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i][i]));
        double eps = tol * (scale == 0 ? 1 : scale);
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) d -= l[j][k] * l[j][k] * l[k][k];
            if (d <= eps) {
                singular[j] = true;
                l[j][j] = 0;
                continue;
            }
            l[j][j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k] * l[k][k];
                l[i][j] = s / d;
            }
        }
        // Invert the unit-lower-triangular factor, then form L^-T D^-1 L^-1.
        double[][] inv = new double[n][n];
        double[][] linv = new double[n][n];
        for (int i = 0; i < n; i++) {
            linv[i][i] = 1;
            for (int j = 0; j < i; j++) {
                double s = 0;
                for (int k = j; k < i; k++) s -= (singular[k] ? 0 : l[i][k]) * linv[k][j];
                linv[i][j] = singular[i] ? 0 : s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < n; k++) {
                    if (!singular[k]) s += linv[k][i] * linv[k][j] / l[k][k];
                }
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            if (singular[i]) {
                for (int j = 0; j < n; j++) {
                    inv[i][j] = 0;
                    inv[j][i] = 0;
                }
            }
        }
        return inv;
    }

    public static int rank(double[][] a, double tol) {
        double[][] inv = symmetricInverse(a, tol);
        int r = 0;
        for (int i = 0; i < a.length; i++) if (inv[i][i] != 0) r++;
        return r;
    }

    public static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            y[i] = s;
        }
        return y;
    }

    public static double quadraticForm(double[] x, double[][] a) {
        double s = 0;
        for (int i = 0; i < x.length; i++) for (int j = 0; j < x.length; j++) s += x[i] * a[i][j] * x[j];
        return s;
    }
}
