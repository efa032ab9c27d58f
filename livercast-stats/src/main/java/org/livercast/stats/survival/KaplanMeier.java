package org.livercast.stats.survival;

import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.math.Distributions;

/**
 * Kaplan–Meier estimate with Greenwood variance and log-scale 95% intervals, as R's
 * {@code survfit(Surv(time, status) ~ 1, conf.type = "log")}: one row per distinct time (events or censorings).
 */
public final class KaplanMeier {
    private KaplanMeier() {}

    /**
     * @param stdErrCumHaz standard error of −log S(t) (R's {@code std.err}); NaN once S reaches 0
     */
    public record Curve(double[] time, int[] nRisk, int[] nEvent, int[] nCensor, double[] survival, double[] stdErrCumHaz,
                        double[] lower95, double[] upper95) {
        /** S(t): the estimate at the last step at or before t (1 before the first). */
        public double survivalAt(double t) {
            double s = 1;
            for (int i = 0; i < time.length && time[i] <= t; i++) s = survival[i];
            return s;
        }

        public Median median() { return KaplanMeier.median(this); }

        public int size() { return time.length; }
    }

    /** Median survival with its 95% interval; NaN where not reached. */
    public record Median(double median, double lower95, double upper95) {}

    public static Curve fit(SurvivalData data) {
        int[] order = data.order();
        int n = data.size();
        List<double[]> rows = new ArrayList<>();
        int atRisk = n;
        double s = 1;
        double greenwood = 0;
        int i = 0;
        while (i < n) {
            double t = data.time()[order[i]];
            int d = 0;
            int c = 0;
            while (i < n && data.time()[order[i]] == t) {
                if (data.event()[order[i]]) d++;
                else c++;
                i++;
            }
            if (d > 0) {
                s *= 1 - (double) d / atRisk;
                greenwood = d == atRisk ? Double.NaN : greenwood + (double) d / ((double) atRisk * (atRisk - d));
            }
            double se = s > 0 ? Math.sqrt(greenwood) : Double.NaN;
            double lower = s > 0 ? Math.exp(Math.log(s) - Distributions.Z_975 * se) : Double.NaN;
            double upper = s > 0 ? Math.min(1, Math.exp(Math.log(s) + Distributions.Z_975 * se)) : Double.NaN;
            rows.add(new double[] {t, atRisk, d, c, s, se, lower, upper});
            atRisk -= d + c;
        }
        int m = rows.size();
        double[] time = new double[m];
        int[] nRisk = new int[m];
        int[] nEvent = new int[m];
        int[] nCensor = new int[m];
        double[] surv = new double[m];
        double[] se = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int k = 0; k < m; k++) {
            double[] r = rows.get(k);
            time[k] = r[0];
            nRisk[k] = (int) r[1];
            nEvent[k] = (int) r[2];
            nCensor[k] = (int) r[3];
            surv[k] = r[4];
            se[k] = r[5];
            lo[k] = r[6];
            hi[k] = r[7];
        }
        return new Curve(time, nRisk, nEvent, nCensor, surv, se, lo, hi);
    }

    static Median median(Curve c) {
        // The lower band reaches 0.5 first, so it gives the lower limit of the median.
        return new Median(crossing(c.time(), c.survival()), crossing(c.time(), c.lower95()), crossing(c.time(), c.upper95()));
    }

    /**
     * The first time the curve falls to 0.5 or below; when it sits exactly at 0.5 over an interval, the midpoint of
     * that interval (R's quantile.survfit rule). NaN when never reached.
     */
    static double crossing(double[] time, double[] y) {
        final double tol = 1e-8;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) continue;
            if (Math.abs(y[i] - 0.5) < tol) {
                for (int j = i + 1; j < y.length; j++) {
                    if (y[j] < y[i] - tol) return (time[i] + time[j]) / 2;
                }
                return time[i];
            }
            if (y[i] < 0.5) return time[i];
        }
        return Double.NaN;
    }
}
