package org.livercast.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TorchTest {
    @Test
    void pytorchRunsOfflineOnTheCpu() {
        try (NDManager m = Torch.newManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertThat(a.matMul(a).toFloatArray()).containsExactly(7, 10, 15, 22);
            assertThat(m.getDevice().isGpu()).isFalse();
            assertThat(Torch.engine().getEngineName()).isEqualTo("PyTorch");
        }
    }
}
