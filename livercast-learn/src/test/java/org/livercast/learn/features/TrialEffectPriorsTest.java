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
        assertThat(TrialEffectPriors.named("robust")).allSatisfy(p -> assertThat(p.transferProbability()).isEqualTo(0.5));
        assertThat(TrialEffectPriors.named("robust:0.8")).allSatisfy(p -> assertThat(p.transferProbability()).isEqualTo(0.8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrialEffectPriors.named("robust:1.5")).hasMessageContaining("(0, 1]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrialEffectPriors.named("robust:most")).hasMessageContaining("most");
    }

    /** Systemic therapy's prior (HR 0.80, SD 0.15), robust with transfer probability 0.5; data with SE 0.1 (P = 100). */
    static final TrialEffectPriors.Prior SYSTEMIC_ROBUST = TrialEffectPriors.robust(0.5).get(1);

    @Test
    void aNormalPriorsPosteriorMeanIsTheConjugateUpdate() {
        TrialEffectPriors.Prior plain = TrialEffectPriors.components().get(1);
        double precision = 100;
        double priorPrecision = 1 / (0.15 * 0.15);
        double expected = (-0.05 * precision + Math.log(0.8) * priorPrecision) / (precision + priorPrecision);
        assertThat(plain.posteriorMeanLogHr(-0.05, precision)).isCloseTo(expected, within(1e-12));
        assertThat(plain.posteriorTransferProbability(-0.05, precision)).isEqualTo(1.0);
        assertThat(plain.robust()).isFalse();
    }

    @Test
    void aRobustPriorFollowsTheTrialsWhenTheDataAgreeAndLetsGoWhenTheySitAtNoEffect() {
        double precision = 100;
        double atTheTrials = Math.log(0.8);
        // Hand-worked: marginal densities N(β̂; μ, 0.01 + 0.0225) and N(β̂; 0, 0.01 + 0.0025).
        double trials = normal(atTheTrials - atTheTrials, 0.0325);
        double none = normal(atTheTrials, 0.0125);
        assertThat(SYSTEMIC_ROBUST.posteriorTransferProbability(atTheTrials, precision)).isCloseTo(trials / (trials + none), within(1e-12))
                .isGreaterThan(0.8);
        double trialsOnly = TrialEffectPriors.components().get(1).posteriorMeanLogHr(atTheTrials, precision);
        assertThat(SYSTEMIC_ROBUST.posteriorMeanLogHr(atTheTrials, precision)).isBetween(trialsOnly * 0.999, trialsOnly * 0.8);
        // Data at no effect: the "no effect here" side wins and the estimate stays near HR 1, where the trials' prior alone
        // would have pulled it to HR 0.93.
        assertThat(SYSTEMIC_ROBUST.posteriorTransferProbability(0, precision)).isLessThan(0.25);
        assertThat(Math.exp(TrialEffectPriors.components().get(1).posteriorMeanLogHr(0, precision))).isCloseTo(0.934, within(0.002));
        assertThat(Math.exp(SYSTEMIC_ROBUST.posteriorMeanLogHr(0, precision))).isBetween(0.98, 1.0);
        // Without data: the prior's own mean, a half-transferred effect.
        assertThat(SYSTEMIC_ROBUST.posteriorMeanLogHr(Double.NaN, 0)).isCloseTo(0.5 * atTheTrials, within(1e-12));
        // Far beyond both (a huge benefit): the trials' side, the nearer one, carries it.
        assertThat(SYSTEMIC_ROBUST.posteriorTransferProbability(-5, 1e6)).isEqualTo(1.0);
    }

    private static double normal(double x, double variance) { return Math.exp(-x * x / (2 * variance)) / Math.sqrt(2 * Math.PI * variance); }
}
