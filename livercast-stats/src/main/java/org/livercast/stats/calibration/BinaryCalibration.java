package org.livercast.stats.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livercast.stats.math.Distributions;

/**
 * How well predicted probabilities match observed outcomes: calibration slope (logistic regression of the outcome
 * on logit p), calibration-in-the-large (intercept with logit p as offset), Brier score, Hosmer–Lemeshow over
 * quantile groups, and the grouped calibration curve.
 */
public final class BinaryCalibration {
    private BinaryCalibration() {}

    public record Result(double slope, double intercept, double brier, double hosmerLemeshow, int hlDf, double hlP,
                         List<Group> groups) {}

    /** One point of the grouped calibration curve: mean predicted vs observed proportion. */
    public record Group(double lowerBreak, double upperBreak, int n, double meanPredicted, double observed, double expectedEvents,
                        int observedEvents) {}

    public static Result of(boolean[] outcome, double[] probability, int groups) {
        int n = outcome.length;
        double[] logit = new double[n];
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double p = probability[i];
            if (!(p > 0 && p < 1)) throw new IllegalArgumentException("probability[" + i + "] = " + p + " must be strictly between 0 and 1");
            logit[i] = Math.log(p / (1 - p));
            double y = outcome[i] ? 1 : 0;
            brier += (y - p) * (y - p) / n;
        }
        double slope = slope(outcome, logit);
        double intercept = inTheLarge(outcome, logit);
        List<Group> g = groupByQuantiles(outcome, probability, groups);
        double hl = 0;
        for (Group grp : g) {
            double e = grp.expectedEvents();
            hl += (grp.observedEvents() - e) * (grp.observedEvents() - e) / (e * (1 - e / grp.n()));
        }
        int df = g.size() - 2;
        return new Result(slope, intercept, brier, hl, df, Distributions.chiSquaredUpper(hl, df), g);
    }

    /**
     * The calibration slope of a score given on the log-odds scale (R: {@code coef(glm(y ~ lp, family = binomial))[2]});
     * NaN when the outcome has one value. Takes the log-odds rather than the probability, so that a score whose
     * probability rounds to 0 or 1 in a double (a regression's linear predictor of 40) still has a slope.
     */
    public static double slope(boolean[] outcome, double[] logit) {
        int events = 0;
        for (boolean b : outcome) if (b) events++;
        if (events == 0 || events == outcome.length) return Double.NaN;
        double[][] design = new double[logit.length][];
        for (int i = 0; i < design.length; i++) design[i] = new double[] {1, logit[i]};
        return Logistic.fit(design, outcome, null).coef()[1];
    }

    /**
     * Calibration-in-the-large of a score given on the log-odds scale (R: {@code coef(glm(y ~ 1, offset = lp, family =
     * binomial))}): the log-odds to add to every prediction for the mean to match; NaN when the outcome has one value.
     */
    public static double inTheLarge(boolean[] outcome, double[] logit) {
        Logistic.Fit fit = inTheLargeFit(outcome, logit);
        return fit == null ? Double.NaN : fit.coef()[0];
    }

    /** The fit behind {@link #inTheLarge}, with the intercept's variance; null when the outcome has one value. */
    public static Logistic.Fit inTheLargeFit(boolean[] outcome, double[] logit) {
        int events = 0;
        for (boolean b : outcome) if (b) events++;
        if (events == 0 || events == outcome.length) return null;
        double[][] design = new double[logit.length][];
        for (int i = 0; i < design.length; i++) design[i] = new double[] {1};
        return Logistic.fit(design, outcome, logit);
    }

    /**
     * Groups by quantile breaks of the predictions (R's quantile type 7, duplicates removed, intervals closed on the
     * right with the lowest value included, as {@code cut(p, breaks, include.lowest = TRUE)}).
     */
    static List<Group> groupByQuantiles(boolean[] outcome, double[] probability, int groups) {
        double[] sorted = probability.clone();
        Arrays.sort(sorted);
        double[] breaks = new double[groups + 1];
        for (int k = 0; k <= groups; k++) breaks[k] = quantile7(sorted, (double) k / groups);
        breaks = Arrays.stream(breaks).distinct().toArray();
        List<Group> out = new ArrayList<>();
        for (int k = 0; k + 1 < breaks.length; k++) {
            double lo = breaks[k];
            double hi = breaks[k + 1];
            int count = 0;
            int events = 0;
            double sum = 0;
            for (int i = 0; i < probability.length; i++) {
                double p = probability[i];
                boolean in = k == 0 ? p >= lo && p <= hi : p > lo && p <= hi;
                if (!in) continue;
                count++;
                sum += p;
                if (outcome[i]) events++;
            }
            if (count > 0) out.add(new Group(lo, hi, count, sum / count, (double) events / count, sum, events));
        }
        return out;
    }

    /** R's default quantile (type 7) of sorted values. */
    public static double quantile7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
