package org.livercast.learn.train;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.Losses;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.RiskNet;

/**
 * The slide-only network: the fusion network's own slide branch (gated-attention MIL over the tile embeddings) and
 * heads, trained on the slide and nothing else — what the multiple-instance literature means by a slide-only model.
 * Beside {@code slide_mean_tiles} (the slide's mean tile in a regression) it says whether attention on the slide by itself
 * tells more than its average does, and the fusion model is measured against both.
 *
 * <p>One network, the ensemble's first member's seed, fold and early stopping: a baseline's job is a fair comparison on
 * the held-out centre, not a second ensemble's cost. It is not calibrated (its AUC and C-index are rank statistics, and
 * its calibration on the held-out centre is reported as the regressions' is). A patient without a slide sees an empty
 * input, so the network gives every such patient the same prediction.
 */
final class SlideOnlyNetwork {
    /** The baseline's name in {@code report.json}'s {@code baselines}. */
    static final String NAME = "slide_attention_mil";

    private SlideOnlyNetwork() {}

    /** Per held-out patient (in the order given): the aggressive-recurrence logit, the RFS and the OS risk scores. */
    record Scores(double[] logit, double[] rfsRisk, double[] osRisk) {}

    /**
     * @param slide    the slide's modality in the fusion network's inputs (its index in {@code modalities})
     * @param train    every training patient as the fusion network sees it, in the split's order
     * @param heldOut  the held-out patients to score, as the fusion network sees them
     */
    static Scores trainAndScore(List<Modality> modalities, int slide, List<Example> train, CrossFitting split, FitConfig fit, List<Example> heldOut) {
        List<Modality> only = List.of(modalities.get(slide));
        List<Example> all = train.stream().map(e -> slideOnly(e, slide)).toList();
        try (Model model = Model.newInstance("livercast-" + NAME)) {
            model.setBlock(new RiskNet(only, fit.hidden(), DiscreteTime.INTERVALS, fit.dropout()));
            Fitter.fit(model, split.fit(all, 0), split.validation(all, 0), fit.member(0), line -> { });
            try (NDManager m = model.getNDManager().newSubManager()) {
                RiskNet net = (RiskNet) model.getBlock();
                List<Example> scored = heldOut.stream().map(e -> slideOnly(e, slide)).toList();
                NDList out = net.forward(new ParameterStore(m, false), Batches.inputs(m, only, scored, null), false);
                float[] logits = out.get(0).toFloatArray();
                int l = net.binaryOutputs();
                float[] rfs = Losses.hazardProbability(out.get(1)).toFloatArray();
                float[] os = Losses.hazardProbability(out.get(2)).toFloatArray();
                int k = DiscreteTime.INTERVALS;
                int n = scored.size();
                double[] logit = new double[n], rfsRisk = new double[n], osRisk = new double[n];
                for (int i = 0; i < n; i++) {
                    logit[i] = logits[i * l];
                    rfsRisk[i] = TrainedModel.riskScore(java.util.Arrays.copyOfRange(rfs, i * k, (i + 1) * k));
                    osRisk[i] = TrainedModel.riskScore(java.util.Arrays.copyOfRange(os, i * k, (i + 1) * k));
                }
                return new Scores(logit, rfsRisk, osRisk);
            }
        }
    }

    /** The example with only the slide's input and presence kept; targets and weight unchanged. */
    static Example slideOnly(Example e, int slide) {
        return new Example(e.patientId(), new float[][] {e.inputs()[slide]}, new float[] {e.present()[slide]}, e.labels(), e.known(), e.rfsDays(),
                e.rfsEvent(), e.survived(), e.eventAt(), e.osSurvived(), e.osEventAt(), e.weight());
    }
}
