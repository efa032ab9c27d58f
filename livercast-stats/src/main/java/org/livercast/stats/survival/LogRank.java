package org.livercast.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.stats.math.Distributions;
import org.livercast.stats.math.Matrices;

/**
 * The log-rank test for k groups, optionally stratified (R's {@code survdiff(... + strata(s))}): observed and
 * expected events per group summed over strata, and the chi-square statistic from the hypergeometric variance,
 * dropping groups with no expected events and using k − 1 degrees of freedom.
 */
public final class LogRank {
    private LogRank() {}

    public record Result(List<String> groups, double[] observed, double[] expected, double chiSquare, int df, double p) {}

    /** @param strata may be null for an unstratified test */
    public static Result test(SurvivalData data, String[] group, String[] strata) {
        List<String> groups = distinctInOrder(group);
        int k = groups.size();
        Map<String, List<Integer>> byStratum = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            byStratum.computeIfAbsent(strata == null ? "" : strata[i], s -> new ArrayList<>()).add(i);
        }
        double[] observed = new double[k];
        double[] expected = new double[k];
        double[][] var = new double[k][k];
        for (List<Integer> rows : byStratum.values()) {
            accumulate(data, group, groups, rows.stream().mapToInt(Integer::intValue).toArray(), observed, expected, var);
        }
        // Drop groups with nothing expected, then the first remaining group (the contrasts are k - 1).
        int[] keep = java.util.stream.IntStream.range(0, k).filter(g -> expected[g] > 0).toArray();
        int m = keep.length - 1;
        double chi = 0;
        int df = 0;
        if (m > 0) {
            double[] diff = new double[m];
            double[][] v = new double[m][m];
            for (int a = 0; a < m; a++) {
                diff[a] = observed[keep[a + 1]] - expected[keep[a + 1]];
                for (int b = 0; b < m; b++) v[a][b] = var[keep[a + 1]][keep[b + 1]];
            }
            double[][] inv = Matrices.symmetricInverse(v, 1e-10);
            chi = Matrices.quadraticForm(diff, inv);
            for (int a = 0; a < m; a++) if (inv[a][a] != 0) df++;
        }
        return new Result(groups, observed, expected, chi, df, df == 0 ? Double.NaN : Distributions.chiSquaredUpper(chi, df));
    }

    private static void accumulate(SurvivalData data, String[] group, List<String> groups, int[] rows, double[] obs,
                                   double[] exp, double[][] var) {
        int k = groups.size();
        int[] g = new int[rows.length];
        for (int i = 0; i < rows.length; i++) g[i] = groups.indexOf(group[rows[i]]);
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(data.time()[rows[a]], data.time()[rows[b]]));
        int[] atRisk = new int[k];
        for (int i = 0; i < rows.length; i++) atRisk[g[i]]++;
        int total = rows.length;
        int i = 0;
        while (i < rows.length) {
            double t = data.time()[rows[order[i]]];
            int[] deaths = new int[k];
            int[] leaving = new int[k];
            int d = 0;
            while (i < rows.length && data.time()[rows[order[i]]] == t) {
                int r = order[i];
                leaving[g[r]]++;
                if (data.event()[rows[r]]) {
                    deaths[g[r]]++;
                    d++;
                }
                i++;
            }
            if (d > 0) {
                double n = total;
                for (int a = 0; a < k; a++) {
                    obs[a] += deaths[a];
                    exp[a] += d * atRisk[a] / n;
                }
                if (n > 1) {
                    double factor = d * (n - d) / (n - 1);
                    for (int a = 0; a < k; a++) {
                        double pa = atRisk[a] / n;
                        for (int b = 0; b < k; b++) {
                            double pb = atRisk[b] / n;
                            var[a][b] += factor * pa * ((a == b ? 1 : 0) - pb);
                        }
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                atRisk[a] -= leaving[a];
                total -= leaving[a];
            }
        }
    }

    static List<String> distinctInOrder(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) if (!out.contains(v)) out.add(v);
        return out;
    }
}
