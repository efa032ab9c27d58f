package org.livercast.stats.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeDependentTest {
    static final SurvivalData DATA = SurvivalData.of(new double[] {2, 3, 5, 7, 8, 10, 12, 15}, new int[] {1, 0, 1, 1, 0, 1, 0, 1});

    @Test
    void brierWithoutCensoringBeforeTIsTheMeanSquaredError() {
        // At t = 2.5 nobody is censored yet: weights are 1, one case (time 2), seven controls.
        double[] risk = {0.9, 0.2, 0.3, 0.1, 0.4, 0.2, 0.3, 0.1};
        var r = TimeDependent.at(DATA, risk, 2.5);
        double expected = (0.01 + 0.04 + 0.09 + 0.01 + 0.16 + 0.04 + 0.09 + 0.01) / 8;
        assertThat(r.brier()).isCloseTo(expected, within(1e-12));
        assertThat(r.auc()).isEqualTo(1.0);
    }

    @Test
    void integratedBrierOfAConstantBrierIsThatConstant() {
        double[] zeros = new double[DATA.size()];
        // Predicting zero risk: Brier(t) = weighted share of cases by t; check the trapezoid against hand integration.
        double[] times = {2.5, 4, 6};
        double b1 = TimeDependent.at(DATA, zeros, 2.5).brier();
        double b2 = TimeDependent.at(DATA, zeros, 4).brier();
        double b3 = TimeDependent.at(DATA, zeros, 6).brier();
        double expected = ((4 - 2.5) * (b1 + b2) / 2 + (6 - 4) * (b2 + b3) / 2) / (6 - 2.5);
        assertThat(TimeDependent.integratedBrier(DATA, t -> zeros, times)).isCloseTo(expected, within(1e-12));
    }
}
