package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.ModalityVectors;
import org.livercast.learn.nn.NetInputs;
import org.livercast.learn.nn.RiskNet;

/**
 * A batch too big to pack at once (a foundation model's bags) is trained part by part: each part's loss over the whole
 * batch's weights, the gradients accumulated, one optimiser step — the same training as one packed batch.
 */
class BatchInPartsTest {
    private static final List<Modality> MODALITIES = List.of(new Modality("clinical", 3), Modality.bagOf("slide", 6));

    /** Patients with a clinical vector and a bag of 4–40 tiles; the outcome leans on one clinical value and the tiles' mean. */
    static List<Example> patients(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] clinical = {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
            int tiles = 4 + r.nextInt(37);
            float[] bag = new float[tiles * 7];
            double signal = 0;
            for (int t = 0; t < tiles; t++) {
                for (int k = 0; k < 6; k++) bag[t * 7 + k] = (float) r.nextGaussian();
                bag[t * 7 + 6] = 1f;
                signal += bag[t * 7] / tiles;
            }
            double hazardPerDay = 0.001 * Math.exp(0.7 * clinical[0] + 2 * signal);
            double days = -Math.log(1 - r.nextDouble()) / hazardPerDay;
            boolean event = days < 3 * 365.25;
            Boolean aggressive = event && days < 730 ? Boolean.valueOf(r.nextBoolean()) : Boolean.FALSE;
            out.add(Example.of("p" + i, ModalityVectors.of(clinical, bag), new float[] {1f, 1f}, aggressive, Math.min(days, 3 * 365.25), event,
                    Math.min(days * 1.5, 3 * 365.25), event && r.nextBoolean()).withWeight(0.5f + r.nextFloat()));
        }
        return out;
    }

    private static Fitter.History train(List<Example> train, List<Example> validation, long maxBatchFloats, List<double[]> evaluated) {
        try (Model model = Model.newInstance("parts")) {
            model.setBlock(new RiskNet(MODALITIES, 8, DiscreteTime.INTERVALS, 0f));
            // No dropout of either kind: the two runs draw nothing that the parts could draw differently.
            FitConfig cfg = new FitConfig(8, 0f, 1e-2f, 1e-3f, 24, 6, 100, 0f, 1f, 5);
            Fitter.History h = Fitter.fit(model, train, validation, cfg, null, line -> { }, maxBatchFloats);
            evaluated.add(new double[] {Fitter.evaluate(model, validation, 1f), Fitter.evaluate(model, validation, 1f, 1500)});
            return h;
        }
    }

    @Test
    void aBatchTrainedInPartsLearnsWhatTheWholeBatchLearns() {
        List<Example> all = patients(40, 8);
        List<Example> train = all.subList(0, 24);
        List<Example> validation = all.subList(24, 40);
        // 1,500 floats hold three to eight of these patients: the 24-patient batch runs in several parts.
        int parts = NetInputs.batches(MODALITIES, train.stream().map(Example::inputs).toList(), 1500).size();
        assertThat(parts).isBetween(3, 12);
        assertThat(NetInputs.batches(MODALITIES, train.stream().map(Example::inputs).toList(), NetInputs.MAX_BATCH_FLOATS)).hasSize(1);

        List<double[]> wholeEval = new ArrayList<>();
        List<double[]> partsEval = new ArrayList<>();
        Fitter.History whole = train(train, validation, NetInputs.MAX_BATCH_FLOATS, wholeEval);
        Fitter.History inParts = train(train, validation, 1500, partsEval);
        assertThat(inParts.trainLoss()).hasSameSizeAs(whole.trainLoss());
        for (int e = 0; e < whole.trainLoss().size(); e++) {
            assertThat(inParts.trainLoss().get(e)).isCloseTo(whole.trainLoss().get(e), within(1e-4));
            assertThat(inParts.validationLoss().get(e)).isCloseTo(whole.validationLoss().get(e), within(1e-4));
        }
        // The loss moved (the comparison is of training, not of two untrained networks) ...
        assertThat(whole.trainLoss().get(whole.trainLoss().size() - 1)).isLessThan(whole.trainLoss().get(0) - 0.01);
        // ... and the validation loss scored in parts is the one scored at once.
        assertThat(wholeEval.get(0)[1]).isCloseTo(wholeEval.get(0)[0], within(1e-5));
        assertThat(partsEval.get(0)[0]).isCloseTo(wholeEval.get(0)[0], within(1e-4));
    }
}
