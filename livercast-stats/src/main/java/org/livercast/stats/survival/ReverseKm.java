package org.livercast.stats.survival;

import java.util.Arrays;

/**
 * The Kaplan–Meier estimate of the censoring distribution G (censorings are the events; a death at the same time
 * stays in the risk set), used for inverse-probability-of-censoring weights.
 */
final class ReverseKm {
    private final double[] times;
    private final double[] values;

    private ReverseKm(double[] times, double[] values) {
        this.times = times;
        this.values = values;
    }

    static ReverseKm of(SurvivalData data) {
        int n = data.size();
        int[] order = data.order();
        double[] t = new double[n];
        double[] v = new double[n];
        int m = 0;
        double g = 1;
        int atRisk = n;
        int i = 0;
        while (i < n) {
            double time = data.time()[order[i]];
            int c = 0;
            int all = 0;
            while (i < n && data.time()[order[i]] == time) {
                if (!data.event()[order[i]]) c++;
                all++;
                i++;
            }
            if (c > 0) {
                g *= 1 - (double) c / atRisk;
                t[m] = time;
                v[m++] = g;
            }
            atRisk -= all;
        }
        return new ReverseKm(Arrays.copyOf(t, m), Arrays.copyOf(v, m));
    }

    /** G(t): after the censorings at t. */
    double at(double t) {
        int k = countAtOrBefore(t, true);
        return k == 0 ? 1 : values[k - 1];
    }

    /** G(t−): before the censorings at t. */
    double before(double t) {
        int k = countAtOrBefore(t, false);
        return k == 0 ? 1 : values[k - 1];
    }

    /** Number of censoring times &lt;= t (inclusive) or &lt; t, by binary search. */
    private int countAtOrBefore(double t, boolean inclusive) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (inclusive ? times[m] <= t : times[m] < t) lo = m + 1;
            else hi = m;
        }
        return lo;
    }
}
