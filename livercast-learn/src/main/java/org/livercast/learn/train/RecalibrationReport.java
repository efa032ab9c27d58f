package org.livercast.learn.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.stats.calibration.BinaryCalibration;
import org.livercast.stats.plot.CalibrationPlot;

/**
 * {@code recalibration.html}: what a centre's data manager reads before using an updated model — the update and the
 * tests that chose it, the survival heads' shifts, and the calibration on the centre's later patients before and after.
 */
final class RecalibrationReport {
    private RecalibrationReport() {}

    /** @param before the later patients' probabilities from the model as it was, {@code after} from the updated one (null: too few) */
    static void write(Path out, Map<String, Object> report, boolean[] outcome, double[] before, double[] after) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LiverCast recalibration for ")
                .append(HtmlText.esc(report.get("centre"))).append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}.plots{display:flex;flex-wrap:wrap;gap:16px}</style></head><body>");
        html.append("<h1>").append(HtmlText.esc(String.valueOf(report.get("model")).toUpperCase(Locale.ROOT))).append(" model recalibrated for centre ")
                .append(HtmlText.esc(report.get("centre"))).append("</h1>");
        html.append("<p>Model <code>").append(HtmlText.esc(report.get("model_id"))).append("</code>, from <code>").append(HtmlText.esc(report.get("from_model_id")))
                .append("</code>; data cut-off ").append(HtmlText.esc(report.get("data_cutoff"))).append(".</p>");
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = (Map<String, Object>) report.get("update_patients");
        html.append("<h2>Update: ").append(HtmlText.esc(String.valueOf(report.get("method")).replace('_', ' '))).append(" (")
                .append("closed_test".equals(report.get("selection")) ? "chosen by the closed test at " + report.get("alpha") : "forced").append(")</h2>");
        html.append("<p>logit p' = ").append(fmt(report.get("intercept"))).append(" + ").append(fmt(report.get("slope")))
                .append(" × logit p, estimated on the first ").append(fit.get("n")).append(" evaluable patients (operated ")
                .append(HtmlText.esc(fit.get("first_surgery"))).append(" to ").append(HtmlText.esc(fit.get("last_surgery"))).append(", ").append(fit.get("events"))
                .append(" aggressive recurrences). On them the model had calibration in the large ").append(fmt(fit.get("calibration_in_the_large")))
                .append(" and slope ").append(fmt(fit.get("calibration_slope"))).append(".</p>");
        html.append("<table><tr><th>likelihood-ratio test</th><th>χ²</th><th>df</th><th>p</th></tr>");
        html.append("<tr><td>logistic recalibration vs the model</td><td>").append(fmt(fit.get("lr_logistic_vs_original"))).append("</td><td>2</td><td>")
                .append(fmtP(fit.get("p_logistic_vs_original"))).append("</td></tr>");
        html.append("<tr><td>logistic recalibration vs recalibration in the large</td><td>").append(fmt(fit.get("lr_logistic_vs_in_the_large")))
                .append("</td><td>1</td><td>").append(fmtP(fit.get("p_logistic_vs_in_the_large"))).append("</td></tr></table>");
        html.append("<h2>Survival heads</h2><p>Follow-up counted to 3 years after surgery.</p><table><tr><th>endpoint</th><th>patients</th><th>events</th><th>expected</th><th>O/E</th>"
                + "<th>shift θ (SE)</th><th>p</th><th>applied</th><th>later patients' O/E, before → after</th></tr>");
        for (String k : List.of("rfs", "os")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) report.get(k);
            @SuppressWarnings("unchecked")
            Map<String, Object> l = (Map<String, Object>) m.get("later_patients");
            html.append("<tr><td>").append(k.toUpperCase(Locale.ROOT)).append("</td><td>").append(m.get("patients")).append("</td><td>")
                    .append(m.get("events")).append("</td><td>").append(fmt(m.get("expected_events"))).append("</td><td>").append(fmt(m.get("observed_over_expected")))
                    .append("</td><td>").append(fmt(m.get("shift"))).append(m.containsKey("shift_se") ? " (" + fmt(m.get("shift_se")) + ")" : "")
                    .append("</td><td>").append(fmtP(m.get("p"))).append("</td><td>").append(fmt(m.get("applied_shift"))).append("</td><td>")
                    .append(l == null ? "–" : fmt(l.get("observed_over_expected_before")) + " → " + fmt(l.get("observed_over_expected_after")))
                    .append("</td></tr>");
        }
        html.append("</table>");
        @SuppressWarnings("unchecked")
        Map<String, Object> later = (Map<String, Object>) report.get("later_patients");
        html.append("<h2>The centre's later patients</h2>");
        if (after == null) {
            html.append("<p>").append(later.get("n")).append(" patients, ").append(later.get("events")).append(" events: ").append(HtmlText.esc(later.get("note"))).append("</p>");
        } else {
            html.append("<p>").append(later.get("n")).append(" evaluable patients operated ").append(HtmlText.esc(later.get("first_surgery"))).append(" to ")
                    .append(HtmlText.esc(later.get("last_surgery"))).append(", ").append(later.get("events")).append(" aggressive recurrences, not used for the "
                            + "update; AUC ").append(fmt(later.get("auc"))).append(" (the same before and after: the ranking does not change).</p>");
            html.append("<div class=\"plots\">").append(plot("Before the update", outcome, before)).append(plot("After the update", outcome, after)).append("</div>");
        }
        html.append("</body></html>\n");
        Files.writeString(out.resolve("recalibration.html"), html, StandardCharsets.UTF_8);
    }

    private static String plot(String title, boolean[] y, double[] p) {
        BinaryCalibration.Result cal = Evaluation.calibration(y, p);
        List<CalibrationPlot.Point> pts = cal.groups().stream()
                .map(g -> new CalibrationPlot.Point(g.meanPredicted(), g.observed(), Double.NaN, Double.NaN, g.n())).toList();
        return CalibrationPlot.render(title, pts, null, cal.slope(), cal.intercept(), "probability");
    }

    private static String fmt(Object v) {
        return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "–";
    }

    private static String fmtP(Object v) {
        return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? String.format(Locale.ROOT, "%.3g", n.doubleValue()) : "–";
    }

}
