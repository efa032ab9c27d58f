package org.livercast.learn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.calibration.BinaryCalibration;
import org.livercast.stats.plot.CalibrationPlot;
import org.livercast.stats.plot.KaplanMeierPlot;
import org.livercast.stats.plot.RocPlot;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.LogRank;
import org.livercast.stats.survival.SurvivalData;

/**
 * Writes {@code report.json} (every number, machine-readable) and {@code report.html} (loss curves, ROC against the
 * oracle, calibration, Kaplan–Meier by predicted risk group, the baseline table) for a training run.
 */
final class TrainingReport {
    private TrainingReport() {}

    static void write(Path out, Map<String, Object> report, HeldOut h) throws IOException {
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("report.json").toFile(), report);
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>LiverCast ").append(report.get("model"))
                .append(" model</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}.plots{display:flex;flex-wrap:wrap;gap:16px}</style></head><body>");
        html.append("<h1>").append(String.valueOf(report.get("model")).toUpperCase(Locale.ROOT)).append(" model — held-out centre ")
                .append(report.get("heldout_centre")).append("</h1>");
        html.append("<p>Model <code>").append(report.get("model_id")).append("</code>, trained on ").append(report.get("training_centres"))
                .append(" (").append(report.get("n_fit")).append(" fit, ").append(report.get("n_validation"))
                .append(report.containsKey("folds") ? " validation per network, each on a different one of " + report.get("folds") + " folds" : " validation").append("); measured on ")
                .append(report.get("n_heldout_hcc")).append(" resected HCC patients of the held-out centre (")
                .append(report.get("n_heldout_evaluable")).append(" evaluable for aggressive recurrence).</p>");
        if (report.get("tile_encoder") instanceof Map<?, ?> tiles) {
            html.append("<p>Slides read by tile encoder <code>").append(HtmlText.esc(String.valueOf(tiles.get("id")))).append("</code> (")
                    .append(tiles.get("dimension")).append(" features a tile")
                    .append(tiles.get("source") instanceof org.livercast.learn.slide.TileEncoderSource s ? ", from <code>" + HtmlText.esc(s.file()) + "</code>" : ", built in")
                    .append("; at most ").append(tiles.get("max_tiles_per_slide")).append(" tiles a training slide).</p>");
        }
        html.append("<table><tr><th>model</th><th>AUC, aggressive recurrence at 2 y</th><th>C-index, RFS</th>"
                + "<th>network − this: AUC (paired DeLong p)</th><th>network − this: C (paired bootstrap 95% CI)</th></tr>");
        row(html, "network (fusion)", report.get("auc"), report.get("c_index"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> baselines = (Map<String, Map<String, Object>>) report.get("baselines");
        baselines.forEach((name, m) -> {
            html.append("<tr><td>").append(name).append(" (logistic / Cox)</td><td>").append(fmt(m.get("auc"))).append("</td><td>")
                    .append(fmt(m.get("c_index"))).append("</td><td>").append(signed(m.get("model_minus_baseline_auc"))).append(" (p ").append(fmt(m.get("model_minus_baseline_auc_p")))
                    .append(")</td><td>").append(signed(m.get("model_minus_baseline_c_index"))).append(" (").append(ci(m.get("model_minus_baseline_c_index_ci95")))
                    .append(")</td></tr>");
        });
        if (report.containsKey("oracle_auc")) row(html, "oracle (true risk)", report.get("oracle_auc"), report.get("oracle_c_index"));
        html.append("</table><p>Calibration on the held-out centre: slope ").append(fmt(report.get("calibration_slope")))
                .append(", in-the-large ").append(fmt(report.get("calibration_in_the_large"))).append(", Brier ").append(fmt(report.get("brier")))
                .append(".</p>");
        html.append(missingModalities(report));
        html.append("<div class=\"plots\">");
        @SuppressWarnings("unchecked")
        Map<String, Object> training = (Map<String, Object>) report.get("training");
        @SuppressWarnings("unchecked")
        List<Double> tl = (List<Double>) training.get("train_loss");
        @SuppressWarnings("unchecked")
        List<Double> vl = (List<Double>) training.get("validation_loss");
        html.append(lossCurves(tl, vl, (int) training.get("best_epoch")));
        if (!Double.isNaN((double) report.get("auc"))) {
            List<RocPlot.Marker> markers = new ArrayList<>(List.of(new RocPlot.Marker("network", Roc.of(new BinaryData(h.outcome(), h.probability())))));
            if (h.oracleProbability() != null) markers.add(new RocPlot.Marker("oracle", Roc.of(new BinaryData(h.outcome(), h.oracleProbability()))));
            html.append(RocPlot.render("Aggressive recurrence within 2 years", markers));
            BinaryCalibration.Result cal = Evaluation.calibration(h.outcome(), h.probability());
            List<CalibrationPlot.Point> pts = cal.groups().stream()
                    .map(g -> new CalibrationPlot.Point(g.meanPredicted(), g.observed(), Double.NaN, Double.NaN, g.n())).toList();
            html.append(CalibrationPlot.render("Calibration, held-out centre", pts, null, cal.slope(), cal.intercept(), "probability"));
        }
        html.append(kmByRisk(h));
        html.append("</div></body></html>\n");
        Files.writeString(out.resolve("report.html"), html, StandardCharsets.UTF_8);
    }

    /** The missing-modality rows: the same network with inputs hidden, beside the regression on what is left. */
    @SuppressWarnings("unchecked")
    private static String missingModalities(Map<String, Object> report) {
        Map<String, Map<String, Object>> rows = (Map<String, Map<String, Object>>) report.get("missing_modalities");
        if (rows == null || rows.isEmpty()) return "";
        Map<String, Map<String, Object>> offsets = (Map<String, Map<String, Object>>) report.getOrDefault("absence_offsets", Map.of());
        StringBuilder t = new StringBuilder("<h2>When a modality is missing</h2><p>The same model on the same held-out patients with an input "
                + "hidden from every one of them (as for a patient without it), beside the logistic / Cox regression on the tabular "
                + "features that are left. For the inputs missing the model spreads the logit by a rescaling and adds an absence "
                + "offset, both estimated on the training patients' out-of-fold predictions with those inputs hidden.</p><table><tr><th>missing</th><th>AUC</th>"
                + "<th>C-index, RFS</th><th>calibration slope</th><th>in-the-large</th><th>absence offset, log-odds</th><th>rescaling</th>"
                + "<th>regression on the rest: AUC</th><th>C-index</th></tr>");
        rows.forEach((hidden, r) -> {
            Map<String, Object> reg = (Map<String, Object>) r.get("regression_on_the_rest");
            // The combination's own correction when the model has one, else its inputs' composed.
            double offset = 0;
            double scale = 1;
            for (String name : offsets.containsKey(hidden) ? new String[] {hidden} : hidden.split("\\+")) {
                Map<String, Object> o = offsets.get(name);
                if (o != null) offset += ((Number) o.get("log_odds")).doubleValue();
                if (o != null && o.get("logit_scale") instanceof Number f) scale *= f.doubleValue();
            }
            t.append("<tr><td>").append(hidden.replace("+", " and ")).append("</td><td>").append(fmt(r.get("auc"))).append("</td><td>")
                    .append(fmt(r.get("c_index"))).append("</td><td>").append(fmt(r.get("calibration_slope"))).append("</td><td>")
                    .append(fmt(r.get("calibration_in_the_large"))).append("</td><td>").append(fmt(offset)).append("</td><td>").append(fmt(scale))
                    .append("</td><td>")
                    .append(reg == null ? "–" : fmt(reg.get("auc")))
                    .append("</td><td>").append(reg == null ? "–" : fmt(reg.get("c_index"))).append("</td></tr>");
        });
        return t.append("</table>").toString();
    }

    private static void row(StringBuilder html, String name, Object auc, Object c) {
        html.append("<tr><td>").append(name).append("</td><td>").append(fmt(auc)).append("</td><td>").append(fmt(c)).append("</td></tr>");
    }

    private static String signed(Object v) {
        return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? String.format(Locale.ROOT, "%+.3f", n.doubleValue()) : "–";
    }

    private static String ci(Object v) {
        return v instanceof List<?> l && l.size() == 2 ? fmt(l.get(0)) + " to " + fmt(l.get(1)) : "–";
    }

    private static String fmt(Object v) {
        return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "–";
    }

    /** RFS of the held-out HCC patients split at the median predicted risk score, with the log-rank p. */
    private static String kmByRisk(HeldOut h) {
        int n = h.risk().length;
        if (n < 4) return "";
        double[] sorted = h.risk().clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[n / 2];
        String[] group = new String[n];
        for (int i = 0; i < n; i++) group[i] = h.risk()[i] >= median ? "higher predicted risk" : "lower predicted risk";
        SurvivalData all = new SurvivalData(h.rfsDays(), h.rfsEvent());
        List<KaplanMeierPlot.Group> groups = new ArrayList<>();
        for (String g : List.of("lower predicted risk", "higher predicted risk")) {
            int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> group[i].equals(g)).toArray();
            if (rows.length > 0) groups.add(new KaplanMeierPlot.Group(g, KaplanMeier.fit(all.subset(rows))));
        }
        double p = groups.size() == 2 ? LogRank.test(all, group, null).p() : Double.NaN;
        return KaplanMeierPlot.render("Recurrence-free survival by predicted risk", groups, "Days since surgery", "Recurrence-free", p, 1825);
    }

    static String lossCurves(List<Double> train, List<Double> val, int best) {
        double w = 420;
        double hgt = 300;
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (List<Double> l : List.of(train, val)) for (double v : l) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">"
                        + "<text x=\"10\" y=\"18\" font-size=\"14\">Loss per epoch (best epoch %d marked)</text>"
                        + "<rect x=\"50\" y=\"30\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>", w, hgt, best, w - 70, hgt - 70));
        int epochs = Math.max(2, train.size());
        String[] colours = {"#1f77b4", "#d62728"};
        int c = 0;
        for (List<Double> l : List.of(train, val)) {
            s.append("<polyline fill=\"none\" stroke=\"").append(colours[c++]).append("\" stroke-width=\"1.5\" points=\"");
            for (int i = 0; i < l.size(); i++) {
                double x = 50 + (w - 70) * i / (epochs - 1.0);
                double y = 30 + (hgt - 70) * (1 - (l.get(i) - min) / Math.max(1e-9, max - min));
                s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            s.append("\"/>");
        }
        double bx = 50 + (w - 70) * best / (epochs - 1.0);
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"30\" y2=\"%.0f\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>", bx, bx, hgt - 40));
        s.append(String.format(Locale.ROOT, "<text x=\"60\" y=\"%.0f\" fill=\"#1f77b4\">training</text><text x=\"140\" y=\"%.0f\" fill=\"#d62728\">validation</text>"
                + "<text x=\"50\" y=\"%.0f\">epoch 0 … %d; loss %.3f … %.3f</text></svg>", hgt - 20, hgt - 20, hgt - 5, epochs - 1, min, max));
        return s.toString();
    }
}
