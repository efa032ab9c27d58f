package org.livercast.stats.survival;

import java.util.Arrays;

/**
 * Harrell's and Uno's concordance of a risk marker with survival, with the infinitesimal-jackknife standard error,
 * computed as R's {@code survival::concordance(..., reverse = TRUE)}: higher marker = higher risk; pairs tied on the
 * marker count one half; pairs of deaths at the same time are not comparable; a censoring at a death's time counts
 * as surviving it. Uno's version weights each death time by 1/G(t−)² (G the Kaplan–Meier of censoring, deaths
 * before censorings at ties) and ignores deaths after {@code tau}. O(n log n).
 */
public final class Concordance {
    private Concordance() {}

    public record Result(double concordance, double standardError, double concordant, double discordant, double tiedMarker,
                         double comparablePairs) {}

    public enum Weighting { HARRELL, UNO }

    public static Result harrell(SurvivalData data, double[] marker, String[] strata) {
        return compute(data, marker, strata, Weighting.HARRELL, Double.POSITIVE_INFINITY);
    }

    public static Result uno(SurvivalData data, double[] marker, String[] strata, double tau) {
        return compute(data, marker, strata, Weighting.UNO, tau);
    }

    public static Result compute(SurvivalData data, double[] marker, String[] strata, Weighting weighting, double tau) {
        int n = data.size();
        if (marker.length != n) throw new IllegalArgumentException("marker has " + marker.length + " values for " + n + " subjects");
        int[] ids = Cox.stratumIds(strata, n);
        int nStrata = Arrays.stream(ids).max().orElse(0) + 1;
        double[][] influence = new double[n][3];
        double[] counts = new double[3];
        for (int s = 0; s < nStrata; s++) {
            final int stratum = s;
            int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> ids[i] == stratum).toArray();
            countStratum(data, marker, rows, weighting, tau, counts, influence);
        }
        double npair = counts[0] + counts[1] + counts[2];
        double somers = (counts[0] - counts[1]) / npair;
        double var = 0;
        for (double[] row : influence) {
            double dfbeta = (row[0] - row[1]) / npair - somers / npair * (row[0] + row[1] + row[2]);
            var += dfbeta * dfbeta;
        }
        return new Result((somers + 1) / 2, Math.sqrt(var / 4), counts[0], counts[1], counts[2], npair);
    }

    private static void countStratum(SurvivalData data, double[] marker, int[] rows, Weighting weighting, double tau,
                                     double[] counts, double[][] influence) {
        int m = rows.length;
        double[] t = new double[m];
        boolean[] e = new boolean[m];
        for (int i = 0; i < m; i++) {
            t[i] = data.time()[rows[i]];
            e[i] = data.event()[rows[i]];
        }
        int[] rank = ranks(marker, rows);
        int nRanks = Arrays.stream(rank).max().orElse(-1) + 1;
        Integer[] asc = new Integer[m];
        for (int i = 0; i < m; i++) asc[i] = i;
        Arrays.sort(asc, (a, b) -> Double.compare(t[a], t[b]));
        double[] weightAt = deathWeights(t, e, asc, weighting, tau);
        // Pass 1, time descending: each death against those still at risk (later times, and censorings at its time).
        Fenwick atRisk = new Fenwick(nRanks);
        int i = m - 1;
        while (i >= 0) {
            int j = i;
            while (j >= 0 && t[asc[j]] == t[asc[i]]) j--;
            for (int k = i; k > j; k--) if (!e[asc[k]]) atRisk.add(rank[asc[k]], 1);
            for (int k = i; k > j; k--) {
                int d = asc[k];
                if (!e[d]) continue;
                double w = weightAt[d];
                double lower = atRisk.below(rank[d]);
                double equal = atRisk.at(rank[d]);
                double higher = atRisk.total() - lower - equal;
                add(counts, influence[rows[d]], w * lower, w * higher, w * equal);
            }
            for (int k = i; k > j; k--) if (e[asc[k]]) atRisk.add(rank[asc[k]], 1);
            i = j;
        }
        // Pass 2, time ascending: each subject's share as the later member of pairs with earlier deaths.
        Fenwick deaths = new Fenwick(nRanks);
        i = 0;
        while (i < m) {
            int j = i;
            while (j < m && t[asc[j]] == t[asc[i]]) j++;
            for (int k = i; k < j; k++) if (e[asc[k]]) creditLater(deaths, rank[asc[k]], influence[rows[asc[k]]]);
            for (int k = i; k < j; k++) if (e[asc[k]]) deaths.add(rank[asc[k]], weightAt[asc[k]]);
            for (int k = i; k < j; k++) if (!e[asc[k]]) creditLater(deaths, rank[asc[k]], influence[rows[asc[k]]]);
            i = j;
        }
    }

    /** The later member of a pair is concordant when the earlier death has the higher marker. */
    private static void creditLater(Fenwick deaths, int rank, double[] infl) {
        double lower = deaths.below(rank);
        double equal = deaths.at(rank);
        double higher = deaths.total() - lower - equal;
        infl[0] += higher;
        infl[1] += lower;
        infl[2] += equal;
    }

    private static void add(double[] counts, double[] infl, double concordant, double discordant, double tied) {
        counts[0] += concordant;
        counts[1] += discordant;
        counts[2] += tied;
        infl[0] += concordant;
        infl[1] += discordant;
        infl[2] += tied;
    }

    /** Weight of each subject's death time: 1 (Harrell) or 1/G(t−)² (Uno), 0 after tau. */
    private static double[] deathWeights(double[] t, boolean[] e, Integer[] asc, Weighting weighting, double tau) {
        int m = t.length;
        double[] w = new double[m];
        int deathsTotal = 0;
        for (boolean b : e) if (b) deathsTotal++;
        boolean uno = weighting == Weighting.UNO && deathsTotal >= 2;
        double g = 1;
        int atRisk = m;
        int i = 0;
        while (i < m) {
            int j = i;
            int d = 0;
            int c = 0;
            while (j < m && t[asc[j]] == t[asc[i]]) {
                if (e[asc[j]]) d++;
                else c++;
                j++;
            }
            for (int k = i; k < j; k++) {
                double base = uno ? 1 / (g * g) : 1;
                w[asc[k]] = t[asc[k]] > tau ? 0 : base;
            }
            // Censoring KM: deaths at this time leave first, then the censorings are the events.
            if (c > 0 && atRisk - d > 0) g *= 1 - (double) c / (atRisk - d);
            atRisk -= d + c;
            i = j;
        }
        return w;
    }

    private static int[] ranks(double[] marker, int[] rows) {
        double[] sorted = Arrays.stream(rows).mapToDouble(r -> marker[r]).sorted().distinct().toArray();
        int[] rank = new int[rows.length];
        for (int i = 0; i < rows.length; i++) rank[i] = Arrays.binarySearch(sorted, marker[rows[i]]);
        return rank;
    }
}
