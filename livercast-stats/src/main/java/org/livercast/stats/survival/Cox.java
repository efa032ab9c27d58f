package org.livercast.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livercast.stats.math.Distributions;
import org.livercast.stats.math.Matrices;

/**
 * Cox proportional hazards by Newton–Raphson with step-halving, as R's {@code coxph} (Efron or Breslow ties,
 * strata, convergence when the log-likelihood changes by less than 1e-9 relative). A covariate whose coefficient
 * runs off to infinity (monotone likelihood: it separates the events) is named in {@link Fit#monotone()} instead of
 * being reported as a finite estimate.
 */
public final class Cox {
    private Cox() {}

    public static final double EPS = 1e-9;
    public static final int MAX_ITER = 30;

    public record Fit(int n, int events, double[] coef, double[] se, double[] hazardRatio, double[] hrLower95,
                      double[] hrUpper95, double[] z, double[] p, double logLikNull, double logLik, double lrTest,
                      double waldTest, double scoreTest, int df, int iterations, boolean converged, List<Integer> monotone,
                      double[][] variance) {
        public double lrP() { return Distributions.chiSquaredUpper(lrTest, df); }

        public double waldP() { return Distributions.chiSquaredUpper(waldTest, df); }

        public double scoreP() { return Distributions.chiSquaredUpper(scoreTest, df); }

        /** Linear predictor of a covariate row (uncentred; higher = higher hazard). */
        public double linearPredictor(double[] row) {
            double s = 0;
            for (int j = 0; j < coef.length; j++) s += coef[j] * row[j];
            return s;
        }
    }

    /**
     * @param x      covariates, one row per subject
     * @param strata stratum label per subject, or null
     */
    public static Fit fit(SurvivalData data, double[][] x, String[] strata, Ties ties) {
        int n = data.size();
        int p = n == 0 ? 0 : x[0].length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        int[] stratumId = stratumIds(strata, n);
        // Sort by stratum, then time descending so a forward pass accumulates risk sets.
        Arrays.sort(idx, (a, b) -> {
            int c = Integer.compare(stratumId[a], stratumId[b]);
            return c != 0 ? c : Double.compare(data.time()[b], data.time()[a]);
        });
        double[] mean = new double[p];
        for (double[] row : x) for (int j = 0; j < p; j++) mean[j] += row[j] / n;
        double[][] xs = new double[n][p];
        double[] t = new double[n];
        boolean[] e = new boolean[n];
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            int r = idx[i];
            for (int j = 0; j < p; j++) xs[i][j] = x[r][j] - mean[j];
            t[i] = data.time()[r];
            e[i] = data.event()[r];
            s[i] = stratumId[r];
        }
        return newtonRaphson(new CoxLikelihood(xs, t, e, s, ties), data.events());
    }

    private static Fit newtonRaphson(CoxLikelihood lik, int events) {
        int p = lik.p;
        double[] beta = new double[p];
        CoxLikelihood.Value at0 = lik.evaluate(beta);
        double[][] inv0 = Matrices.symmetricInverse(at0.information(), 1e-12);
        double scoreTest = Matrices.quadraticForm(at0.score(), inv0);
        CoxLikelihood.Value current = at0;
        double[] step = Matrices.multiply(inv0, at0.score());
        int iter = 0;
        boolean converged = false;
        while (iter < MAX_ITER) {
            iter++;
            double[] candidate = new double[p];
            for (int j = 0; j < p; j++) candidate[j] = beta[j] + step[j];
            CoxLikelihood.Value next = lik.evaluate(candidate);
            int halvings = 0;
            while ((Double.isNaN(next.logLik()) || next.logLik() < current.logLik()) && halvings < 30) {
                for (int j = 0; j < p; j++) candidate[j] = (candidate[j] + beta[j]) / 2;
                next = lik.evaluate(candidate);
                halvings++;
            }
            boolean small = Math.abs(1 - current.logLik() / next.logLik()) <= EPS;
            beta = candidate;
            current = next;
            step = Matrices.multiply(Matrices.symmetricInverse(current.information(), 1e-12), current.score());
            if (small) {
                converged = true;
                break;
            }
        }
        double[][] var = Matrices.symmetricInverse(current.information(), 1e-12);
        List<Integer> monotone = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            // As coxph: a variable whose remaining Newton step is still large relative to its coefficient
            // is running to infinity, and its estimate and standard error are meaningless.
            if (Math.abs(step[j]) > EPS && Math.abs(step[j]) > Math.sqrt(EPS) * Math.abs(beta[j]) || var[j][j] == 0) {
                monotone.add(j);
            }
        }
        return summarise(lik.n, events, beta, var, at0.logLik(), current.logLik(), scoreTest, iter, converged, monotone);
    }

    private static Fit summarise(int n, int events, double[] beta, double[][] var, double ll0, double ll, double score,
                                 int iter, boolean converged, List<Integer> monotone) {
        int p = beta.length;
        double[] se = new double[p];
        double[] hr = new double[p];
        double[] lo = new double[p];
        double[] hi = new double[p];
        double[] z = new double[p];
        double[] pv = new double[p];
        for (int j = 0; j < p; j++) {
            se[j] = Math.sqrt(var[j][j]);
            hr[j] = Math.exp(beta[j]);
            lo[j] = Math.exp(beta[j] - Distributions.Z_975 * se[j]);
            hi[j] = Math.exp(beta[j] + Distributions.Z_975 * se[j]);
            z[j] = beta[j] / se[j];
            pv[j] = Distributions.normalTwoSidedP(z[j]);
        }
        double wald = Matrices.quadraticForm(beta, Matrices.symmetricInverse(var, 1e-12));
        int df = 0;
        for (int j = 0; j < p; j++) if (var[j][j] != 0) df++;
        return new Fit(n, events, beta, se, hr, lo, hi, z, pv, ll0, ll, 2 * (ll - ll0), wald, score, df, iter, converged,
                List.copyOf(monotone), var);
    }

    static int[] stratumIds(String[] strata, int n) {
        int[] ids = new int[n];
        if (strata == null) return ids;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = seen.indexOf(strata[i]);
            if (k < 0) {
                seen.add(strata[i]);
                k = seen.size() - 1;
            }
            ids[i] = k;
        }
        return ids;
    }
}
