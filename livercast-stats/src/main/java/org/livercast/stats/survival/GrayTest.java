package org.livercast.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livercast.stats.math.Distributions;
import org.livercast.stats.math.Matrices;

/**
 * Gray's (1988) k-sample test that the cumulative incidence of one cause is equal across groups, optionally
 * stratified, with weight (1 − F(t−))^rho; chi-square on k − 1 degrees of freedom, as cmprsk::cuminc reports it.
 */
public final class GrayTest {
    private GrayTest() {}

    public record Result(double statistic, int df, double p) {}

    /** @param cause 0 censored, {@code causeOfInterest}, or any other code for a competing cause */
    public static Result test(double[] time, int[] cause, String[] group, String[] strata, int causeOfInterest, double rho) {
        List<String> groups = new ArrayList<>(Arrays.stream(group).distinct().sorted().toList());
        int ng = groups.size();
        int[] g = Arrays.stream(group).mapToInt(groups::indexOf).toArray();
        int[] code = new int[time.length];
        for (int i = 0; i < code.length; i++) code[i] = cause[i] == 0 ? 0 : cause[i] == causeOfInterest ? 1 : 2;
        int[] stratumId = Cox.stratumIds(strata, time.length);
        int nStrata = Arrays.stream(stratumId).max().orElse(0) + 1;
        double[] score = new double[ng - 1];
        double[][] var = new double[ng - 1][ng - 1];
        for (int s = 0; s < nStrata; s++) {
            final int st = s;
            int[] rows = java.util.stream.IntStream.range(0, time.length).filter(i -> stratumId[i] == st)
                    .boxed().sorted((a, b) -> Double.compare(time[a], time[b])).mapToInt(Integer::intValue).toArray();
            new Stratum(ng, rho).accumulate(time, code, g, rows, score, var);
        }
        double[][] inv = Matrices.symmetricInverse(var, 1e-12);
        int rank = 0;
        for (int i = 0; i < ng - 1; i++) if (inv[i][i] != 0) rank++;
        if (rank < ng - 1) return new Result(Double.NaN, ng - 1, Double.NaN);
        double stat = Matrices.quadraticForm(score, inv);
        return new Result(stat, ng - 1, Distributions.chiSquaredUpper(stat, ng - 1));
    }

    /** The score and variance contributions of one stratum (Gray 1988, section 2). */
    private static final class Stratum {
        final int ng;
        final double rho;
        final double[] atRisk;
        final double[] kmBefore;
        final double[] kmAfter;
        final double[] cifBefore;
        final double[] cifAfter;
        final double[][] a;
        final double[][] c;
        final double[] v3;
        final double[][] v2;

        Stratum(int ng, double rho) {
            this.ng = ng;
            this.rho = rho;
            atRisk = new double[ng];
            kmBefore = filled(ng, 1);
            kmAfter = filled(ng, 1);
            cifBefore = new double[ng];
            cifAfter = new double[ng];
            a = new double[ng][ng];
            c = new double[ng][ng];
            v3 = new double[ng];
            v2 = new double[ng - 1][ng];
        }

        void accumulate(double[] time, int[] code, int[] group, int[] rows, double[] score, double[][] var) {
            for (int r : rows) atRisk[group[r]]++;
            double[][] v = new double[ng - 1][ng - 1];
            double[] s = new double[ng - 1];
            double fBefore = 0;
            int lo = 0;
            while (lo < rows.length) {
                int hi = lo;
                while (hi < rows.length && time[rows[hi]] == time[rows[lo]]) hi++;
                int[][] d = new int[3][ng];
                for (int k = lo; k < hi; k++) d[code[rows[k]]][group[rows[k]]]++;
                int nd1 = Arrays.stream(d[1]).sum();
                int nd2 = Arrays.stream(d[2]).sum();
                if (nd1 > 0 || nd2 > 0) {
                    double tr = 0;
                    double tq = 0;
                    for (int i = 0; i < ng; i++) {
                        if (atRisk[i] <= 0) continue;
                        kmAfter[i] = kmBefore[i] * (atRisk[i] - d[1][i] - d[2][i]) / atRisk[i];
                        cifAfter[i] = cifBefore[i] + kmBefore[i] * d[1][i] / atRisk[i];
                        tr += atRisk[i] / kmBefore[i];
                        tq += atRisk[i] * (1 - cifBefore[i]) / kmBefore[i];
                    }
                    double f = fBefore + nd1 / tr;
                    double weight = Math.pow(1 - fBefore, rho);
                    updateAC(nd1, tr, fBefore, weight);
                    for (int i = 0; i < ng - 1; i++) {
                        if (atRisk[i] > 0) s[i] += weight * (d[1][i] - nd1 * atRisk[i] * (1 - cifBefore[i]) / (kmBefore[i] * tq));
                    }
                    if (nd1 > 0) causeOfInterestVariance(nd1, tr, f, v);
                    if (nd2 > 0) competingVariance(d[2], f, v);
                    fBefore = f;
                }
                for (int k = lo; k < hi; k++) atRisk[group[rows[k]]]--;
                System.arraycopy(cifAfter, 0, cifBefore, 0, ng);
                System.arraycopy(kmAfter, 0, kmBefore, 0, ng);
                lo = hi;
            }
            for (int i = 0; i < ng - 1; i++) {
                for (int j = 0; j <= i; j++) {
                    for (int k = 0; k < ng; k++) v[i][j] += c[i][k] * c[j][k] * v3[k] + c[i][k] * v2[j][k] + c[j][k] * v2[i][k];
                    var[i][j] += v[i][j];
                    if (i != j) var[j][i] += v[i][j];
                }
                score[i] += s[i];
            }
        }

        private void updateAC(int nd1, double tr, double fBefore, double weight) {
            for (double[] row : a) Arrays.fill(row, 0);
            for (int i = 0; i < ng; i++) {
                if (atRisk[i] <= 0) continue;
                double t1 = atRisk[i] / kmBefore[i];
                a[i][i] = weight * t1 * (1 - t1 / tr);
                c[i][i] += a[i][i] * nd1 / (tr * (1 - fBefore));
                for (int j = i + 1; j < ng; j++) {
                    if (atRisk[j] <= 0) continue;
                    a[i][j] = -weight * t1 * atRisk[j] / (kmBefore[j] * tr);
                    c[i][j] += a[i][j] * nd1 / (tr * (1 - fBefore));
                }
            }
            for (int i = 1; i < ng; i++) {
                for (int j = 0; j < i; j++) {
                    a[i][j] = a[j][i];
                    c[i][j] = c[j][i];
                }
            }
        }

        private void causeOfInterestVariance(int nd1, double tr, double f, double[][] v) {
            for (int k = 0; k < ng; k++) {
                if (atRisk[k] <= 0) continue;
                double t4 = kmAfter[k] > 0 ? 1 - (1 - f) / kmAfter[k] : 1;
                double t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * kmBefore[k] - 1) : 1;
                double t3 = t5 * kmBefore[k] * nd1 / (tr * atRisk[k]);
                v3[k] += t4 * t4 * t3;
                for (int i = 0; i < ng - 1; i++) {
                    double t1 = a[i][k] - t4 * c[i][k];
                    v2[i][k] += t1 * t4 * t3;
                    for (int j = 0; j <= i; j++) v[i][j] += t1 * (a[j][k] - t4 * c[j][k]) * t3;
                }
            }
        }

        private void competingVariance(int[] d2, double f, double[][] v) {
            for (int k = 0; k < ng; k++) {
                if (kmAfter[k] <= 0 || d2[k] <= 0) continue;
                double t4 = (1 - f) / kmAfter[k];
                double t5 = d2[k] > 1 ? 1 - (d2[k] - 1.0) / (atRisk[k] - 1.0) : 1;
                double t3 = t5 * kmBefore[k] * kmBefore[k] * d2[k] / (atRisk[k] * atRisk[k]);
                v3[k] += t4 * t4 * t3;
                for (int i = 0; i < ng - 1; i++) {
                    double t1 = t4 * c[i][k];
                    v2[i][k] -= t1 * t4 * t3;
                    for (int j = 0; j <= i; j++) v[i][j] += t1 * t4 * c[j][k] * t3;
                }
            }
        }

        private static double[] filled(int n, double v) {
            double[] a = new double[n];
            Arrays.fill(a, v);
            return a;
        }
    }
}
