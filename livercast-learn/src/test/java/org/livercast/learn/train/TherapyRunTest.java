package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.TherapyModel;

/**
 * P4's model on the acceptance cohort (3,000 patients, seed 7, centre-03 held out). Seen when written: gain 0.750 with
 * IPW; 0.614 once the synthetic truth had harm (fatal toxicity, TACE in large MVI+ tumours) and the model learned
 * P4's RFS (recurrence or death); 0.79 with TACE's effect estimated per trial subgroup, then between 0.52 and 0.81 with
 * the training seed once the network gained its OS head; 0.81 with the trials' prior on the effects (0.64–0.96 over
 * four training seeds; BENCHMARKS.md). So the test holds the 70% of the oracle's gain, better than observed
 * practice, and what the subgroups and the prior are for: TACE's hazard ratio differs between subgroups, systemic
 * therapy's does not, and the report says which priors the effects were fitted under.
 */
class TherapyRunTest {
    @TempDir Path out;

    @Test
    void recommendationsRecoverMostOfTheOraclePolicyGainAndReloadIdentically() throws Exception {
        Path cohort = TrainingRunTest.COHORT;
        var r = TherapyRun.run(new TrainingRun.Options(ModelKind.THERAPY, cohort, out, null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30)), l -> { });
        Map<String, Object> rep = r.report();
        assertThat((double) rep.get("policy_gain_fraction")).isGreaterThanOrEqualTo(0.7);
        assertThat((double) rep.get("value_recommended_rfs3y")).isGreaterThan((double) rep.get("value_observed_rfs3y"));
        assertThat(rep.get("weighting")).isEqualTo("ipw");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> effects = (Map<String, Map<String, Object>>) rep.get("effect_vs_truth");
        assertThat(effects).containsOnlyKeys("tace", "systemic", "tace_systemic");
        // The truth's average benefit of systemic therapy on this cohort is a few points of 3-year RFS; TACE's is smaller.
        assertThat((double) effects.get("systemic").get("mean_true_gain")).isBetween(0.02, 0.12);
        assertThat((double) effects.get("tace").get("mean_true_gain")).isLessThan((double) effects.get("systemic").get("mean_true_gain"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> hr = (Map<String, Map<String, Map<String, Object>>>) rep.get("hazard_ratios");
        assertThat(hr.get("tace")).containsOnlyKeys("reference", "tace_x_mvi_under_50mm", "tace_x_mvi_50mm_or_more", "tace_x_no_mvi_large_or_multinodular");
        // TACE's hazard ratio differs between the trial subgroups (seen when written: 0.95 to 1.09 on this cohort, whose
        // training centres show no benefit in MVI-positive tumours under 5 cm; the truth's is 0.70 there).
        double[] taceLogHr = hr.get("tace").values().stream().mapToDouble(g -> Math.log((double) g.get("hazard_ratio"))).toArray();
        assertThat(java.util.Arrays.stream(taceLogHr).max().getAsDouble() - java.util.Arrays.stream(taceLogHr).min().getAsDouble()).isGreaterThan(0.05);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> priors = (Map<String, Map<String, Object>>) rep.get("effect_priors");
        assertThat(priors).containsOnlyKeys("tace", "systemic", "tace_x_mvi_under_50mm", "tace_x_mvi_50mm_or_more", "tace_x_no_mvi_large_or_multinodular");
        assertThat((String) priors.get("systemic").get("source")).contains("IMbrave050");
        // Neither the trials nor the data decide alone at 3,000 patients: the prior's weight in each fitted effect (seen when
        // written: 0.17-0.38 on another cohort), and the fit lies between the trials' and the data's own estimate.
        for (Map<String, Object> one : priors.values()) {
            assertThat((double) one.get("prior_weight")).isBetween(0.05, 0.8);
            double prior = Math.log((double) one.get("hazard_ratio"));
            double alone = Math.log((double) one.get("data_alone_hazard_ratio"));
            assertThat(Math.log((double) one.get("fitted_hazard_ratio"))).isBetween(Math.min(prior, alone) - 0.02, Math.max(prior, alone) + 0.02);
        }
        // Systemic therapy has no subgroups: one hazard ratio for everyone.
        double systemicReference = (double) hr.get("systemic").get("reference").get("hazard_ratio");
        for (Map<String, Object> g : hr.get("systemic").values()) {
            assertThat((double) g.get("hazard_ratio")).isCloseTo(systemicReference, org.assertj.core.api.Assertions.within(1e-4));
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> calibration = (Map<String, Map<String, Object>>) rep.get("effect_calibration");
        assertThat(calibration).containsOnlyKeys("tace", "systemic", "tace_systemic");
        // The truth's effects differ between patients (subgroups, immune state, liver damage); the model's TACE effects
        // follow them (a positive oracle factor: the individual differences point the right way), systemic's are one value.
        for (Map<String, Object> one : calibration.values()) assertThat((double) one.get("true_log_hr_sd")).isGreaterThan(0.05);
        assertThat((Double) calibration.get("tace").get("oracle_shrinkage_factor")).isGreaterThan(0.1);
        assertThat(calibration.get("systemic").get("oracle_shrinkage_factor")).isNull();
        assertThat(java.nio.file.Files.readString(out.resolve("report.html"))).contains("policy_gain_fraction").contains("everyone_same_strategy")
                .contains("Loss per epoch").contains("consistent vs inconsistent with the recommendation").contains("Mean true 3-year RFS per policy")
                .contains("received the recommended strategy (");
        var patient = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases().get(0);
        TherapyModel.Recommendation before = r.model().recommend(PostOperativeInputs.of(patient));
        r.model().close();
        try (TherapyModel again = TherapyModel.load(out.resolve("model"))) {
            TherapyModel.Recommendation after = again.recommend(PostOperativeInputs.of(patient));
            assertThat(after).isEqualTo(before);
            // The inputs' hash: the same after reloading (above), another for another patient.
            assertThat(after.inputSha256()).matches("[0-9a-f]{64}");
            var other = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases().get(1);
            assertThat(again.recommend(PostOperativeInputs.of(other)).inputSha256()).isNotEqualTo(after.inputSha256());
            assertThat(after.estimates()).hasSize(AdjuvantStrategy.values().length);
            assertThat(after.agreement()).isBetween(0.0, 1.0);
            assertThat(after.gainSd()).isNotNegative();
            assertThat(after.estimates()).allSatisfy(e -> assertThat(e.rfsByYear()).isSortedAccordingTo((a, b) -> Double.compare(b, a)));
        }
        // A model saved with an earlier coding of the strategy is refused with what to do, not run on mismatched inputs.
        Path card = out.resolve("model").resolve("therapy.json");
        java.nio.file.Files.writeString(card, java.nio.file.Files.readString(card).replaceFirst("\"schemaVersion\" : 2", "\"schemaVersion\" : 1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TherapyModel.load(out.resolve("model"))).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("therapy.json").hasMessageContaining("schemaVersion 1 is not 2").hasMessageContaining("livercast train --model therapy");
    }

    /**
     * Under the robust prior each effect is the mixture's posterior mean: a weighted mean of the trials' side (the fit
     * under it) and the no-effect side (the data-alone estimate shrunk toward 0), so it lies within 0, the fit and the
     * data-alone estimate (up to the members' averaging); and the saved networks use it. On this cohort the trials' systemic effect is the truth, and the data say
     * so (P(transfer) 0.93–0.99 at a prior 0.8 over four training seeds; BENCHMARKS.md).
     */
    @Test
    void aRobustPriorMovesEachEffectBetweenNoEffectAndTheTrialsFit() throws Exception {
        var r = TherapyRun.run(new TrainingRun.Options(ModelKind.THERAPY, TrainingRunTest.COHORT, out, null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30)),
                Weighting.IPW, org.livercast.learn.features.TrialEffectPriors.named("robust"), l -> { });
        r.model().close();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> priors = (Map<String, Map<String, Object>>) r.report().get("effect_priors");
        for (Map<String, Object> one : priors.values()) {
            assertThat((double) one.get("transfer_probability")).isEqualTo(0.5);
            assertThat((double) one.get("posterior_transfer_probability")).isStrictlyBetween(0.0, 1.0);
            double mode = Math.log((double) one.get("trials_mode_hazard_ratio"));
            double alone = Math.log((double) one.get("data_alone_hazard_ratio"));
            assertThat(Math.log((double) one.get("fitted_hazard_ratio"))).isBetween(Math.min(0, Math.min(mode, alone)) - 0.02,
                    Math.max(0, Math.max(mode, alone)) + 0.02);
        }
        assertThat((double) priors.get("systemic").get("posterior_transfer_probability")).isGreaterThan(0.8);
        // The networks carry the updated effects: the held-out patients' systemic HR is the report's fitted one.
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> hr = (Map<String, Map<String, Map<String, Object>>>) r.report().get("hazard_ratios");
        assertThat((double) hr.get("systemic").get("reference").get("hazard_ratio"))
                .isCloseTo((double) priors.get("systemic").get("fitted_hazard_ratio"), org.assertj.core.api.Assertions.within(1e-4));
        assertThat((double) priors.get("systemic").get("fitted_hazard_ratio")).isNotEqualTo(priors.get("systemic").get("trials_mode_hazard_ratio"));
    }

    @Test
    void propensityWeightsAreStabilisedTruncatedAndOverlapWeightsBounded() {
        double[][] x = new double[400][];
        java.util.List<AdjuvantStrategy> a = new java.util.ArrayList<>();
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            double risk = rnd.nextGaussian();
            x[i] = new double[] {1, risk};
            boolean tace = rnd.nextDouble() < 1 / (1 + Math.exp(-1.5 * risk));
            boolean sys = rnd.nextDouble() < 0.3;
            a.add(tace ? (sys ? AdjuvantStrategy.TACE_SYSTEMIC : AdjuvantStrategy.TACE) : (sys ? AdjuvantStrategy.SYSTEMIC : AdjuvantStrategy.SURGERY_ALONE));
        }
        Propensity p = Propensity.fit(x, a);
        double total = 0;
        for (AdjuvantStrategy s : AdjuvantStrategy.values()) total += p.probability(x[0], s);
        assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        float[] ipw = p.weights(x, a);
        float[] overlap = p.overlapWeights(x, a);
        double mean = 0;
        for (float v : ipw) mean += v / ipw.length;
        assertThat(mean).isBetween(0.8, 1.2);
        double mo = 0;
        for (float v : overlap) mo += v / overlap.length;
        assertThat(mo).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        // A high-risk patient treated with TACE is expected; one left untreated is the rare, up-weighted case.
        assertThat(p.probability(new double[] {1, 2}, AdjuvantStrategy.TACE)).isGreaterThan(p.probability(new double[] {1, 2}, AdjuvantStrategy.SURGERY_ALONE));
    }
}
