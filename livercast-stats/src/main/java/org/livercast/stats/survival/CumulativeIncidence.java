package org.livercast.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aalen–Johansen cumulative incidence of one cause among competing causes (e.g. recurrence vs death without
 * recurrence), with the delta-method variance of Gray's cmprsk::cuminc. Cause codes: 0 = censored, any other
 * value = that cause.
 */
public final class CumulativeIncidence {
    private CumulativeIncidence() {}

    /** The step function: the estimate and its variance just after each event of the cause of interest. */
    public record Curve(double[] time, double[] estimate, double[] variance, double lastFollowUp) {
        /** The estimate at t (right-continuous); NaN beyond the last follow-up time, as cmprsk's timepoints. */
        public double at(double t) { return step(t, estimate); }

        public double varianceAt(double t) { return step(t, variance); }

        private double step(double t, double[] values) {
            if (t > lastFollowUp) return Double.NaN;
            int k = -1;
            for (int i = 0; i < time.length && time[i] <= t; i++) k = i;
            return k < 0 ? 0 : values[k];
        }
    }

    public static Curve fit(double[] time, int[] cause, int causeOfInterest) {
        int n = time.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
        List<double[]> points = new ArrayList<>();
        double survivalBefore = 1;   // overall Kaplan–Meier, left-continuous
        double cif = 0;
        // Running sums of the delta-method variance: var = a - 2 F b + F² c.
        double a = 0;
        double b = 0;
        double c = 0;
        int atRisk = n;
        int i = 0;
        while (i < n) {
            double t = time[order[i]];
            int ofInterest = 0;
            int competing = 0;
            int all = 0;
            while (i < n && time[order[i]] == t) {
                int k = cause[order[i]];
                if (k == causeOfInterest) ofInterest++;
                else if (k != 0) competing++;
                all++;
                i++;
            }
            int events = ofInterest + competing;
            if (events > 0) {
                double survivalAfter = survivalBefore * (atRisk - events) / atRisk;
                if (ofInterest > 0) cif += survivalBefore * ofInterest / atRisk;
                if (competing > 0 && survivalAfter > 0) {
                    double w = hazardVariance(survivalBefore, competing, atRisk);
                    double inv = 1 / survivalAfter;
                    double g = cif / survivalAfter;
                    a += g * g * w;
                    b += inv * g * w;
                    c += inv * inv * w;
                }
                if (ofInterest > 0) {
                    double w = hazardVariance(survivalBefore, ofInterest, atRisk);
                    double inv = survivalAfter > 0 ? 1 / survivalAfter : 0;
                    double g = 1 + inv * cif;
                    a += g * g * w;
                    b += inv * g * w;
                    c += inv * inv * w;
                    points.add(new double[] {t, cif, a + cif * cif * c - 2 * cif * b});
                }
                survivalBefore = survivalAfter;
            }
            atRisk -= all;
        }
        double[] t = new double[points.size()];
        double[] f = new double[points.size()];
        double[] v = new double[points.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = points.get(k)[0];
            f[k] = points.get(k)[1];
            v[k] = points.get(k)[2];
        }
        double last = Arrays.stream(time).max().orElse(0);
        return new Curve(t, f, v, last);
    }

    /** S(t−)² × d/n² with the hypergeometric tie correction 1 − (d−1)/(n−1). */
    private static double hazardVariance(double survivalBefore, int d, int atRisk) {
        double tie = d > 1 ? 1 - (d - 1.0) / (atRisk - 1.0) : 1;
        return survivalBefore * survivalBefore * tie * d / ((double) atRisk * atRisk);
    }
}
