package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    /** Outcomes drawn from logistic(logit), a fixed seed. */
    private static boolean[] draw(double[] logit, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] y = new boolean[logit.length];
        for (int i = 0; i < y.length; i++) y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit[i]));
        return y;
    }

    @Test
    void theSlopeOfTheTrueLogitIsNearOneAndScalesInverselyWithTheScore() {
        SplittableRandom r = new SplittableRandom(3);
        double[] logit = new double[20_000];
        for (int i = 0; i < logit.length; i++) logit[i] = -1 + 1.2 * r.nextGaussian();
        boolean[] y = draw(logit, 4);
        double slope = Evaluation.calibrationSlope(y, logit);
        assertThat(slope).isCloseTo(1.0, within(0.05));
        // An over-confident score (every logit doubled) has exactly half the slope: glm(y ~ 2x) = glm(y ~ x) / 2.
        double[] doubled = new double[logit.length];
        for (int i = 0; i < logit.length; i++) doubled[i] = 2 * logit[i];
        assertThat(Evaluation.calibrationSlope(y, doubled)).isCloseTo(slope / 2, within(1e-9));
    }

    @Test
    void itIsTheSlopeOfTheCalibrationReportForProbabilitiesStrictlyBetweenZeroAndOne() {
        SplittableRandom r = new SplittableRandom(5);
        double[] logit = new double[500];
        double[] p = new double[logit.length];
        for (int i = 0; i < logit.length; i++) {
            logit[i] = 0.5 * r.nextGaussian();
            p[i] = 1 / (1 + Math.exp(-logit[i]));
        }
        boolean[] y = draw(new double[logit.length], 6);  // outcomes unrelated to the score: a slope near 0
        assertThat(Evaluation.calibrationSlope(y, logit)).isCloseTo(Evaluation.calibration(y, p).slope(), within(1e-9));
    }

    @Test
    void aScoreWhoseProbabilityRoundsToOneStillHasASlope() {
        // logistic(40) is 1.0 in a double, which the probability form refuses; the logit form does not need it.
        double[] logit = {-2, -1, 0, 1, 2, 40, -3, 0.5};
        boolean[] y = {false, false, true, false, true, true, false, true};
        assertThat(Evaluation.calibrationSlope(y, logit)).isFinite().isPositive();
    }

    @Test
    void anOutcomeWithOneValueHasNoSlope() {
        assertThat(Evaluation.calibrationSlope(new boolean[] {true, true, true}, new double[] {0.1, 0.2, 0.3})).isNaN();
        assertThat(Evaluation.calibrationSlope(new boolean[] {false, false}, new double[] {0.1, 0.2})).isNaN();
    }
}
