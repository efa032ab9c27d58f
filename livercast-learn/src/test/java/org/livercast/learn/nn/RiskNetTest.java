package org.livercast.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskNetTest {
    private static final List<Modality> MODALITIES = List.of(new Modality("clinical", 3), new Modality("radiology", 2));

    private static NDList twoPatients(NDManager m) {
        return NetInputs.of(m, MODALITIES,
                List.of(ModalityVectors.of(new float[] {2.5f, -1f, 0.3f}, new float[] {1f, -2f}), ModalityVectors.of(new float[] {-1.5f, 3f, -0.7f}, new float[] {-2f, 0.5f})),
                List.of(new float[] {1, 1}, new float[] {1, 1}), null);
    }

    @Test
    void withItsOutputLayersAtZeroEveryPatientGetsTheNullModel() {
        Torch.seed(5);
        try (NDManager m = Torch.newManager()) {
            RiskNet net = new RiskNet(MODALITIES, 8, 4, 0f);
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, net.inputShapes(2));
            NDList random = net.forward(new ParameterStore(m, false), twoPatients(m), false);
            // Xavier's output weights already tell two different patients apart...
            assertThat(random.get(1).get(0).toFloatArray()).isNotEqualTo(random.get(1).get(1).toFloatArray());

            net.zeroOutputLayers();
            NDList out = net.forward(new ParameterStore(m, false), twoPatients(m), false);
            // ...at zero both have log-odds 0 of aggressive recurrence and exactly the baseline hazards.
            assertThat(out.get(0).toFloatArray()).containsExactly(0f, 0f);
            float[] rfs = out.get(1).toFloatArray();
            float[] baseline = net.rfsBaseline();
            for (int i = 0; i < 2; i++) {
                for (int t = 0; t < 4; t++) assertThat(rfs[i * 4 + t]).isEqualTo(baseline[t]);
            }
            assertThat(out.get(2).get(0).toFloatArray()).isEqualTo(out.get(2).get(1).toFloatArray());
        }
    }

    @Test
    void onePatientsVariantsShareTheirBagWhichPassesTheAttentionOnceAndGivesWhatCopiesWould() {
        Torch.seed(6);
        List<Modality> mods = List.of(new Modality("clinical", 3), Modality.bagOf("slide", 5));
        java.util.SplittableRandom r = new java.util.SplittableRandom(6);
        float[] bag = new float[40 * 6];
        for (int t = 0; t < 40; t++) {
            for (int f = 0; f < 5; f++) bag[t * 6 + f] = (float) r.nextGaussian();
            bag[t * 6 + 5] = 1f;
        }
        ModalityVectors patient = ModalityVectors.of(new float[] {0.5f, -1f, 2f}, bag);
        // Its three occlusions, each one clinical variable at 0: the same bag array (shared), or each its own copy.
        List<ModalityVectors> shared = new java.util.ArrayList<>(List.of(patient));
        List<ModalityVectors> copies = new java.util.ArrayList<>(List.of(ModalityVectors.of(patient.get(0), bag.clone())));
        for (int j = 0; j < 3; j++) {
            float[] clinical = patient.get(0).clone();
            clinical[j] = 0f;
            shared.add(patient.with(0, clinical));
            copies.add(ModalityVectors.of(clinical, bag.clone()));
        }
        List<float[]> present = java.util.Collections.nCopies(4, new float[] {1, 1});
        assertThat(NetInputs.sharedBag(shared, 1)).isTrue();
        assertThat(NetInputs.sharedBag(copies, 1)).isFalse();
        assertThat(NetInputs.packedFloats(mods, shared)).isEqualTo(4 * 3 + 40 * 6);
        assertThat(NetInputs.packedFloats(mods, copies)).isEqualTo(4 * 3 + 4 * 40 * 6);
        try (NDManager m = Torch.newManager()) {
            RiskNet net = new RiskNet(mods, 8, 4, 0f);
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, net.inputShapes(2));
            NDList once = NetInputs.of(m, mods, shared, present, null);
            assertThat(once.get(1).getShape()).isEqualTo(new ai.djl.ndarray.types.Shape(1, 40, 6));
            NDList a = net.forward(new ParameterStore(m, false), once, false);
            NDList b = net.forward(new ParameterStore(m, false), NetInputs.of(m, mods, copies, present, null), false);
            for (int k = 0; k < 3; k++) {
                assertThat(a.get(k).getShape()).isEqualTo(b.get(k).getShape());
                float[] x = a.get(k).toFloatArray();
                float[] y = b.get(k).toFloatArray();
                for (int i = 0; i < x.length; i++) assertThat(x[i]).isCloseTo(y[i], org.assertj.core.api.Assertions.within(1e-6f));
            }
            // The variants differ (each lacks another clinical variable), so the broadcast did not give one answer for all.
            assertThat(a.get(0).toFloatArray()).doesNotHaveDuplicates();
        }
    }
}
