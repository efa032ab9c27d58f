package org.livercast.stats.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.livercast.stats.calibration.ModelUpdating.Method;

/**
 * The closed test on two groups of patients (lp = −1 and +1, or −2 and +2, 100 each), where every fit has a hand-worked
 * answer: logistic recalibration is saturated (it reproduces each group's observed proportion), and recalibration in the
 * large solves Σ expit(α + lp) = events (its root and the log-likelihoods by bisection to 1e-12 in Python).
 */
class ModelUpdatingTest {
    /** lp = −1 for the first {@code n} patients, +1 (or ±{@code spread}) for the next n; events among each group first. */
    private static double[] lp(int n, double spread) {
        double[] lp = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) lp[i] = i < n ? -spread : spread;
        return lp;
    }

    private static boolean[] outcomes(int n, int eventsLow, int eventsHigh) {
        boolean[] y = new boolean[2 * n];
        for (int i = 0; i < eventsLow; i++) y[i] = true;
        for (int i = 0; i < eventsHigh; i++) y[n + i] = true;
        return y;
    }

    @Test
    void aShiftedBaselineRiskIsRecalibratedInTheLarge() {
        // Observed 20% and 60% where the model says 27% and 73%: the 2-df test rejects, the slope adds nothing.
        var u = ModelUpdating.closedTest(lp(100, 1), outcomes(100, 20, 60), 0.05);
        assertThat(u.logLikelihood()[0]).isCloseTo(-122.65233750364456, within(1e-9));
        assertThat(u.logLikelihood()[1]).isCloseTo(-117.5459191406156, within(1e-9));
        assertThat(u.logLikelihood()[2]).isCloseTo(-117.34140905474443, within(1e-9));
        assertThat(u.lrLogisticVsOriginal()).isCloseTo(10.621856897800257, within(1e-8));
        assertThat(u.pLogisticVsOriginal()).isCloseTo(0.004937340520608537, within(1e-10));
        assertThat(u.lrLogisticVsIntercept()).isCloseTo(0.40902017174232697, within(1e-8));
        assertThat(u.pLogisticVsIntercept()).isCloseTo(0.5224672468444216, within(1e-9));
        assertThat(u.chosen()).isEqualTo(Method.INTERCEPT);
        assertThat(u.intercept()).isCloseTo(-0.5127239094064333, within(1e-9));
        assertThat(u.slope()).isEqualTo(1.0);
        // Logistic recalibration is saturated here: α ± β are the groups' observed log-odds.
        assertThat(u.logisticIntercept()).isCloseTo(-0.4904146265058632, within(1e-9));
        assertThat(u.logisticSlope()).isCloseTo(0.8958797346140274, within(1e-9));
        assertThat(u.n()).isEqualTo(200);
        assertThat(u.events()).isEqualTo(80);
        assertThat(u.apply(1.0)).isCloseTo(-0.5127239094064333 + 1.0, within(1e-9));
    }

    @Test
    void predictionsThatAreTooExtremeGetASlopeBelowOne() {
        // The model says 12% and 88%; observed 30% and 70%: β = logit(0.7) / 2, α = 0 by symmetry.
        var u = ModelUpdating.closedTest(lp(100, 2), outcomes(100, 30, 70), 0.05);
        assertThat(u.chosen()).isEqualTo(Method.LOGISTIC);
        assertThat(u.slope()).isCloseTo(Math.log(0.7 / 0.3) / 2, within(1e-9));
        assertThat(u.intercept()).isCloseTo(0, within(1e-9));
        assertThat(u.pLogisticVsIntercept()).isLessThan(0.05);
    }

    @Test
    void aModelThatIsAlreadyCalibratedIsKept() {
        // expit(±1) = 26.9% / 73.1%; observed 27 and 73 of 100.
        var u = ModelUpdating.closedTest(lp(100, 1), outcomes(100, 27, 73), 0.05);
        assertThat(u.chosen()).isEqualTo(Method.ORIGINAL);
        assertThat(u.intercept()).isZero();
        assertThat(u.slope()).isEqualTo(1.0);
        assertThat(u.pLogisticVsOriginal()).isGreaterThan(0.5);
        // Forced, the estimate is applied whatever the test says.
        var forced = ModelUpdating.forced(lp(100, 1), outcomes(100, 27, 73), Method.LOGISTIC);
        assertThat(forced.chosen()).isEqualTo(Method.LOGISTIC);
        assertThat(forced.slope()).isCloseTo((Math.log(73.0 / 27) - Math.log(27.0 / 73)) / 2, within(1e-9));
    }

    @Test
    void theShrunkUpdateLiesBetweenTheModelAndLogisticRecalibration() {
        double[] lp = lp(100, 2);
        boolean[] y = outcomes(100, 30, 70);
        // A vague prior gives logistic recalibration (β = logit(0.7) / 2, α = 0); a sharp one the model itself.
        var vague = ModelUpdating.shrunk(lp, y, 1e4, 1e4);
        assertThat(vague.chosen()).isEqualTo(Method.SHRUNK);
        assertThat(vague.slope()).isCloseTo(Math.log(0.7 / 0.3) / 2, within(1e-6));
        assertThat(vague.intercept()).isCloseTo(0, within(1e-6));
        var sharp = ModelUpdating.shrunk(lp, y, 1e-4, 1e-4);
        assertThat(sharp.slope()).isCloseTo(1, within(1e-3));
        assertThat(sharp.intercept()).isCloseTo(0, within(1e-3));
        var between = ModelUpdating.shrunk(lp, y, 0.25, 0.15);
        assertThat(between.slope()).isBetween(vague.slope(), 1.0);
        // The tests are those of the plain fits.
        assertThat(between.pLogisticVsOriginal()).isEqualTo(ModelUpdating.closedTest(lp, y, 0.05).pLogisticVsOriginal());
        assertThat(Method.parse("shrunk")).isEqualTo(Method.SHRUNK);
    }

    @Test
    void samplesWithoutBothOutcomesAndMethodNamesAreChecked() {
        assertThatThrownBy(() -> ModelUpdating.closedTest(lp(10, 1), outcomes(10, 0, 0), 0.05)).hasMessageContaining("0 of 20 had it");
        assertThatThrownBy(() -> ModelUpdating.closedTest(new double[] {0, Double.NaN}, new boolean[] {true, false}, 0.05))
                .hasMessageContaining("lp[1] = NaN");
        assertThat(Method.parse("logistic")).isEqualTo(Method.LOGISTIC);
        assertThat(Method.parse("recalibration_in_the_large")).isEqualTo(Method.INTERCEPT);
        assertThatThrownBy(() -> Method.parse("isotonic")).hasMessageContaining("expected original, intercept, logistic or shrunk");
    }
}
