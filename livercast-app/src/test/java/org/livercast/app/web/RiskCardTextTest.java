package org.livercast.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskCardTextTest {
    @Test
    void aPredictionWithoutSomeInputsGivesTheModelsHeldOutNumbersForExactlyThoseInputsMissing() throws Exception {
        var metrics = new ObjectMapper().readTree("""
                {"auc": 0.791, "calibration_slope": 0.93, "missing_modalities": {
                  "radiology+pathology": {"auc": 0.737, "calibration_slope": 0.98, "calibration_in_the_large": -0.06},
                  "pathology": {"auc": 0.743, "calibration_slope": 0.94}}}""");
        assertThat(RiskCard.withoutInputs(metrics, List.of("radiology", "pathology"), true)).isEqualTo("<span id=\"missing-inputs\">Without the "
                + "radiology report and the pathology report: the probability is corrected for their absence. On its held-out centre, with "
                + "them missing for every patient: AUC 0.74 (0.79 with every input), calibration slope 0.98.</span> ");
        assertThat(RiskCard.withoutInputs(metrics, List.of("pathology"), true)).isEqualTo("<span id=\"missing-inputs\">Without the pathology "
                + "report: the probability is corrected for its absence. On its held-out centre, with it missing for every patient: AUC 0.74 "
                + "(0.79 with every input), calibration slope 0.94.</span> ");
        // A combination the report has no row for (a slide and a report missing, on a model with four inputs): no numbers.
        assertThat(RiskCard.withoutInputs(metrics, List.of("radiology", "slide"), true)).isEqualTo("<span id=\"missing-inputs\">Without the "
                + "radiology report and the H&amp;E slide: the probability is corrected for their absence.</span> ");
        // A model trained before the corrections (no absence offsets): the page does not claim one.
        assertThat(RiskCard.withoutInputs(metrics, List.of("pathology"), false)).startsWith("<span id=\"missing-inputs\">Without the pathology "
                + "report. On its held-out centre");
    }
}
