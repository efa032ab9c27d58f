package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.livercast.stats.calibration.BinaryCalibration;

/** {@code calibration_binary}: slope, calibration-in-the-large, Brier and Hosmer–Lemeshow (deciles unless {@code groups}). */
final class CalibrationCase implements CaseKind {
    public String kind() { return "calibration_binary"; }

    public JsonNode compute(JsonNode spec, CaseTable data) {
        String outcome = CaseKind.column(spec, "outcome");
        String prob = CaseKind.column(spec, "prob");
        int[] rows = data.completeRows(List.of(outcome, prob));
        int[] y = data.integers(outcome, rows);
        boolean[] o = new boolean[y.length];
        for (int i = 0; i < y.length; i++) o[i] = y[i] == 1;
        BinaryCalibration.Result r = BinaryCalibration.of(o, data.numbers(prob, rows), spec.path("groups").asInt(10));
        ObjectNode out = CaseKind.object();
        out.put("calibration_slope", r.slope());
        out.put("calibration_intercept", r.intercept());
        out.put("brier", r.brier());
        out.put("hosmer_lemeshow", r.hosmerLemeshow());
        out.put("hosmer_lemeshow_p", r.hlP());
        return out;
    }
}
