package org.livercast.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livercast.core.model.AdjuvantStrategy;

class EffectShrinkageTest {
    static final int TACE = AdjuvantStrategy.TACE.ordinal();

    /** Patients whose true TACE log HR is ±effectSd around −0.3, seen by 5 members each adding noise of noiseSd. */
    static List<double[][]> patients(int n, double effectSd, double noiseSd, long seed) {
        Random r = new Random(seed);
        List<double[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double truth = -0.3 + effectSd * r.nextGaussian();
            double[][] members = new double[5][AdjuvantStrategy.values().length];
            for (double[] m : members) m[TACE] = truth + noiseSd * r.nextGaussian();
            out.add(members);
        }
        return out;
    }

    @Test
    void heterogeneityAboveTheMembersDisagreementIsFoundAndKept() {
        EffectShrinkage s = EffectShrinkage.estimate(patients(4000, 0.4, 0.1, 1));
        assertThat(s.meanLogHr()[TACE]).isCloseTo(-0.3, within(0.02));
        // Between-patient variance of the member means is 0.16 + 0.01/5; minus the member variance 0.01.
        assertThat(s.signalVariance()[TACE]).isCloseTo(0.16 - 0.01 + 0.002, within(0.015));
        double[][] one = {row(0.5), row(0.5), row(0.7), row(0.7), row(0.6)};
        double[][] shrunk = s.apply(one);
        // λ = τ² / (τ² + 0.01) ≈ 0.94: a clear individual effect stays nearly where it was.
        assertThat(shrunk[4][TACE]).isBetween(0.5, 0.6);
        assertThat(shrunk[0][AdjuvantStrategy.SURGERY_ALONE.ordinal()]).isZero();
    }

    @Test
    void differencesNoLargerThanTheNoiseAreShrunkToEachMembersAverageEffect() {
        EffectShrinkage s = EffectShrinkage.estimate(patients(2000, 0.0, 0.3, 2));
        assertThat(s.signalVariance()[TACE]).isZero();
        double[][] shrunk = s.apply(new double[][] {row(0.4), row(0.9), row(0.1), row(0.5), row(0.6)});
        for (int m = 0; m < shrunk.length; m++) assertThat(shrunk[m][TACE]).isEqualTo(s.memberMeanLogHr()[m][TACE]);
        // The members still disagree about the average effect (by its sampling error, here 0.3 / sqrt(2000)), not more.
        assertThat(s.meanLogHr()[TACE]).isCloseTo(-0.3, within(0.03));
        for (double[] m : s.memberMeanLogHr()) assertThat(m[TACE]).isCloseTo(s.meanLogHr()[TACE], within(0.05));
    }

    private static double[] row(double taceLogHr) {
        double[] r = new double[AdjuvantStrategy.values().length];
        r[TACE] = taceLogHr;
        return r;
    }
}
