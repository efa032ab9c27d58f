package org.livercast.learn.train;

import java.util.List;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.stats.math.Distributions;

/**
 * Recalibration in the large of the discrete-time survival heads for a centre: one shift θ of every interval's
 * complementary log-log hazard (cloglog h' = cloglog h + θ, so each interval's cumulative hazard is multiplied by e^θ),
 * the maximum-likelihood estimate on the centre's patients with the model's hazards as an offset — R's
 * {@code glm(event ~ 1 + offset(cloglog(h)), family = binomial("cloglog"))} over the intervals each patient was at risk
 * in — with the likelihood-ratio test of θ = 0.
 *
 * @param observed the events among these patients
 * @param expected the events the model expects in the intervals they were at risk in (before the shift)
 */
public record HazardShift(double shift, double standardError, double likelihoodRatio, double p, int patients, int observed, double expected) {

    /** Observed / expected events before the shift: above 1, the centre recurs more than the model says. */
    public double observedOverExpected() { return observed / expected; }

    /**
     * @param hazards each patient's predicted hazard per interval (as the model gives them)
     * @param days    follow-up in days to the event or censoring
     */
    public static HazardShift fit(List<float[]> hazards, double[] days, boolean[] event) {
        int n = hazards.size();
        if (days.length != n || event.length != n) throw new IllegalArgumentException(n + " patients, " + days.length + " times, " + event.length + " events");
        AtRisk rows = AtRisk.of(hazards, days, event);
        double[] offset = rows.offset();
        boolean[] y = rows.event();
        int m = offset.length;
        int observed = rows.observed();
        if (observed == 0) throw new IllegalArgumentException("no events among " + n + " patients: the hazards cannot be recalibrated");
        double expected = 0;
        for (int r = 0; r < m; r++) expected += mu(offset[r]);
        // Fisher scoring from θ = log(O/E), the closed-form answer when every hazard is small.
        double theta = Math.log(observed / expected);
        double info = 0;
        for (int iter = 0; iter < 50; iter++) {
            double score = 0;
            info = 0;
            for (int r = 0; r < m; r++) {
                double e = Math.exp(offset[r] + theta);
                double mu = -Math.expm1(-e);
                double dmu = e * Math.exp(-e);
                score += y[r] ? dmu / mu : -e;
                info += dmu * dmu / (mu * (1 - mu));
            }
            double step = score / info;
            theta += step;
            if (Math.abs(step) < 1e-12) break;
        }
        double lr = Math.max(0, 2 * (logLikelihood(offset, y, theta) - logLikelihood(offset, y, 0)));
        return new HazardShift(theta, 1 / Math.sqrt(info), lr, Distributions.chiSquaredUpper(lr, 1), n, observed, expected);
    }

    private static double mu(double eta) { return -Math.expm1(-Math.exp(eta)); }

    private static double logLikelihood(double[] offset, boolean[] y, double theta) {
        double ll = 0;
        for (int r = 0; r < offset.length; r++) {
            double e = Math.exp(offset[r] + theta);
            ll += y[r] ? Math.log(-Math.expm1(-e)) : -e;
        }
        return ll;
    }

    /** Observed and expected events of patients under hazards shifted by {@code shift}: the O/E a later sample shows. */
    public static double[] observedExpected(List<float[]> hazards, double[] days, boolean[] event, double shift) {
        AtRisk rows = AtRisk.of(hazards, days, event);
        double e = 0;
        for (double c : rows.offset()) e += mu(c + shift);
        return new double[] {rows.observed(), e};
    }

    /**
     * Every interval a patient was at risk in, as DiscreteTime's likelihood counts them: the model's hazard there on the
     * complementary log-log scale (the offset) and whether the event happened in it.
     */
    private record AtRisk(double[] offset, boolean[] event, int observed) {
        static AtRisk of(List<float[]> hazards, double[] days, boolean[] event) {
            int k = DiscreteTime.INTERVALS;
            double[] offset = new double[hazards.size() * k];
            boolean[] y = new boolean[hazards.size() * k];
            int m = 0;
            int observed = 0;
            float[] survived = new float[k];
            float[] eventAt = new float[k];
            for (int i = 0; i < hazards.size(); i++) {
                DiscreteTime.targets(days[i], event[i], survived, eventAt);
                for (int j = 0; j < k; j++) {
                    if (survived[j] == 0 && eventAt[j] == 0) continue;
                    double h = Math.min(1 - 1e-12, Math.max(1e-12, hazards.get(i)[j]));
                    offset[m] = Math.log(-Math.log1p(-h));
                    y[m] = eventAt[j] == 1;
                    if (y[m]) observed++;
                    m++;
                }
            }
            return new AtRisk(java.util.Arrays.copyOf(offset, m), java.util.Arrays.copyOf(y, m), observed);
        }
    }
}
