package org.livercast.stats.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoxTest {
    @Test
    void aCovariateThatSeparatesTheEventsIsReportedAsMonotoneNotAsAnEstimate() {
        // Every treated patient outlives every control: the likelihood keeps rising as beta -> -infinity.
        double[] time = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        int[] status = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        double[][] x = {{0, 0.3}, {0, 1.2}, {0, -0.4}, {0, 0.8}, {0, 0.1}, {1, 0.5}, {1, -1.0}, {1, 0.2}, {1, 0.9}, {1, -0.3}};
        Cox.Fit fit = Cox.fit(SurvivalData.of(time, status), x, null, Ties.EFRON);
        assertThat(fit.monotone()).containsExactly(0);
        assertThat(fit.coef()[0]).isLessThan(-5);
    }

    @Test
    void aWellPosedModelConvergesWithNoMonotoneWarningAndRecoversTheTrueEffect() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 4000;
        double[] time = new double[n];
        int[] status = new int[n];
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble() < 0.5 ? 1 : 0;
            x[i][1] = r.nextDouble() * 2 - 1;
            double hazard = Math.exp(Math.log(2) * x[i][0] - 0.5 * x[i][1]);
            double t = -Math.log(r.nextDouble()) / hazard;
            double c = r.nextDouble() * 3;
            time[i] = Math.min(t, c);
            status[i] = t <= c ? 1 : 0;
        }
        Cox.Fit fit = Cox.fit(SurvivalData.of(time, status), x, null, Ties.BRESLOW);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.monotone()).isEmpty();
        assertThat(fit.hazardRatio()[0]).isCloseTo(2.0, within(0.15));
        assertThat(fit.coef()[1]).isCloseTo(-0.5, within(0.1));
        assertThat(fit.lrP()).isLessThan(1e-10);
    }

    @Test
    void centringCovariatesDoesNotChangeTheFit() {
        double[] time = {5, 8, 12, 3, 9, 15, 7, 11, 2, 14};
        int[] status = {1, 0, 1, 1, 1, 0, 1, 1, 1, 0};
        double[][] x = {{1}, {3}, {2}, {5}, {2}, {1}, {4}, {3}, {6}, {1}};
        double[][] shifted = new double[10][1];
        for (int i = 0; i < 10; i++) shifted[i][0] = x[i][0] + 1000;
        Cox.Fit a = Cox.fit(SurvivalData.of(time, status), x, null, Ties.EFRON);
        Cox.Fit b = Cox.fit(SurvivalData.of(time, status), shifted, null, Ties.EFRON);
        assertThat(b.coef()[0]).isCloseTo(a.coef()[0], within(1e-9));
        assertThat(b.logLik()).isCloseTo(a.logLik(), within(1e-9));
    }
}
