package org.livercast.learn.model;

import java.util.List;
import org.livercast.core.model.AdjuvantStrategy;

/**
 * Empirical-Bayes shrinkage of each patient's predicted treatment effect toward the population's mean effect, by how
 * much of the between-patient spread of the predicted effects is more than the ensemble's own disagreement.
 *
 * <p>Why: the ensemble's members are trained on bootstrap resamples, so their spread on one patient's effect estimates
 * the sampling error of that effect. When the predicted effects vary between patients no more than the members disagree
 * on each (on a few thousand patients this is the case: BENCHMARKS.md), acting on the individual differences is acting
 * on noise — it spares patients at random — and the best decision uses the average effect. Where the heterogeneity is
 * larger than the noise, it is kept in proportion. Effects are shrunk on the log hazard-ratio scale (the networks'
 * own, proportional-hazards scale), so each patient's baseline risk still sets their absolute gain.
 *
 * <p>For strategy s: on reference patients, τ²_s = max(0, variance of the ensemble-mean log HRs − mean member variance),
 * the heterogeneity that is not noise. A patient whose members' log HRs have variance v gets λ = τ² / (τ² + v), and each
 * member's log HR becomes that member's own average effect μ_ms plus λ times the patient's deviation from it. Shrinking
 * toward each member's own average, not one shared value, keeps the members' disagreement about the average effect, so
 * the ensemble's agreement and spread still say how sure the recommendation is.
 *
 * @param memberMeanLogHr μ_ms, [member][strategy ordinal] (0 for surgery alone)
 * @param signalVariance  τ²_s per strategy ordinal
 */
public record EffectShrinkage(double[][] memberMeanLogHr, double[] signalVariance) {
    public EffectShrinkage {
        int k = AdjuvantStrategy.values().length;
        if (signalVariance.length != k) throw new IllegalArgumentException("one value per strategy expected");
        for (double[] m : memberMeanLogHr) if (m.length != k) throw new IllegalArgumentException("one value per strategy expected");
    }

    /** The average effect per strategy, over members. */
    public double[] meanLogHr() {
        double[] out = new double[signalVariance.length];
        for (double[] m : memberMeanLogHr) for (int s = 0; s < out.length; s++) out[s] += m[s] / memberMeanLogHr.length;
        return out;
    }

    /**
     * Estimated from reference patients the members did not train on.
     *
     * @param logHr per patient, [member][strategy ordinal] log hazard ratio against surgery alone
     */
    public static EffectShrinkage estimate(List<double[][]> logHr) {
        int k = AdjuvantStrategy.values().length;
        int n = logHr.size();
        if (n < 3) throw new IllegalArgumentException("at least 3 reference patients are needed, got " + n);
        int members = logHr.get(0).length;
        double[][] memberMean = new double[members][k];
        for (double[][] patient : logHr) for (int m = 0; m < members; m++) for (int s = 0; s < k; s++) memberMean[m][s] += patient[m][s] / n;
        double[] tau2 = new double[k];
        for (int s = 0; s < k; s++) {
            double[] patientMean = new double[n];
            double noise = 0;
            for (int i = 0; i < n; i++) {
                double[][] ms = logHr.get(i);
                patientMean[i] = memberMean(ms, s);
                noise += memberVariance(ms, s, patientMean[i]) / n;
            }
            double mu = 0;
            for (double v : patientMean) mu += v / n;
            double between = 0;
            for (double v : patientMean) between += (v - mu) * (v - mu) / (n - 1);
            tau2[s] = Math.max(0, between - noise);
        }
        return new EffectShrinkage(memberMean, tau2);
    }

    /** The members' log HRs of one patient, each pulled toward its member's average effect: [member][strategy ordinal]. */
    public double[][] apply(double[][] logHr) {
        if (logHr.length != memberMeanLogHr.length) {
            throw new IllegalArgumentException("estimated for " + memberMeanLogHr.length + " members, given " + logHr.length);
        }
        double[][] out = new double[logHr.length][];
        for (int m = 0; m < logHr.length; m++) out[m] = logHr[m].clone();
        for (int s = 0; s < signalVariance.length; s++) {
            double v = memberVariance(logHr, s, memberMean(logHr, s));
            double lambda = signalVariance[s] + v == 0 ? 1 : signalVariance[s] / (signalVariance[s] + v);
            for (int m = 0; m < logHr.length; m++) out[m][s] = memberMeanLogHr[m][s] + lambda * (logHr[m][s] - memberMeanLogHr[m][s]);
        }
        return out;
    }

    private static double memberMean(double[][] members, int s) {
        double sum = 0;
        for (double[] m : members) sum += m[s];
        return sum / members.length;
    }

    /** The members' sample variance (0 for a single member: no evidence of noise, nothing shrunk by it). */
    private static double memberVariance(double[][] members, int s, double mean) {
        if (members.length < 2) return 0;
        double ss = 0;
        for (double[] m : members) ss += (m[s] - mean) * (m[s] - mean);
        return ss / (members.length - 1);
    }
}
