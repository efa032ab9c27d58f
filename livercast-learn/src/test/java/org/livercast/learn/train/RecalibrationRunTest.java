package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.TrainedModel;
import org.livercast.stats.calibration.ModelUpdating;

/**
 * A single-network PRE model trained on centre 1 of a 900-patient cohort and recalibrated for centre 2 from its first
 * 100 evaluable patients; the centre's later patients measure the update.
 */
class RecalibrationRunTest {
    static final LocalDate CUTOFF = LocalDate.of(2026, 6, 30);
    static final Path COHORT = SmallCohort.clinical(900, 2, 23);

    @TempDir static Path tmp;
    static Path model;

    @BeforeAll
    static void train() throws Exception {
        var r = TrainingRun.run(new TrainingRun.Options(ModelKind.PRE, COHORT, tmp.resolve("train"), null, FitConfig.defaults(1).withMembers(1),
                CUTOFF), l -> { });
        r.model().close();
        model = r.modelDir();
    }

    private static RecalibrationRun.Result recalibrate(Path from, ModelUpdating.Method method, String out) throws Exception {
        return RecalibrationRun.run(new RecalibrationRun.Options(from, COHORT, "centre-02", 100, method, tmp.resolve(out), CUTOFF, null, null), l -> { });
    }

    @Test
    void theNewModelPredictsTheUpdatedProbabilityWithTheSameNetworksUnderItsOwnId() throws Exception {
        var r = recalibrate(model, ModelUpdating.Method.LOGISTIC, "forced");
        ModelStore.Card old = ModelStore.card(model);
        assertThat(r.card().modelId()).isNotEqualTo(old.modelId());
        assertThat(r.card().recalibration().fromModelId()).isEqualTo(old.modelId());
        assertThat(r.card().recalibration().centre()).isEqualTo("centre-02");
        assertThat(r.card().recalibration().patients()).isEqualTo(100);
        assertThat(r.card().metrics()).containsEntry("recalibrated_for_centre", "centre-02")
                .containsEntry("calibration_population", "later patients of centre-02").containsKey("calibration_groups")
                // Discrimination is the networks', unchanged; calibration is the new model's, on the centre's later patients.
                .containsEntry("auc", old.metrics().get("auc"));
        assertThat(r.report().get("method")).isEqualTo("logistic_recalibration");
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = (Map<String, Object>) r.report().get("update_patients");
        assertThat(fit.get("n")).isEqualTo(100);
        assertThat((String) fit.get("first_surgery")).isLessThanOrEqualTo((String) fit.get("last_surgery"));
        @SuppressWarnings("unchecked")
        Map<String, Object> later = (Map<String, Object>) r.report().get("later_patients");
        assertThat((String) later.get("first_surgery")).isGreaterThanOrEqualTo((String) fit.get("last_surgery"));
        @SuppressWarnings("unchecked")
        Map<String, Object> laterAfter = (Map<String, Object>) later.get("after");
        assertThat(r.card().metrics().get("calibration_slope")).isEqualTo(laterAfter.get("calibration_slope"));
        String html = java.nio.file.Files.readString(tmp.resolve("forced").resolve("recalibration.html"));
        assertThat(html).contains("PRE model recalibrated for centre centre-02").contains("<h2>Update: logistic recalibration (forced)</h2>")
                .contains("Before the update").contains("After the update").contains("logistic recalibration vs the model");
        assertThat(html.split("<svg", -1)).hasSize(3);
        // Logistic recalibration is the calibration fit itself: on the patients it was estimated on, the updated model's
        // calibration slope is 1 and its calibration in the large 0; the report's "calibration_slope" is the old model's.
        assertThat(r.update().slope()).isCloseTo((double) fit.get("calibration_slope"), within(1e-12));
        @SuppressWarnings("unchecked")
        Map<String, Object> rfs = (Map<String, Object>) r.report().get("rfs");
        assertThat(r.card().rfsHazardShift()).isEqualTo((double) rfs.get("shift")).isNotZero();

        var patients = CohortExport.read(COHORT, CUTOFF).cases().stream().filter(c -> c.centre().equals("centre-02")).limit(5).toList();
        try (TrainedModel before = ModelStore.load(model); TrainedModel after = ModelStore.load(r.modelDir())) {
            assertThat(after.modelId()).isEqualTo(r.card().modelId());
            for (var c : patients) {
                var e = before.encoder().encode(PreOperativeInputs.of(c, false));
                double lp = before.linearPredictor(before.raw(List.of(e)).get(0).logit());
                double expected = 1 / (1 + Math.exp(-(r.update().intercept() + r.update().slope() * lp)));
                var p = after.predict(c.id(), after.encoder().encode(PreOperativeInputs.of(c, false)));
                // (to float precision: the prediction batches the patient with its occlusions, which moves the last bits of the logit)
                assertThat(p.probabilityAggressive2y()).as(c.id()).isCloseTo(expected, within(1e-6));
                // The networks are untouched; a forced update also shifts the RFS hazards, and 1 − h' = (1 − h)^(e^shift) in
                // every interval makes the new survival curve the old one to the power e^shift.
                double power = Math.exp(r.card().rfsHazardShift());
                List<Double> was = before.predict(c.id(), e).rfsSurvivalByYear();
                for (int y = 0; y < was.size(); y++) assertThat(p.rfsSurvivalByYear().get(y)).isCloseTo(Math.pow(was.get(y), power), within(1e-5));
            }
        }
    }

    @Test
    void aRecalibratedModelWhoseHazardShiftWasEditedIsRefused() throws Exception {
        var r = recalibrate(model, ModelUpdating.Method.INTERCEPT, "edited");
        Path card = r.modelDir().resolve("model.json");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(card.toFile());
        assertThat(json.get("rfsHazardShift").asDouble()).isNotZero();
        json.put("rfsHazardShift", json.get("rfsHazardShift").asDouble() + 0.5);
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(card.toFile(), json);
        assertThatThrownBy(() -> ModelStore.load(r.modelDir())).hasMessageContaining("does not match model id");
    }

    @Test
    void aModelShiftedOffCalibrationIsPulledBackAndACalibratedOneKept() throws Exception {
        // The trained model with 1.5 added to its logit: every probability far too high for centre 2.
        ModelStore.Card card = ModelStore.card(model);
        ModelStore.recalibrate(model, tmp.resolve("shifted"), new ModelStore.Recalibration(card.modelId(), "test", "forced", 1.5, 1, 0, 0, 0, 0, "", ""),
                Map.of());
        var r = recalibrate(tmp.resolve("shifted"), null, "pulled-back");
        assertThat(r.update().chosen()).isNotEqualTo(ModelUpdating.Method.ORIGINAL);
        assertThat(r.update().pLogisticVsOriginal()).isLessThan(1e-4);
        assertThat(r.update().intercept()).isBetween(-2.5, -0.5);
        @SuppressWarnings("unchecked")
        Map<String, Object> later = (Map<String, Object>) r.report().get("later_patients");
        @SuppressWarnings("unchecked")
        Map<String, Double> before = (Map<String, Double>) later.get("before");
        @SuppressWarnings("unchecked")
        Map<String, Double> after = (Map<String, Double>) later.get("after");
        assertThat(before.get("calibration_in_the_large")).isLessThan(-1.0);
        assertThat(Math.abs(after.get("calibration_in_the_large"))).isLessThan(0.5);
        assertThat(after.get("brier")).isLessThan(before.get("brier"));

        // Its hazards were never shifted, so RFS is judged on its own: observed / expected on the first patients is reported,
        // and where the shift is applied, the later patients' O/E moves toward 1.
        @SuppressWarnings("unchecked")
        Map<String, Object> rfs = (Map<String, Object>) r.report().get("rfs");
        assertThat((int) rfs.get("patients")).isGreaterThanOrEqualTo(100);
        assertThat((double) rfs.get("observed_over_expected")).isPositive();
        if ((double) rfs.get("applied_shift") != 0) {
            @SuppressWarnings("unchecked")
            Map<String, Double> rfsLater = (Map<String, Double>) rfs.get("later_patients");
            assertThat(Math.abs(Math.log(rfsLater.get("observed_over_expected_after"))))
                    .isLessThan(Math.abs(Math.log(rfsLater.get("observed_over_expected_before"))));
        }

        // Updating the updated model once more finds nothing left to correct (the same patients): it is kept.
        var again = recalibrate(r.modelDir(), null, "again");
        assertThat(again.update().chosen()).isEqualTo(ModelUpdating.Method.ORIGINAL);
        assertThat(again.card().rfsHazardShift()).isEqualTo(r.card().rfsHazardShift());
        assertThat(again.card().modelId()).isEqualTo(r.card().modelId());
    }

    @Test
    void anUnknownCentreOrTooFewPatientsAreRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> RecalibrationRun.run(new RecalibrationRun.Options(model, COHORT, "centre-07", 100, null, tmp.resolve("x"), CUTOFF, null,
                null), l -> { })).hasMessageContaining("centre centre-07 is not in").hasMessageContaining("centre-01, centre-02");
        assertThatThrownBy(() -> RecalibrationRun.run(new RecalibrationRun.Options(model, COHORT, "centre-02", 5000, null, tmp.resolve("y"), CUTOFF, null,
                null), l -> { })).hasMessageContaining("5000 were asked for").hasMessageContaining("2-year outcome is known");
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThat(tmp.resolve("y")).doesNotExist();
    }
}
