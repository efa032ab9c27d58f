package org.livercast.stats.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Clopper–Pearson intervals against R's {@code binom.test(k, n)$conf.int} (R 4.x, printed to 7 digits). */
class ExactBinomialTest {
    @Test
    void matchesRsBinomTest() {
        // binom.test(7, 10): 0.3475471 0.9332605
        assertThat(ExactBinomial.clopperPearson95(7, 10)).containsExactly(new double[] {0.3475471, 0.9332605}, within(5e-8));
        // binom.test(c(682, 243), p = 3/4), the example of R's help page: 0.7076683 0.7654066
        assertThat(ExactBinomial.clopperPearson95(682, 925)).containsExactly(new double[] {0.7076683, 0.7654066}, within(5e-8));
        // binom.test(0, 10): 0.0000000 0.3084971; binom.test(10, 10): 0.6915029 1.0000000 (closed forms: 1 - 0.025^(1/10))
        assertThat(ExactBinomial.clopperPearson95(0, 10)).containsExactly(new double[] {0, 1 - Math.pow(0.025, 0.1)}, within(1e-12));
        assertThat(ExactBinomial.clopperPearson95(10, 10)).containsExactly(new double[] {Math.pow(0.025, 0.1), 1}, within(1e-12));
        assertThat(1 - Math.pow(0.025, 0.1)).isCloseTo(0.3084971, within(5e-8));
    }

    @Test
    void theIntervalHoldsTheEstimateAndNarrowsWithN() {
        double[] small = ExactBinomial.clopperPearson95(30, 40);
        double[] large = ExactBinomial.clopperPearson95(300, 400);
        assertThat(small[0]).isLessThan(0.75);
        assertThat(small[1]).isGreaterThan(0.75);
        assertThat(large[1] - large[0]).isLessThan(small[1] - small[0]);
        // Coverage is the tails' definition: at the limits each one-sided tail holds 2.5%.
        assertThat(ExactBinomial.upperTail(30, 40, small[0])).isCloseTo(0.025, within(1e-10));
        assertThat(ExactBinomial.lowerTail(30, 40, small[1])).isCloseTo(0.025, within(1e-10));
    }

    @Test
    void confusionMetricsGiveTheirProportionsWithTheExactInterval() {
        ConfusionMetrics m = new ConfusionMetrics(0.5, 7, 0, 682 - 7 + 7, 3);     // sensitivity 7/10, specificity 682/682
        assertThat(m.sensitivityCi95()).containsExactly(new double[] {0.3475471, 0.9332605}, within(5e-8));
        assertThat(m.specificityCi95()[1]).isEqualTo(1.0);
        assertThat(m.accuracyCi95()).containsExactly(ExactBinomial.clopperPearson95(689, 692), within(0.0));
        assertThat(new ConfusionMetrics(0.5, 0, 0, 5, 0).sensitivityCi95()).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatThrownBy(() -> ExactBinomial.clopperPearson95(11, 10)).hasMessageContaining("k = 11, n = 10");
        assertThatThrownBy(() -> ExactBinomial.clopperPearson95(0, 0)).hasMessageContaining("n > 0");
    }
}
