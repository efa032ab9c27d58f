package org.livercast.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DiscreteTimeTest {
    @Test
    void targetsCountTheIntervalsLivedThroughAndTheEventInterval() {
        float[] s = new float[DiscreteTime.INTERVALS];
        float[] e = new float[DiscreteTime.INTERVALS];
        DiscreteTime.targets(200, true, s, e);  // interval 2 (182–272 days)
        assertThat(s).startsWith(1f, 1f, 0f);
        assertThat(e[2]).isEqualTo(1f);
        assertThat(sum(e)).isEqualTo(1f);
        DiscreteTime.targets(200, false, s, e);  // censored inside interval 2: only 0 and 1 are known event-free
        assertThat(sum(s)).isEqualTo(2f);
        assertThat(sum(e)).isZero();
        DiscreteTime.targets(4000, false, s, e);  // beyond 5 years event-free: every interval survived
        assertThat(sum(s)).isEqualTo(DiscreteTime.INTERVALS);
    }

    @Test
    void survivalIsTheProductOverCompletedIntervals() {
        float[] h = new float[DiscreteTime.INTERVALS];
        java.util.Arrays.fill(h, 0.1f);
        assertThat(DiscreteTime.survival(h, 0)).isEqualTo(1);
        assertThat(DiscreteTime.survival(h, 365.25)).isCloseTo(Math.pow(0.9, 4), within(1e-6));
    }

    @Test
    void lossesStayFiniteForExtremeLogitsAndMatchTheClosedForm() {
        try (NDManager m = Torch.newManager()) {
            var x = m.create(new float[] {-200f, -1f, 0f, 1f, 200f});
            float[] sp = Losses.softplus(x).toFloatArray();
            assertThat(sp[0]).isCloseTo(0f, within(1e-6f));
            assertThat(sp[2]).isCloseTo((float) Math.log(2), within(1e-6f));
            assertThat(sp[4]).isCloseTo(200f, within(1e-3f));
            var logit = m.create(new float[] {0f, 0f}, new ai.djl.ndarray.types.Shape(2, 1));
            var y = m.create(new float[] {1f, 0f}, new ai.djl.ndarray.types.Shape(2, 1));
            var onlyFirst = m.create(new float[] {1f, 0f}, new ai.djl.ndarray.types.Shape(2, 1));
            assertThat(Losses.maskedBce(logit, y, onlyFirst).getFloat()).isCloseTo((float) Math.log(2), within(1e-6f));
        }
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float f : v) s += f;
        return s;
    }
}
