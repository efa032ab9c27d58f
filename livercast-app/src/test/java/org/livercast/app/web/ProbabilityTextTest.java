package org.livercast.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbabilityTextTest {
    @Test
    void aProbabilityJustBelowTheThresholdNeverReadsAsTheThresholdAndNoneReadsAsCertain() {
        assertThat(Html.probability(0.36)).isEqualTo("36%");
        assertThat(Html.probability(0.5)).isEqualTo("50%");
        assertThat(Html.probability(0.504)).isEqualTo("50%");
        // Rounded, these would read "50%" beside a "low risk" badge.
        assertThat(Html.probability(0.4996)).isEqualTo("49.9%");
        assertThat(Html.probability(0.495)).isEqualTo("49.5%");
        assertThat(Html.probability(0.4949)).isEqualTo("49%");
        // A model is never certain.
        assertThat(Html.probability(0.9999)).isEqualTo("&gt;99%");
        assertThat(Html.probability(1.0)).isEqualTo("&gt;99%");
        assertThat(Html.probability(0.994)).isEqualTo("99%");
        assertThat(Html.probability(0.0001)).isEqualTo("&lt;1%");
        assertThat(Html.probability(0.0)).isEqualTo("&lt;1%");
        assertThat(Html.probability(0.005)).isEqualTo("1%");
        assertThat(Html.probability(Double.NaN)).isEqualTo("–");
        // Every value a stored prediction can take agrees with its badge: below the threshold it reads below 50.
        for (int i = 0; i <= 100_000; i++) {
            double p = i / 100_000.0;
            String text = Html.probability(p).replace("&lt;", "").replace("&gt;", "").replace("%", "");
            assertThat(Double.parseDouble(text) >= 50).as("%s reads %s", p, Html.probability(p)).isEqualTo(p >= Html.HIGH_RISK);
        }
    }
}
