package org.livercast.learn.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html} for the therapy and diagnosis runs: a title, a one-line reading guide, the run's figures (SVG:
 * loss curves, ROC, calibration, Kaplan–Meier, policy values) and every number of report.json as nested tables, so a
 * clinician can open the run without a JSON viewer. PRE and POST have their own report ({@link TrainingReport}).
 */
final class SummaryReport {
    private SummaryReport() {}

    static void write(Path out, String title, String guide, Map<String, Object> report, List<String> figures) throws IOException {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(HtmlText.esc(title))
                .append("</title><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;"
                        + "margin:4px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}</style></head><body>");
        html.append("<h1>").append(HtmlText.esc(title)).append("</h1><p>").append(HtmlText.esc(guide)).append("</p>");
        html.append("<div class=\"plots\" style=\"display:flex;flex-wrap:wrap;gap:12px\">");
        for (String svg : figures) html.append("<figure style=\"margin:0\">").append(svg).append("</figure>");
        html.append("</div>");
        table(html, report);
        html.append("</body></html>\n");
        Files.writeString(out.resolve("report.html"), html, StandardCharsets.UTF_8);
    }

    private static void table(StringBuilder html, Map<?, ?> map) {
        html.append("<table>");
        for (Map.Entry<?, ?> e : map.entrySet()) {
            html.append("<tr><th>").append(HtmlText.esc(String.valueOf(e.getKey()))).append("</th><td>");
            value(html, e.getValue());
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void value(StringBuilder html, Object v) {
        if (v instanceof Map<?, ?> m) {
            table(html, m);
        } else if (v instanceof List<?> l && l.size() > 12) {
            html.append(l.size()).append(" values");
        } else if (v instanceof List<?> l) {
            html.append(String.join(", ", l.stream().map(SummaryReport::format).toList()));
        } else {
            html.append(HtmlText.esc(format(v)));
        }
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v instanceof Float f ? String.format(Locale.ROOT, "%.3f", f)
                : String.valueOf(v);
    }
}
