package org.livercast.study.analysis;

import static org.livercast.study.analysis.ReportHtml.esc;
import static org.livercast.study.analysis.ReportHtml.fmt;

import java.util.List;
import java.util.function.Function;
import org.livercast.core.protocol.EndpointSpec;
import org.livercast.core.protocol.Protocol;
import org.livercast.stats.math.Distributions;
import org.livercast.stats.survival.Concordance;
import org.livercast.stats.survival.SurvivalData;

/**
 * How well the PRE and POST models' risk scores order the patients on each of the protocol's time-to-event endpoints:
 * Harrell's C (the statistics engine's, which matches R's survival::concordance) with its standard error and a Wald 95%
 * interval kept within [0, 1] (a small cohort's C near 1 would otherwise print an upper limit above 1), in the cohort the endpoint names (P5's PFS and OS: the prognostic cohort) and to its horizon (P4's 3-year
 * RFS: follow-up beyond 1,095 days censored there). RFS endpoints are ranked by the RFS risk score, OS by the OS one.
 */
final class PrognosticDiscrimination {
    private PrognosticDiscrimination() {}

    static String html(Protocol p, List<AnalysisData.Row> rows) {
        List<EndpointSpec> endpoints = p.endpoints().stream().filter(e -> e.type().equals("rfs") || e.type().equals("os")).toList();
        if (endpoints.isEmpty()) return "";
        StringBuilder html = new StringBuilder("<section><h2>Time-to-event endpoints: discrimination (Harrell's C)</h2><table><tr><th>endpoint</th>"
                + "<th>patients</th><th>score</th><th>n</th><th>events</th><th>C (SE)</th><th>95% CI</th></tr>");
        for (EndpointSpec e : endpoints) {
            List<AnalysisData.Row> in = EndpointData.rowsOf(e, rows);
            boolean rfs = e.type().equals("rfs");
            for (String model : new String[] {"PRE", "POST"}) {
                Function<AnalysisData.Row, AnalysisData.Score> score = model.equals("PRE") ? AnalysisData.Row::preScore : AnalysisData.Row::postScore;
                Function<AnalysisData.Score, Double> risk = rfs ? AnalysisData.Score::rfsRisk : AnalysisData.Score::osRisk;
                List<AnalysisData.Row> scored = in.stream().filter(r -> score.apply(r) != null && risk.apply(score.apply(r)) != null).toList();
                SurvivalData data = EndpointData.months(scored, rfs ? AnalysisData.Row::rfs : AnalysisData.Row::os, e.horizonDays());
                int events = 0;
                for (boolean ev : data.event()) if (ev) events++;
                html.append("<tr><td>").append(esc(e.id())).append(" — ").append(esc(e.text())).append(e.horizonDays() == null ? "" : " (to day " + e.horizonDays() + ")")
                        .append("</td><td>").append(e.cohort() == null ? "all analysed" : esc(e.cohort()) + " cohort").append("</td><td>").append(model)
                        .append(rfs ? " RFS risk" : " OS risk").append("</td><td>").append(scored.size()).append("</td><td>").append(events).append("</td>");
                if (scored.size() < 2 || events == 0) {
                    html.append("<td colspan=\"2\">not estimable: ").append(scored.isEmpty() ? "no scored patient" : "no events").append("</td></tr>");
                    continue;
                }
                Concordance.Result c = Concordance.harrell(data, scored.stream().mapToDouble(r -> risk.apply(score.apply(r))).toArray(), null);
                double half = Distributions.Z_975 * c.standardError();
                html.append("<td>").append(fmt(c.concordance(), 3)).append(" (").append(fmt(c.standardError(), 3)).append(")</td><td>")
                        .append(fmt(Math.max(0, c.concordance() - half), 3)).append("–").append(fmt(Math.min(1, c.concordance() + half), 3)).append("</td></tr>");
            }
        }
        return html.append("</table><p class=\"note\">A higher risk score should mean an earlier event; C = 0.5 is chance. The interval is C ± 1.96 SE, kept within [0, 1]. A patient enters a row "
                + "when the model has scored them (predictions stored before the OS head carry no OS score).</p></section>").toString();
    }
}
