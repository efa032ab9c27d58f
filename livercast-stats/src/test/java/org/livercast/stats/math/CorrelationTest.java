package org.livercast.stats.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {
    @Test
    void pearsonMatchesTheTextbookValue() {
        // cor(c(1, 2, 3, 4, 5.5), c(2, 4, 5, 9, 8)) = 0.904320614194414 (numpy.corrcoef gives the same digits).
        assertThat(Correlation.pearson(new double[] {1, 2, 3, 4, 5.5}, new double[] {2, 4, 5, 9, 8})).isCloseTo(0.904320614194414, within(1e-14));
        assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {9, 6, 3})).isCloseTo(-1, within(1e-15));
    }

    @Test
    void aConstantSampleHasNoCorrelationAndUnequalLengthsAreRefused() {
        assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {4, 4, 4})).isNaN();
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2}, new double[] {1, 2, 3})).hasMessageContaining("2 and 3");
    }
}
