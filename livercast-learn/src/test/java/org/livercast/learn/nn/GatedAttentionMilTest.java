package org.livercast.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GatedAttentionMilTest {
    @Test
    void attentionSumsToOneOverRealTilesAndIgnoresPadding() {
        Torch.seed(3);
        try (NDManager m = Torch.newManager()) {
            GatedAttentionMil mil = new GatedAttentionMil(4, 8, 6, 0f);
            mil.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            mil.initialize(m, DataType.FLOAT32, new Shape(2, 5, 5));
            float[] data = new float[2 * 5 * 5];
            Random r = new Random(1);
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 5; i++) {
                    for (int d = 0; d < 4; d++) data[(b * 5 + i) * 5 + d] = (float) r.nextGaussian();
                    data[(b * 5 + i) * 5 + 4] = b == 1 && i >= 3 ? 0f : 1f;  // bag 1 has 3 real tiles
                }
            }
            NDList out = mil.forward(new ParameterStore(m, false), new NDList(m.create(data, new Shape(2, 5, 5))), false);
            float[] a = out.get(1).toFloatArray();
            assertThat(a[0] + a[1] + a[2] + a[3] + a[4]).isCloseTo(1f, within(1e-5f));
            assertThat(a[5] + a[6] + a[7]).isCloseTo(1f, within(1e-5f));
            assertThat(a[8]).isZero();
            assertThat(a[9]).isZero();
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 8));
            // Padding rows can hold anything: the pooled embedding of bag 1 does not change.
            float[] changed = data.clone();
            for (int d = 0; d < 4; d++) changed[(5 + 4) * 5 + d] = 1000f;
            NDList again = mil.forward(new ParameterStore(m, false), new NDList(m.create(changed, new Shape(2, 5, 5))), false);
            float[] p1 = out.get(0).get(1).toFloatArray();
            float[] p2 = again.get(0).get(1).toFloatArray();
            for (int i = 0; i < p1.length; i++) assertThat(p2[i]).isCloseTo(p1[i], within(1e-5f));
        }
    }

    /** The classic MIL task: a bag is positive when any one of its 12 tiles is a "tumour" tile; attention must find it. */
    @Test
    void learnsWhichTileMakesABagPositiveAndAttendsToIt() {
        Torch.seed(7);
        int bags = 256;
        int n = 12;
        int d = 6;
        Random r = new Random(11);
        float[] data = new float[bags * n * (d + 1)];
        float[] y = new float[bags];
        int[] key = new int[bags];
        for (int b = 0; b < bags; b++) {
            y[b] = b % 2;
            key[b] = r.nextInt(n);
            for (int i = 0; i < n; i++) {
                int o = (b * n + i) * (d + 1);
                for (int k = 0; k < d; k++) data[o + k] = (float) r.nextGaussian() * 0.5f;
                if (y[b] == 1 && i == key[b]) data[o] += 3f;
                data[o + d] = 1f;
            }
        }
        SequentialBlock net = new SequentialBlock().add(new GatedAttentionMil(d, 16, 8, 0f)).add(list -> new NDList(list.get(0)))
                .add(Linear.builder().setUnits(1).build());
        try (Model model = Model.newInstance("mil-toy")) {
            model.setBlock(net);
            var cfg = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            try (Trainer t = model.newTrainer(cfg)) {
                t.initialize(new Shape(bags, n, d + 1));
                NDManager m = t.getManager();
                NDArray x = m.create(data, new Shape(bags, n, d + 1));
                NDArray labels = m.create(y, new Shape(bags, 1));
                for (int step = 0; step < 150; step++) {
                    try (GradientCollector gc = t.newGradientCollector()) {
                        NDArray loss = t.getLoss().evaluate(new NDList(labels), t.forward(new NDList(x)));
                        gc.backward(loss);
                    }
                    t.step();
                }
                GatedAttentionMil mil = (GatedAttentionMil) net.getChildren().get(0).getValue();
                NDList out = mil.forward(new ParameterStore(m, false), new NDList(x), false);
                float[] a = out.get(1).toFloatArray();
                int found = 0;
                int positives = 0;
                for (int b = 1; b < bags; b += 2) {
                    positives++;
                    int arg = 0;
                    for (int i = 1; i < n; i++) if (a[b * n + i] > a[b * n + arg]) arg = i;
                    if (arg == key[b]) found++;
                }
                assertThat((double) found / positives).isGreaterThan(0.9);
                float[] logits = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
                int correct = 0;
                for (int b = 0; b < bags; b++) if ((logits[b] > 0) == (y[b] == 1)) correct++;
                assertThat((double) correct / bags).isGreaterThan(0.95);
            }
        }
    }
}
