package org.livercast.bench;

import java.util.Locale;
import java.util.Map;

/** Prints a training report's missing-input rows ({@code missing_modalities}) under the model's own row. */
final class MissingInputs {
    private MissingInputs() {}

    /** The same model with each input hidden from every held-out patient (the report's missing_modalities). */
    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> report) {
        Map<String, Map<String, Object>> offsets = (Map<String, Map<String, Object>>) report.getOrDefault("absence_offsets", Map.of());
        ((Map<String, Map<String, Object>>) report.get("missing_modalities")).forEach((hidden, r) -> {
            Map<String, Object> reg = (Map<String, Object>) r.get("regression_on_the_rest");
            Map<String, Object> o = offsets.get(hidden);
            System.out.printf(Locale.ROOT, "  without %-28s %7.3f %7s %7.3f %7s %7.2f  (calibration in the large %.2f; offset %s; regression on the rest %s)%n",
                    hidden, r.get("auc"), "", r.get("c_index"), "", r.get("calibration_slope"), r.get("calibration_in_the_large"),
                    o == null ? "-" : String.format(Locale.ROOT, "%.2f, spread ×%.2f", o.get("log_odds"), o.getOrDefault("logit_scale", 1.0)),
                    reg == null ? "-" : String.format(Locale.ROOT, "AUC %.3f, C %.3f", reg.get("auc"), reg.get("c_index")));
        });
    }
}
