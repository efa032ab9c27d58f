package org.livercast.learn.train;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.livercast.learn.nn.RiskNet;

/**
 * How much a fitted effect owes to its prior. At the posterior mode the precision of each treatment component is the
 * data's (the curvature of the training loss in that coefficient, times N) plus the prior's (1/σ²); the prior's share
 * of the sum is its weight in the estimate, and undoing it gives what the data alone would have said, to a quadratic
 * approximation of the likelihood: β_data = (β̂·(P_data + P_prior) − μ·P_prior) / P_data. The curvature is a central
 * second difference of the loss on the training examples, the coefficient moved by ±0.1 and everything put back
 * exactly. Moving the coefficient alone would hold the baseline hazard fixed and overstate the data's precision (about
 * twice, measured: the baseline absorbs part of any shift, as Cox's information p(1 − p) says); so the baseline moves
 * by −0.1 × the share of patients who have the component, which profiles it out to first order.
 */
final class PriorInfluence {
    private PriorInfluence() {}

    static final float STEP = 0.1f;

    /** The data's precision for each treatment component at the current weights: N · ∂²(mean loss)/∂β², baseline profiled. */
    static double[] dataPrecision(Model model, List<Example> examples, float aggressiveWeight) {
        RiskNet net = (RiskNet) model.getBlock();
        float[] beta = fitted(model);
        float[] baseline = net.rfsBaseline();
        double[] share = componentShares(net, examples, beta.length);
        double[] precision = new double[beta.length];
        double at = Fitter.evaluate(model, examples, aggressiveWeight);
        for (int k = 0; k < beta.length; k++) {
            double[] loss = new double[2];
            for (int side = 0; side < 2; side++) {
                float step = side == 0 ? STEP : -STEP;
                float[] moved = beta.clone();
                moved[k] = beta[k] + step;
                float[] shifted = baseline.clone();
                for (int t = 0; t < shifted.length; t++) shifted[t] = (float) (baseline[t] - step * share[k]);
                net.setTreatmentLogHazardRatios(moved);
                net.setRfsBaseline(shifted);
                loss[side] = Fitter.evaluate(model, examples, aggressiveWeight);
            }
            net.setTreatmentLogHazardRatios(beta);
            net.setRfsBaseline(baseline);
            precision[k] = Math.max(0, examples.size() * (loss[0] - 2 * at + loss[1]) / (STEP * STEP));
        }
        return precision;
    }

    /** Each treatment component's weighted mean over the examples (the treatment modality is the last input). */
    private static double[] componentShares(RiskNet net, List<Example> examples, int components) {
        int t = -1;
        for (int m = 0; m < net.modalities().size(); m++) if (net.modalities().get(m).type() == org.livercast.learn.nn.Modality.Type.TREATMENT) t = m;
        double[] share = new double[components];
        double total = 0;
        for (Example e : examples) {
            total += e.weight();
            for (int k = 0; k < components; k++) share[k] += e.weight() * e.inputs()[t][k];
        }
        for (int k = 0; k < components; k++) share[k] /= Math.max(1e-12, total);
        return share;
    }

    /** The treatment components' fitted log hazard ratios. */
    static float[] fitted(Model model) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            return ((RiskNet) model.getBlock()).treatmentLogHazardRatios(new ParameterStore(m, false), ai.djl.Device.cpu()).toFloatArray();
        }
    }

    /** The prior's share of the posterior precision. */
    static double priorWeight(double dataPrecision, double priorSd) {
        double prior = 1 / (priorSd * priorSd);
        return prior / (prior + dataPrecision);
    }

    /** What the data alone would have estimated, from the posterior mode, the prior and the data's precision; NaN without data. */
    static double dataAlone(double posterior, double dataPrecision, double priorMean, double priorSd) {
        if (dataPrecision <= 0) return Double.NaN;
        double prior = 1 / (priorSd * priorSd);
        return (posterior * (dataPrecision + prior) - priorMean * prior) / dataPrecision;
    }

    /**
     * Prior–data conflict: (β_data − μ) / √(1/P_data + σ²), the data-alone estimate's distance from the prior's mean in
     * units of the SD of their difference (a Box-type check); NaN without data.
     */
    static double conflictZ(double posterior, double dataPrecision, double priorMean, double priorSd) {
        if (dataPrecision <= 0) return Double.NaN;
        return (dataAlone(posterior, dataPrecision, priorMean, priorSd) - priorMean) / Math.sqrt(1 / dataPrecision + priorSd * priorSd);
    }
}
