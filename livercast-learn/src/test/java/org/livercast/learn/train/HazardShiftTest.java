package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.learn.nn.DiscreteTime;

/**
 * 100 patients whom the model gives a 5% hazard in every interval: 10 recur in the fourth interval (at risk in 4
 * intervals each), 90 are followed past the grid event-free (20 intervals each). With one offset for every row the
 * maximum-likelihood hazard is O / M = 10 / 1840, so θ = cloglog(10/1840) − cloglog(0.05) in closed form, and the
 * likelihood ratio is 2·[ℓ(10/1840) − ℓ(0.05)] with ℓ(μ) = O·log μ + (M − O)·log(1 − μ).
 */
class HazardShiftTest {
    private static final int PATIENTS = 100;

    private static List<float[]> hazards() {
        List<float[]> h = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            float[] v = new float[DiscreteTime.INTERVALS];
            Arrays.fill(v, 0.05f);
            h.add(v);
        }
        return h;
    }

    private static double[] days() {
        double[] d = new double[PATIENTS];
        for (int i = 0; i < PATIENTS; i++) d[i] = i < 10 ? 3 * DiscreteTime.INTERVAL_DAYS + 10 : DiscreteTime.INTERVALS * DiscreteTime.INTERVAL_DAYS + 30;
        return d;
    }

    private static boolean[] events() {
        boolean[] e = new boolean[PATIENTS];
        for (int i = 0; i < 10; i++) e[i] = true;
        return e;
    }

    @Test
    void theShiftIsTheClosedFormMaximumLikelihoodEstimate() {
        HazardShift s = HazardShift.fit(hazards(), days(), events());
        // The hazard is stored as a float: cloglog(0.05f), not cloglog(0.05), is the offset.
        double offset = Math.log(-Math.log1p(-(double) 0.05f));
        assertThat(s.shift()).isCloseTo(Math.log(-Math.log1p(-10.0 / 1840)) - offset, within(1e-9));
        assertThat(s.observed()).isEqualTo(10);
        assertThat(s.expected()).isCloseTo(1840 * (double) 0.05f, within(1e-6));
        assertThat(s.observedOverExpected()).isCloseTo(10 / (1840 * (double) 0.05f), within(1e-9));
        double mu0 = 0.05f;
        double mu = 10.0 / 1840;
        double lr = 2 * ((10 * Math.log(mu) + 1830 * Math.log1p(-mu)) - (10 * Math.log(mu0) + 1830 * Math.log1p(-mu0)));
        assertThat(s.likelihoodRatio()).isCloseTo(lr, within(1e-6));
        assertThat(s.p()).isLessThan(1e-25);
        // After the shift the model expects exactly what was observed.
        double[] oe = HazardShift.observedExpected(hazards(), days(), events(), s.shift());
        assertThat(oe[0]).isEqualTo(10.0);
        assertThat(oe[1]).isCloseTo(10.0, within(1e-6));
    }

    @Test
    void withoutEventsThereIsNothingToEstimate() {
        assertThatThrownBy(() -> HazardShift.fit(hazards(), days(), new boolean[PATIENTS])).hasMessageContaining("no events among 100 patients");
    }
}
