package org.livercast.learn.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.livercast.learn.nn.Losses;
import org.livercast.learn.nn.RiskNet;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.NetInputs;
import org.livercast.learn.nn.Torch;

/**
 * Trains a {@link RiskNet} with Adam on mini-batches: loss = weight·BCE(aggressive, evaluable patients only) +
 * discrete-time survival NLL; modality dropout; early stopping on the validation loss with the best epoch's weights
 * restored. Deterministic for a seed (PyTorch's generator, the shuffles and the dropped modalities all derive from it).
 */
public final class Fitter {
    private Fitter() {}

    public record History(List<Double> trainLoss, List<Double> validationLoss, int bestEpoch) {}

    /**
     * A normal prior on the treatment components' log hazard ratios ({@link RiskNet#treatmentLogHazardRatios}): the fit
     * is then the posterior mode. The training loss is a mean over patients, so the prior's negative log density enters
     * divided by the number of training examples — a batch's loss plus that is an unbiased estimate of the whole
     * posterior's, up to the factor N.
     */
    public record EffectPrior(double[] meanLogHr, double[] sdLogHr) {
        public EffectPrior {
            if (meanLogHr.length != sdLogHr.length) throw new IllegalArgumentException("one mean and one SD per component");
            for (double sd : sdLogHr) if (!(sd > 0)) throw new IllegalArgumentException("a prior SD must be positive: " + sd);
        }
    }

    public static History fit(Model model, List<Example> train, List<Example> validation, FitConfig cfg, Consumer<String> progress) {
        return fit(model, train, validation, cfg, null, progress);
    }

    /** @param prior a prior on the treatment components, or null for none */
    public static History fit(Model model, List<Example> train, List<Example> validation, FitConfig cfg, EffectPrior prior, Consumer<String> progress) {
        return fit(model, train, validation, cfg, prior, progress, NetInputs.MAX_BATCH_FLOATS);
    }

    /**
     * As {@link #fit(Model, List, List, FitConfig, EffectPrior, Consumer)}, a batch whose packed inputs exceed
     * {@code maxBatchFloats} run forward and backward in parts ({@link #forwardBackward}): the same gradient, bounded memory.
     */
    static History fit(Model model, List<Example> train, List<Example> validation, FitConfig cfg, EffectPrior prior, Consumer<String> progress,
                       long maxBatchFloats) {
        // Vectors only (clinical data, reports, strategy): one intra-op thread is faster and robust to a busy machine;
        // slide bags and MRI volumes have tensors large enough to share out. -Dlivercast.fit.threads=N overrides.
        boolean large = ((RiskNet) model.getBlock()).modalities().stream().anyMatch(m -> m.bag() || m.type() == Modality.Type.VOLUME);
        Integer threads = Integer.getInteger("livercast.fit.threads", large ? null : 1);
        return threads == null ? fitWithCurrentThreads(model, train, validation, cfg, prior, progress, maxBatchFloats)
                : Torch.withThreads(threads, () -> fitWithCurrentThreads(model, train, validation, cfg, prior, progress, maxBatchFloats));
    }

    private static History fitWithCurrentThreads(Model model, List<Example> train, List<Example> validation, FitConfig cfg, EffectPrior prior,
                                                 Consumer<String> progress, long maxBatchFloats) {
        RiskNet net = (RiskNet) model.getBlock();
        Torch.seed(cfg.seed());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())  // the real loss is computed below
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).optWeightDecays(cfg.weightDecay()).build())
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Random rnd = new Random(cfg.seed());
        List<Double> trainLoss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        byte[] bestWeights = null;
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(net.inputShapes(cfg.batchSize()));
            // Training starts from the null model (every patient alike): Xavier's random output weights put the first
            // risk scores units away from it, and on seed 7 a PRE network was still descending after 300 epochs.
            net.zeroOutputLayers();
            // Under a prior the effects start where the trials put them (from zero, early stopping would pick an epoch
            // before they had moved there; without a prior TherapyRun finishes their fit afterwards).
            if (prior != null) net.setTreatmentLogHazardRatios(toFloats(prior.meanLogHr()));
            List<Example> order = new ArrayList<>(train);
            for (int epoch = 0; epoch < cfg.maxEpochs(); epoch++) {
                Collections.shuffle(order, rnd);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from < order.size(); from += cfg.batchSize()) {
                    List<Example> batch = order.subList(from, Math.min(order.size(), from + cfg.batchSize()));
                    if (batch.size() < 2) continue;
                    boolean[][] dropped = dropModalities(batch, cfg.modalityDropout(), rnd);
                    List<int[]> parts = NetInputs.batches(net.modalities(), batch.stream().map(Example::inputs).toList(), maxBatchFloats);
                    sum += forwardBackward(trainer, net, batch, dropped, parts, cfg, prior, order.size());
                    batches++;
                    trainer.step();
                }
                trainLoss.add(sum / Math.max(1, batches));
                // Early stopping watches the objective itself: under a prior, the validation loss plus the prior's term.
                double v = evaluate(model, validation, cfg.aggressiveWeight(), maxBatchFloats) + (prior == null ? 0 : penalty(model, prior, order.size()));
                valLoss.add(v);
                if (v < best - 1e-5) {
                    best = v;
                    bestEpoch = epoch;
                    bestWeights = org.livercast.learn.model.ModelStore.weights(net);
                } else if (epoch - bestEpoch >= cfg.patience()) {
                    break;
                }
                if (epoch % 10 == 0) progress.accept(String.format(java.util.Locale.ROOT, "  epoch %3d  train %.4f  validation %.4f", epoch, trainLoss.get(epoch), v));
            }
        }
        if (bestWeights != null) restore(model, bestWeights);
        return new History(List.copyOf(trainLoss), List.copyOf(valLoss), bestEpoch);
    }

    /**
     * One batch's forward and backward passes, part by part ({@link NetInputs#batches}: one part unless its packed inputs
     * exceed the memory bound, as a foundation model's bags do): each part's loss over the whole batch's weight sums, so the
     * gradients that accumulate in the collector are the batch's; a part's arrays are freed before the next is packed.
     *
     * @return the batch's loss
     */
    private static double forwardBackward(Trainer trainer, RiskNet net, List<Example> batch, boolean[][] dropped, List<int[]> parts, FitConfig cfg,
                                          EffectPrior prior, int examples) {
        float[] denominators = parts.size() == 1 ? null : Batches.lossDenominators(batch);
        double sum = 0;
        try (GradientCollector gc = trainer.newGradientCollector()) {
            for (int[] p : parts) {
                try (NDManager m = trainer.getManager().newSubManager()) {
                    List<Example> part = batch.subList(p[0], p[1]);
                    NDList out = trainer.forward(Batches.inputs(m, net.modalities(), part, java.util.Arrays.copyOfRange(dropped, p[0], p[1])));
                    NDArray loss = partLoss(out, Batches.targets(m, part), cfg.aggressiveWeight(), denominators);
                    if (prior != null && p[0] == 0) loss = loss.add(priorPenalty(net, m, prior, examples));
                    gc.backward(loss);
                    sum += loss.getFloat();
                }
            }
        }
        return sum;
    }

    /** A part's share of the batch loss; with no denominators the part is the whole batch, and this its own {@link #loss}. */
    private static NDArray partLoss(NDList out, NDArray[] t, float aggressiveWeight, float[] batchDenominators) {
        return batchDenominators == null ? loss(out, t, aggressiveWeight) : loss(out, t, aggressiveWeight, batchDenominators);
    }

    /** The loss on a set of examples, without dropout or modality dropout. */
    public static double evaluate(Model model, List<Example> examples, float aggressiveWeight) {
        return evaluate(model, examples, aggressiveWeight, NetInputs.MAX_BATCH_FLOATS);
    }

    /** As {@link #evaluate(Model, List, float)}, the examples in parts of at most {@code maxBatchFloats} packed floats. */
    static double evaluate(Model model, List<Example> examples, float aggressiveWeight, long maxBatchFloats) {
        RiskNet net = (RiskNet) model.getBlock();
        List<int[]> parts = NetInputs.batches(net.modalities(), examples.stream().map(Example::inputs).toList(), maxBatchFloats);
        float[] denominators = parts.size() == 1 ? null : Batches.lossDenominators(examples);
        double sum = 0;
        for (int[] p : parts) {
            try (NDManager m = model.getNDManager().newSubManager()) {
                List<Example> part = examples.subList(p[0], p[1]);
                NDList out = net.forward(new ParameterStore(m, false), Batches.inputs(m, net.modalities(), part, null), false);
                sum += partLoss(out, Batches.targets(m, part), aggressiveWeight, denominators).getFloat();
            }
        }
        return sum;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    /** The prior's term at the current weights, as a number. */
    private static double penalty(Model model, EffectPrior prior, int examples) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            return priorPenalty((RiskNet) model.getBlock(), m, prior, examples).getFloat();
        }
    }

    /** Σ (β − μ)² / (2σ²), over N examples. */
    private static NDArray priorPenalty(RiskNet net, NDManager m, EffectPrior prior, int examples) {
        NDArray beta = net.treatmentLogHazardRatios(new ParameterStore(m, false), ai.djl.Device.cpu());
        int k = prior.meanLogHr().length;
        float[] mu = new float[k];
        float[] precisionOver2n = new float[k];
        for (int j = 0; j < k; j++) {
            mu[j] = (float) prior.meanLogHr()[j];
            precisionOver2n[j] = (float) (1 / (2 * prior.sdLogHr()[j] * prior.sdLogHr()[j] * examples));
        }
        NDArray d = beta.sub(m.create(mu));
        return d.mul(d).mul(m.create(precisionOver2n)).sum();
    }

    /** A part of a batch's {@link #loss}, over the whole batch's weight sums ({@link Batches#lossDenominators}): the parts add up to it. */
    static NDArray loss(NDList out, NDArray[] t, float aggressiveWeight, float[] batchDenominators) {
        NDArray bce = Losses.maskedBce(out.get(0), t[0], t[1].mul(t[4]), batchDenominators[0]);
        return bce.mul(Torch.scalar(bce, aggressiveWeight)).add(Losses.discreteTimeNll(out.get(1), t[2], t[3], t[4], batchDenominators[1]))
                .add(Losses.discreteTimeNll(out.get(2), t[5], t[6], t[4], batchDenominators[1]));
    }

    static NDArray loss(NDList out, NDArray[] t, float aggressiveWeight) {
        // Aggressive recurrence, RFS and OS share the trunk (multi-task); OS is learned with the same grouped-time likelihood.
        NDArray bce = Losses.maskedBce(out.get(0), t[0], t[1].mul(t[4]));
        return bce.mul(Torch.scalar(bce, aggressiveWeight)).add(Losses.discreteTimeNll(out.get(1), t[2], t[3], t[4]))
                .add(Losses.discreteTimeNll(out.get(2), t[5], t[6], t[4]));
    }

    private static boolean[][] dropModalities(List<Example> batch, float p, Random rnd) {
        int modalities = batch.get(0).inputs().size();
        boolean[][] d = new boolean[batch.size()][modalities];
        for (int i = 0; i < batch.size(); i++) {
            for (int k = 1; k < modalities; k++) d[i][k] = rnd.nextFloat() < p;
        }
        return d;
    }

    static void restore(Model model, byte[] weights) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            model.getBlock().loadParameters(model.getNDManager(), in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("restoring the best epoch's weights failed", e);
        }
    }
}
