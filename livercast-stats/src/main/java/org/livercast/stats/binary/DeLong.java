package org.livercast.stats.binary;

import java.util.Arrays;

/**
 * DeLong's structural components of the AUC (DeLong, DeLong and Clarke-Pearson 1988), computed by sorting in
 * O(n log n): for each case, the fraction of controls it outranks (ties count one half), and for each control the
 * fraction of cases that outrank it. Their means are the AUC; their variances give var(AUC).
 */
final class DeLong {
    private DeLong() {}

    record Components(double[] v10, double[] v01) {
        double auc() { return Arrays.stream(v10).average().orElse(Double.NaN); }

        double variance() { return sampleVariance(v10, v10) / v10.length + sampleVariance(v01, v01) / v01.length; }
    }

    /**
     * Components in sorted order (only their means, variances and, for paired tests, their pairing by subject matter;
     * see {@link #ofSubjects}). One sort of each class and a two-pointer sweep: O(n log n) with a small constant.
     */
    static Components of(double[] cases, double[] controls) {
        if (cases.length == 0 || controls.length == 0) throw new IllegalArgumentException("AUC needs at least one case and one control");
        double[] x = cases.clone();
        double[] y = controls.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double[] v10 = new double[x.length];
        int below = 0;
        int notAbove = 0;
        for (int i = 0; i < x.length; i++) {
            while (below < y.length && y[below] < x[i]) below++;
            if (notAbove < below) notAbove = below;
            while (notAbove < y.length && y[notAbove] <= x[i]) notAbove++;
            v10[i] = (below + 0.5 * (notAbove - below)) / y.length;
        }
        double[] v01 = new double[y.length];
        below = 0;
        notAbove = 0;
        for (int j = 0; j < y.length; j++) {
            while (below < x.length && x[below] < y[j]) below++;
            if (notAbove < below) notAbove = below;
            while (notAbove < x.length && x[notAbove] <= y[j]) notAbove++;
            v01[j] = (x.length - notAbove + 0.5 * (notAbove - below)) / x.length;
        }
        return new Components(v10, v01);
    }

    /**
     * Components in subject order, needed when two markers measured on the same subjects are compared (the paired
     * test pairs each subject's components).
     */
    static Components ofSubjects(double[] cases, double[] controls) {
        double[] sortedControls = controls.clone();
        double[] sortedCases = cases.clone();
        Arrays.sort(sortedControls);
        Arrays.sort(sortedCases);
        double[] v10 = new double[cases.length];
        for (int i = 0; i < cases.length; i++) {
            int lo = lowerBound(sortedControls, cases[i]);
            int hi = upperBound(sortedControls, cases[i]);
            v10[i] = (lo + 0.5 * (hi - lo)) / controls.length;
        }
        double[] v01 = new double[controls.length];
        for (int j = 0; j < controls.length; j++) {
            int lo = lowerBound(sortedCases, controls[j]);
            int hi = upperBound(sortedCases, controls[j]);
            v01[j] = (cases.length - hi + 0.5 * (hi - lo)) / cases.length;
        }
        return new Components(v10, v01);
    }

    /** Covariance of two AUCs estimated on the same subjects (paired DeLong). */
    static double covariance(Components a, Components b) {
        return sampleVariance(a.v10(), b.v10()) / a.v10().length + sampleVariance(a.v01(), b.v01()) / a.v01().length;
    }

    static double sampleVariance(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double s = 0;
        for (int i = 0; i < x.length; i++) s += (x[i] - mx) * (y[i] - my);
        return s / (x.length - 1);
    }

    static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
