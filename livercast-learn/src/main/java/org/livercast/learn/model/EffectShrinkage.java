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
 * <p>For strategy s (against surgery alone): μ_s the mean over reference patients of the ensemble-mean log HR, τ²_s =
 * max(0, variance of those means − mean member variance) the heterogeneity that is not noise; a patient whose members'
 * log HRs have variance v gets λ = τ² / (τ² + v) and log HR μ + λ (member − μ) for every member.
 *
 * @param meanLogHr      μ_s per strategy ordinal (0 for surgery alone)
 * @param signalVariance τ²_s per strategy ordinal
 */
public record EffectShrinkage(double[] meanLogHr, double[] signalVariance) {
    public EffectShrinkage {
        int k = AdjuvantStrategy.values().length;
        if (meanLogHr.length != k || signalVariance.length != k) throw new IllegalArgumentException("one value per strategy expected");
    }

    /**
     * Estimated from reference patients the members did not train on.
     *
     * @param logHr per patient, [member][strategy ordinal] log hazard ratio against surgery alone
     */
    public static EffectShrinkage estimate(List<double[][]> logHr) {
        int k = AdjuvantStrategy.values().length;
        double[] mean = new double[k];
        double[] tau2 = new double[k];
        int n = logHr.size();
        if (n < 3) throw new IllegalArgumentException("at least 3 reference patients are needed, got " + n);
        for (int s = 0; s < k; s++) {
            double[] patientMean = new double[n];
            double noise = 0;
            for (int i = 0; i < n; i++) {
                double[][] members = logHr.get(i);
                patientMean[i] = memberMean(members, s);
                noise += memberVariance(members, s, patientMean[i]) / n;
            }
            double mu = 0;
            for (double v : patientMean) mu += v / n;
            double between = 0;
            for (double v : patientMean) between += (v - mu) * (v - mu) / (n - 1);
            mean[s] = mu;
            tau2[s] = Math.max(0, between - noise);
        }
        return new EffectShrinkage(mean, tau2);
    }

    /** The members' log HRs of one patient, each pulled toward the mean effect: [member][strategy ordinal]. */
    public double[][] apply(double[][] logHr) {
        double[][] out = new double[logHr.length][];
        for (int m = 0; m < logHr.length; m++) out[m] = logHr[m].clone();
        for (int s = 0; s < meanLogHr.length; s++) {
            double v = memberVariance(logHr, s, memberMean(logHr, s));
            double lambda = signalVariance[s] + v == 0 ? 1 : signalVariance[s] / (signalVariance[s] + v);
            for (int m = 0; m < logHr.length; m++) out[m][s] = meanLogHr[s] + lambda * (logHr[m][s] - meanLogHr[s]);
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
