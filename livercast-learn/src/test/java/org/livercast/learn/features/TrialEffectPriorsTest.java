package org.livercast.learn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrialEffectPriorsTest {
    @Test
    void onePriorPerStrategyComponentInTheCodingsOrder() {
        List<TrialEffectPriors.Prior> p = TrialEffectPriors.components();
        assertThat(p).extracting(TrialEffectPriors.Prior::component)
                .containsExactly("tace", "systemic", "tace_x_mvi_under_50mm", "tace_x_mvi_50mm_or_more", "tace_x_no_mvi_large_or_multinodular");
        assertThat(p).allSatisfy(one -> assertThat(one.source()).isNotBlank());
    }

    @Test
    void aReportedIntervalBecomesAMeanAndSdOnTheLogScale() {
        // Wang 2018: HR 0.68 (0.49-0.93) -> SD (ln 0.93 - ln 0.49) / 3.92 = 0.1635.
        assertThat(TrialEffectPriors.TACE_HIGH_RISK.sd()).isCloseTo(0.1635, within(1e-3));
        TrialEffectPriors.Prior tace = TrialEffectPriors.components().get(0);
        assertThat(tace.hazardRatio()).isCloseTo(0.88, within(1e-9));
        // A subgroup's component is its contrast with the reference: 0.68 / 0.88, with both trials' variances.
        TrialEffectPriors.Prior mviSmall = TrialEffectPriors.components().get(2);
        assertThat(mviSmall.hazardRatio()).isCloseTo(0.68 / 0.88, within(1e-9));
        assertThat(mviSmall.sdLogHr()).isCloseTo(Math.hypot(0.1635, tace.sdLogHr()), within(1e-3));
        // Large MVI-positive tumours: the PSM's OR 1.17 makes TACE's component there harmful relative to the reference.
        assertThat(TrialEffectPriors.components().get(3).meanLogHr()).isGreaterThan(0);
    }

    @Test
    void theScepticalPriorHasTheTrialsUncertaintyCentredOnNoEffect() {
        List<TrialEffectPriors.Prior> trials = TrialEffectPriors.components();
        List<TrialEffectPriors.Prior> sceptical = TrialEffectPriors.sceptical();
        assertThat(sceptical).extracting(TrialEffectPriors.Prior::component).containsExactlyElementsOf(trials.stream().map(TrialEffectPriors.Prior::component).toList());
        for (int k = 0; k < trials.size(); k++) {
            assertThat(sceptical.get(k).hazardRatio()).isEqualTo(1.0);
            assertThat(sceptical.get(k).sdLogHr()).isEqualTo(trials.get(k).sdLogHr());
        }
    }

    @Test
    void priorsByName() {
        assertThat(TrialEffectPriors.named("Trials")).isEqualTo(TrialEffectPriors.components());
        assertThat(TrialEffectPriors.named("sceptical")).isEqualTo(TrialEffectPriors.sceptical());
        assertThat(TrialEffectPriors.named("none")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrialEffectPriors.named("optimistic")).hasMessageContaining("optimistic");
    }
}
