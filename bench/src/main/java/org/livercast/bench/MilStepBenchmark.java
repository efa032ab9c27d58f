package org.livercast.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.livercast.learn.nn.GatedAttentionMil;
import org.livercast.learn.nn.Torch;

/**
 * One training step (forward, backward, Adam) of LiverCast's gated-attention MIL on bags of tile embeddings, timed the
 * way bench/mil_torch.py times the same model in PyTorch. Each step runs as the training loop ({@code Fitter}) runs
 * one: the batch in a sub-manager closed after the step, so the step's intermediate arrays are freed at once — as
 * Python frees a step's tensors — instead of piling up in the trainer's manager (which made every step pay for fresh
 * native memory, and earlier runs of this benchmark 1.5-3x slower). Usage: MilStepBenchmark BAGS TILES FEATURES HIDDEN STEPS
 */
public final class MilStepBenchmark {
    private MilStepBenchmark() {}

    public static void main(String[] args) {
        int bags = Integer.parseInt(args[0]);
        int tiles = Integer.parseInt(args[1]);
        int features = Integer.parseInt(args[2]);
        int hidden = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        Torch.seed(1);
        SequentialBlock net = new SequentialBlock().add(new GatedAttentionMil(features, hidden, hidden / 2, 0f)).add(l -> new NDList(l.get(0)))
                .add(Linear.builder().setUnits(1).build());
        Random r = new Random(1);
        float[] data = new float[bags * tiles * (features + 1)];
        for (int i = 0; i < bags * tiles; i++) {
            for (int k = 0; k < features; k++) data[i * (features + 1) + k] = (float) r.nextGaussian();
            data[i * (features + 1) + features] = 1f;
        }
        float[] y = new float[bags];
        for (int b = 0; b < bags; b++) y[b] = b % 2;
        try (Model model = Model.newInstance("mil-bench")) {
            model.setBlock(net);
            var cfg = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            try (Trainer t = model.newTrainer(cfg)) {
                t.initialize(new Shape(bags, tiles, features + 1));
                NDManager m = t.getManager();
                double[] times = new double[steps];
                float loss = 0;
                for (int step = 0; step < steps + 20; step++) {
                    long s = System.nanoTime();
                    try (NDManager batch = m.newSubManager(); GradientCollector gc = t.newGradientCollector()) {
                        NDArray x = batch.create(data, new Shape(bags, tiles, features + 1));
                        NDArray labels = batch.create(y, new Shape(bags, 1));
                        NDArray l = t.getLoss().evaluate(new NDList(labels), t.forward(new NDList(x)));
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    t.step();
                    if (step >= 20) times[step - 20] = (System.nanoTime() - s) / 1e9;
                }
                Arrays.sort(times);
                System.out.printf(Locale.ROOT, "livercast %.6f %.4f%n", times[steps / 2], loss);
            }
        }
    }
}
