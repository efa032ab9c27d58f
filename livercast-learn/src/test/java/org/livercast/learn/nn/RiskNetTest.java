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
}
