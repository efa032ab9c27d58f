package org.livercast.stats.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConcordanceDifferenceTest {
    /** 300 patients whose hazard follows a true score; a noisy copy and the score itself. */
    private static final int N = 300;

    private static double[][] scores(long seed, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] truth = new double[N];
        double[] noisy = new double[N];
        double[] time = new double[N];
        double[] event = new double[N];
        for (int i = 0; i < N; i++) {
            truth[i] = r.nextGaussian();
            noisy[i] = truth[i] + noise * r.nextGaussian();
            double t = -Math.log(r.nextDouble()) / Math.exp(truth[i]);
            double censor = 2 * r.nextDouble();
            time[i] = Math.min(t, censor);
            event[i] = t <= censor ? 1 : 0;
        }
        return new double[][] {truth, noisy, time, event};
    }

    private static SurvivalData data(double[][] s) {
        boolean[] e = new boolean[N];
        for (int i = 0; i < N; i++) e[i] = s[3][i] > 0;
        return new SurvivalData(s[2], e);
    }

    @Test
    void theDifferenceIsHarrellsCOfEachAndItsIntervalSeparatesAClearlyBetterScore() {
        double[][] s = scores(3, 1.5);
        SurvivalData d = data(s);
        var r = ConcordanceDifference.bootstrap(d, s[0], s[1], 400, 11, 0.95);
        assertThat(r.difference()).isCloseTo(Concordance.harrell(d, s[0], null).concordance() - Concordance.harrell(d, s[1], null).concordance(), within(1e-12));
        assertThat(r.difference()).isPositive();
        assertThat(r.lower()).as("the true score is better beyond doubt").isPositive();
        assertThat(r.upper()).isGreaterThan(r.difference());
        // Same seed, same interval: a reader can rerun it.
        assertThat(ConcordanceDifference.bootstrap(d, s[0], s[1], 400, 11, 0.95)).isEqualTo(r);
    }

    @Test
    void aScoreAgainstItselfDiffersByNothingAndTheIntervalOfNearTwinsCoversZero() {
        double[][] s = scores(5, 0.05);
        SurvivalData d = data(s);
        var self = ConcordanceDifference.bootstrap(d, s[0], s[0], 200, 1, 0.95);
        assertThat(self.difference()).isZero();
        assertThat(self.lower()).isZero();
        assertThat(self.upper()).isZero();
        var twins = ConcordanceDifference.bootstrap(d, s[0], s[1], 400, 1, 0.95);
        assertThat(twins.lower()).isNegative();
        assertThat(twins.upper()).isPositive();
        // Paired: far narrower than the spread of either C alone (SE ≈ 0.02 each).
        assertThat(twins.upper() - twins.lower()).isLessThan(0.03);
    }
}
