package org.livercast.learn.train;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.Losses;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.NetInputs;
import org.livercast.learn.nn.RiskNet;

/**
 * The slide-only network: the fusion network's own slide branch (gated-attention MIL over the tile embeddings) and
 * heads, trained on the slide and nothing else — what the multiple-instance literature means by a slide-only model.
 * Beside {@code slide_mean_tiles} (the slide's mean tile in a regression) it says whether attention on the slide by itself
 * tells more than its average does, and the fusion model is measured against both.
 *
 * <p>One network, trained on the training patients who have a slide (first fold for early stopping, the first member's
 * seed): a baseline's job is a fair comparison on the held-out centre, not a second ensemble's cost. Trained on every
 * patient instead, it ran its full epoch budget on the main job's cohort, where 85% of the bags are empty (5 minutes
 * against 12 s on an all-slides cohort). A held-out patient without a slide gets its no-information prediction: the
 * network's mean output over the training slides. It is not calibrated (its AUC and C-index are rank statistics, and
 * its calibration on the held-out centre is reported as the regressions' is).
 */
final class SlideOnlyNetwork {
    /** The baseline's name in {@code report.json}'s {@code baselines}. */
    static final String NAME = "slide_attention_mil";

    private SlideOnlyNetwork() {}

    /** Per held-out patient (in the order given): the aggressive-recurrence logit, the RFS and the OS risk scores. */
    record Scores(double[] logit, double[] rfsRisk, double[] osRisk) {}

    /** Fewer training slides than this and there is nothing to compare: the baseline is left out of the report. */
    static final int MIN_TRAINING_SLIDES = 10;

    /**
     * @param slide    the slide's modality in the fusion network's inputs (its index in {@code modalities})
     * @param train    every training patient as the fusion network sees it
     * @param heldOut  the held-out patients to score, as the fusion network sees them
     * @return the scores, or empty with fewer than {@link #MIN_TRAINING_SLIDES} training patients with a slide
     */
    static Optional<Scores> trainAndScore(List<Modality> modalities, int slide, List<Example> train, FitConfig fit, List<Example> heldOut) {
        List<Modality> only = List.of(modalities.get(slide));
        List<Example> slides = train.stream().filter(e -> e.present()[slide] == 1f).map(e -> slideOnly(e, slide)).toList();
        if (slides.size() < MIN_TRAINING_SLIDES) return Optional.empty();
        CrossFitting split = new CrossFitting(slides.size());
        try (Model model = Model.newInstance("livercast-" + NAME)) {
            model.setBlock(new RiskNet(only, fit.hidden(), DiscreteTime.INTERVALS, fit.dropout()));
            Fitter.fit(model, split.fit(slides, 0), split.validation(slides, 0), fit.member(0), line -> { });
            RiskNet net = (RiskNet) model.getBlock();
            Scores seen = score(model, net, slides);
            double meanLogit = mean(seen.logit()), meanRfs = mean(seen.rfsRisk()), meanOs = mean(seen.osRisk());
            Scores s = score(model, net, heldOut.stream().map(e -> slideOnly(e, slide)).toList());
            for (int i = 0; i < heldOut.size(); i++) {
                if (heldOut.get(i).present()[slide] == 1f) continue;
                s.logit()[i] = meanLogit;
                s.rfsRisk()[i] = meanRfs;
                s.osRisk()[i] = meanOs;
            }
            return Optional.of(s);
        }
    }

    /**
     * The network's outputs for these examples, in batches of at most {@link #SCORING_BATCH} patients and
     * {@link NetInputs#MAX_BATCH_FLOATS} packed floats (a batch is padded to its largest bag).
     */
    private static Scores score(Model model, RiskNet net, List<Example> examples) {
        int n = examples.size();
        int l = net.binaryOutputs();
        int k = DiscreteTime.INTERVALS;
        double[] logit = new double[n], rfsRisk = new double[n], osRisk = new double[n];
        List<int[]> ranges = new java.util.ArrayList<>();
        for (int start = 0; start < n; start += SCORING_BATCH) {
            List<Example> chunk = examples.subList(start, Math.min(n, start + SCORING_BATCH));
            for (int[] r : NetInputs.batches(net.modalities(), chunk.stream().map(Example::inputs).toList(), NetInputs.MAX_BATCH_FLOATS)) {
                ranges.add(new int[] {start + r[0], start + r[1]});
            }
        }
        for (int[] range : ranges) {
            int from = range[0];
            List<Example> batch = examples.subList(from, range[1]);
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDList out = net.forward(new ParameterStore(m, false), Batches.inputs(m, net.modalities(), batch, null), false);
                float[] logits = out.get(0).toFloatArray();
                float[] rfs = Losses.hazardProbability(out.get(1)).toFloatArray();
                float[] os = Losses.hazardProbability(out.get(2)).toFloatArray();
                for (int j = 0; j < batch.size(); j++) {
                    logit[from + j] = logits[j * l];
                    rfsRisk[from + j] = TrainedModel.riskScore(Arrays.copyOfRange(rfs, j * k, (j + 1) * k));
                    osRisk[from + j] = TrainedModel.riskScore(Arrays.copyOfRange(os, j * k, (j + 1) * k));
                }
            }
        }
        return new Scores(logit, rfsRisk, osRisk);
    }

    private static final int SCORING_BATCH = 128;

    private static double mean(double[] x) { return Arrays.stream(x).average().orElse(0); }

    /** The example with only the slide's input and presence kept; targets and weight unchanged. */
    static Example slideOnly(Example e, int slide) {
        return new Example(e.patientId(), e.inputs().only(slide), new float[] {e.present()[slide]}, e.labels(), e.known(), e.rfsDays(),
                e.rfsEvent(), e.survived(), e.eventAt(), e.osSurvived(), e.osEventAt(), e.weight());
    }
}
