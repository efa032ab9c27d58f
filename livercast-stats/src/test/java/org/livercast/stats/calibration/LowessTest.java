package org.livercast.stats.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LowessTest {
    static final double[] X = {0.05, 0.12, 0.18, 0.22, 0.25, 0.31, 0.33, 0.40, 0.41, 0.47, 0.52, 0.55, 0.61, 0.66, 0.70,
            0.72, 0.78, 0.83, 0.90, 0.95};
    static final double[] Y = {0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1};

    /** Values from R 4.2.2: {@code lowess(X, Y)} and {@code lowess(X, Y, f = 0.5, iter = 0)}. */
    static final double[] R_DEFAULT = {0.036056617285, 0.116758981504, 0.187065652113, 0.235988442493, 0.273080962089,
            0.342543791052, 0.361563577155, 0.459571493757, 0.471615667191, 0.564924579838, 0.601998212525,
            0.621687553402, 0.678776886649, 0.734097159653, 0.775678281618, 0.796466607897, 0.855676065659,
            0.907589630171, 0.984927878806, 1.041835589580};
    static final double[] R_HALF_NO_ROBUST = {0.082055972744, 0.166616148836, 0.238885306784, 0.297212535673,
            0.340940902746, 0.368204992965, 0.365607039421, 0.475273380015, 0.498220790365, 0.562481154574,
            0.573030642105, 0.598026078452, 0.644582974527, 0.670433921263, 0.690263468208, 0.712926156326,
            0.807849898251, 0.885553893698, 0.998613479152, 1.077537755650};

    @Test
    void matchesRsLowessWithoutRobustnessIterations() {
        double[] fitted = Lowess.smooth(X, Y, 0.5, 0)[1];
        for (int i = 0; i < X.length; i++) assertThat(fitted[i]).as("x=" + X[i]).isCloseTo(R_HALF_NO_ROBUST[i], within(1e-9));
    }

    @Test
    void matchesRsLowessDefaults() {
        double[] fitted = Lowess.smooth(X, Y, 2.0 / 3, 3)[1];
        for (int i = 0; i < X.length; i++) assertThat(fitted[i]).as("x=" + X[i]).isCloseTo(R_DEFAULT[i], within(1e-9));
    }
}
