package org.livercast.study.analysis;

import static org.livercast.study.analysis.ReportHtml.esc;
import static org.livercast.study.analysis.ReportHtml.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.livercast.core.protocol.EndpointSpec;
import org.livercast.core.protocol.Protocol;
import org.livercast.stats.calibration.SurvivalCalibration;
import org.livercast.stats.plot.CalibrationPlot;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.SurvivalData;

/**
 * Calibration of the predicted survival curves each prediction stores: for each time-to-event endpoint, at its horizon
 * in whole years (P4's 3-year RFS, 5-year OS) or else at 2 years, the predicted risk 1 − S(t) of the PRE and POST
 * models against the observed 1 − Kaplan–Meier(t) — overall (calibration in the large) and by fifths of predicted risk
 * with the Kaplan–Meier 95% interval. The Kaplan–Meier counts a patient censored before t for the time they were
 * followed, so no one is dropped or counted as event-free.
 */
final class SurvivalCalibrationSection {
    private SurvivalCalibrationSection() {}

    static final int DEFAULT_YEARS = 2;

    static String html(Protocol p, List<AnalysisData.Row> rows) {
        List<EndpointSpec> endpoints = p.endpoints().stream().filter(e -> e.type().equals("rfs") || e.type().equals("os")).toList();
        if (endpoints.isEmpty()) return "";
        StringBuilder html = new StringBuilder("<section><h2>Time-to-event endpoints: calibration of the predicted survival</h2>"
                + "<table><tr><th>endpoint</th><th>patients</th><th>model</th><th>at</th><th>n</th><th>events by then</th>"
                + "<th>mean predicted risk</th><th>observed risk (1 − KM, 95% CI)</th></tr>");
        List<String> plots = new ArrayList<>();
        for (EndpointSpec e : endpoints) {
            List<AnalysisData.Row> in = EndpointData.rowsOf(e, rows);
            boolean rfs = e.type().equals("rfs");
            int years = e.horizonDays() == null ? DEFAULT_YEARS : Math.max(1, (int) Math.round(e.horizonDays() / 365.25));
            for (String model : new String[] {"PRE", "POST"}) {
                Function<AnalysisData.Row, AnalysisData.Score> score = model.equals("PRE") ? AnalysisData.Row::preScore : AnalysisData.Row::postScore;
                Function<AnalysisData.Score, List<Double>> curve = rfs ? AnalysisData.Score::rfsSurvivalByYear : AnalysisData.Score::osSurvivalByYear;
                List<AnalysisData.Row> scored = in.stream().filter(r -> score.apply(r) != null && curve.apply(score.apply(r)).size() >= years).toList();
                html.append("<tr><td>").append(esc(e.id())).append("</td><td>").append(e.cohort() == null ? "all analysed" : esc(e.cohort()) + " cohort")
                        .append("</td><td>").append(model).append("</td><td>").append(years).append(years == 1 ? " year" : " years").append("</td><td>")
                        .append(scored.size()).append("</td>");
                double months = years * 12.0;
                SurvivalData data = EndpointData.months(scored, rfs ? AnalysisData.Row::rfs : AnalysisData.Row::os, null);
                int events = 0;
                for (int i = 0; i < data.time().length; i++) if (data.event()[i] && data.time()[i] <= months) events++;
                if (scored.size() < 10 || events == 0) {
                    html.append("<td>").append(events).append("</td><td colspan=\"2\">not estimable: ")
                            .append(scored.size() < 10 ? scored.size() + " patients with a stored " + (rfs ? "RFS" : "OS") + " curve (needs 10)" : "no events by then")
                            .append("</td></tr>");
                    continue;
                }
                double[] risk = scored.stream().mapToDouble(r -> 1 - curve.apply(score.apply(r)).get(years - 1)).toArray();
                KaplanMeier.Curve km = KaplanMeier.fit(data);
                int at = lastAtOrBefore(km, months);
                double observed = at < 0 ? 0 : 1 - km.survival()[at];
                double lower = at < 0 ? 0 : 1 - km.upper95()[at];
                double upper = at < 0 ? 0 : 1 - km.lower95()[at];
                html.append("<td>").append(events).append("</td><td>").append(fmt(java.util.Arrays.stream(risk).average().orElse(Double.NaN), 3))
                        .append("</td><td>").append(fmt(observed, 3)).append(" (").append(fmt(lower, 3)).append("–").append(fmt(upper, 3)).append(")</td></tr>");
                int groups = Math.max(2, Math.min(5, events / 5));
                List<CalibrationPlot.Point> points = SurvivalCalibration.at(data, risk, months, groups).stream()
                        .map(g -> new CalibrationPlot.Point(g.meanPredicted(), g.observed(), g.observedLower95(), g.observedUpper95(), g.n())).toList();
                plots.add(CalibrationPlot.render(model + ": " + e.id() + " risk by " + years + (years == 1 ? " year" : " years")
                        + " (" + groups + " groups)", points, null, Double.NaN, Double.NaN, "risk"));
            }
        }
        html.append("</table><p class=\"note\">The models' RFS curves predict recurrence (a death censors); where the protocol counts a death as an "
                + "event too (PFS, P4's 3-year RFS), the observed risk includes deaths and is expected above the predicted one.</p>");
        // Two plots a row: PRE beside POST for the same endpoint.
        html.append("<div style=\"display:grid;grid-template-columns:1fr 1fr;gap:8px\">");
        plots.forEach(html::append);
        html.append("</div>");
        return html.append("</section>").toString();
    }

    private static int lastAtOrBefore(KaplanMeier.Curve km, double t) {
        int at = -1;
        for (int i = 0; i < km.size() && km.time()[i] <= t; i++) at = i;
        return at;
    }
}
