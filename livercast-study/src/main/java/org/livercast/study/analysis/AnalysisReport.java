package org.livercast.study.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.TimeToEvent;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.ConfusionMetrics;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.plot.ForestPlot;
import org.livercast.stats.plot.KaplanMeierPlot;
import org.livercast.stats.plot.RocPlot;
import org.livercast.stats.survival.Cox;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.LogRank;
import org.livercast.stats.survival.SurvivalData;
import org.livercast.stats.survival.Ties;

/**
 * A protocol's endpoint analysis as one HTML document, every number from the statistics engine (which matches R on
 * its reference cases): population; Kaplan–Meier of RFS and OS by cohort and by PRE risk group with log-rank tests and
 * Cox hazard ratios; AUC (DeLong 95% CI), sensitivity and specificity of the PRE and POST scores at 0.5 for aggressive
 * recurrence within 2 years; Harrell's C of the PRE and POST risk scores for each time-to-event endpoint of the protocol
 * (RFS or PFS, OS) in the cohort it names; calibration of the PRE score and of the stored survival curves (predicted risk
 * by the endpoint's horizon against 1 − Kaplan–Meier); hazard ratios of high vs low PRE
 * risk in subgroups (centre, BCLC stage, neoadjuvant therapy) as a forest plot; grade ≥ 3 adverse events by cohort;
 * performance by centre; for a diagnostic study (P5), the diagnosis model against histology. A quantity the data cannot support is reported as such, with the reason.
 */
public final class AnalysisReport {
    private final AnalysisData d;
    private final StringBuilder html = new StringBuilder();

    private AnalysisReport(AnalysisData d) { this.d = d; }

    public static String html(AnalysisData d, String generatedAt) {
        return new AnalysisReport(d).render(generatedAt);
    }

    private String render(String generatedAt) {
        var p = d.protocol();
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(p.id())).append(" analysis</title><style>")
                .append("body{font:13px/1.4 system-ui,sans-serif;margin:24px;color:#111}h1{font-size:20px}h2{font-size:16px;margin-top:24px;border-bottom:1px solid #ccc}")
                .append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:left}th{background:#eef}")
                .append("svg{max-width:100%;height:auto}.note{color:#555}section{break-inside:avoid}</style></head><body>");
        html.append("<h1>").append(esc(p.id())).append(" — ").append(esc(p.title())).append("</h1><p class=\"note\">Protocol version ").append(esc(p.version()))
                .append("; generated ").append(esc(generatedAt)).append("; follow-up ").append(d.cutoffDays() == null ? "to the last data of each patient"
                        : "censored at " + d.cutoffDays() + " days after surgery").append(". Patients are pseudonymous; dates are days from surgery.</p>");
        population();
        List<AnalysisData.Row> rows = d.rows();
        if (rows.isEmpty()) return diagnostic().append("<p>No resected patient to analyse.</p></body></html>").toString();
        if (cohortsOverlap(rows)) survival("cohort", byCohort(rows), null, rows);
        else survivalBy("cohort", AnalysisData.Row::cohort, rows, java.util.Comparator.naturalOrder());
        List<AnalysisData.Row> scored = rows.stream().filter(r -> r.pre() != null).toList();
        // Low risk is the reference: the hazard ratio reads "high vs low".
        survivalBy("PRE risk group (≥ 0.5 high)", r -> r.pre() >= 0.5 ? "high" : "low", scored, java.util.Comparator.comparing((String g) -> !g.equals("low")));
        discrimination(rows);
        html.append(PrognosticDiscrimination.html(p, rows));
        calibration(rows);
        html.append(SurvivalCalibrationSection.html(p, rows));
        subgroups(scored);
        consistency(rows);
        safety(rows);
        byCentre(rows);
        return diagnostic().append("</body></html>").toString();
    }

    /** A diagnostic study (P5) names the pathological diagnosis as an endpoint: the diagnosis model is measured against it. */
    private StringBuilder diagnostic() {
        if (DiagnosticAccuracy.appliesTo(d.protocol())) html.append("<section>").append(DiagnosticAccuracy.html(d.protocol(), d.lesions())).append("</section>");
        return html;
    }

    private void population() {
        html.append("<section><h2>Population</h2><table><tr><th>screened</th><th>eligible</th><th>enrolled</th><th>analysed</th></tr><tr><td>")
                .append(d.screened()).append("</td><td>").append(d.eligible()).append("</td><td>").append(d.enrolled()).append("</td><td>").append(d.rows().size())
                .append("</td></tr></table><p class=\"note\">Analysed: ").append(switch (d.population()) {
                    case PROTOCOL -> d.enrolled() > 0 ? "the enrolled patients with surgery" : "the eligible patients with surgery (no enrolment recorded: a retrospective analysis)";
                    case ENROLLED -> "the enrolled patients with surgery";
                    case ELIGIBLE -> "the eligible patients with surgery";
                    case ALL -> "every stored patient with surgery, eligible or not (an exploratory analysis)";
                })
                .append(".</p>");
        html.append("<table><tr><th>cohort</th><th>n</th></tr>");
        byCohort(d.rows()).forEach((c, l) -> html.append("<tr><td>").append(esc(c)).append("</td><td>").append(l.size()).append("</td></tr>"));
        html.append("</table>");
        if (cohortsOverlap(d.rows())) html.append("<p class=\"note\">The protocol's cohorts overlap: a patient is counted in each cohort they are in.</p>");
        html.append("</section>");
    }

    /**
     * Each cohort's patients: a patient in several (P3's PRE and POST sets, P5's diagnostic set and its prognostic part)
     * is in each of them; a patient in none is under "(none)".
     */
    private static Map<String, List<AnalysisData.Row>> byCohort(List<AnalysisData.Row> rows) {
        Map<String, List<AnalysisData.Row>> by = new TreeMap<>();
        for (AnalysisData.Row r : rows) {
            for (String c : r.cohorts().isEmpty() ? List.of(r.cohort()) : r.cohorts()) by.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
        }
        return by;
    }

    /** Whether any analysed patient is in more than one cohort: then cohorts are analysis sets, not arms to compare. */
    static boolean cohortsOverlap(List<AnalysisData.Row> rows) { return rows.stream().anyMatch(r -> r.cohorts().size() > 1); }

    private void survivalBy(String what, Function<AnalysisData.Row, String> group, List<AnalysisData.Row> rows, java.util.Comparator<String> order) {
        Map<String, List<AnalysisData.Row>> by = new TreeMap<>(order);
        rows.forEach(r -> by.computeIfAbsent(group.apply(r), k -> new ArrayList<>()).add(r));
        survival(what, by, group, rows);
    }

    /**
     * RFS and OS, one Kaplan–Meier curve per group; with {@code group} (each patient in one group) the log-rank test and
     * Cox hazard ratios between them. Without it the groups overlap (cohorts that share patients): each curve describes
     * its group and nothing compares them — those tests need independent groups, and on the duplicated rows they would
     * count each shared patient twice and compare a cohort with itself.
     */
    private void survival(String what, Map<String, List<AnalysisData.Row>> by, Function<AnalysisData.Row, String> group, List<AnalysisData.Row> rows) {
        html.append("<section><h2>RFS and OS by ").append(esc(what)).append("</h2>");
        for (String endpoint : new String[] {"RFS", "OS"}) {
            Function<AnalysisData.Row, TimeToEvent> tte = endpoint.equals("RFS") ? AnalysisData.Row::rfs : AnalysisData.Row::os;
            List<KaplanMeierPlot.Group> curves = new ArrayList<>();
            for (var e : by.entrySet()) curves.add(new KaplanMeierPlot.Group(e.getKey() + " (n=" + e.getValue().size() + ")", KaplanMeier.fit(data(e.getValue(), tte))));
            double p = Double.NaN;
            String hr = "";
            if (group != null && by.size() >= 2) {
                SurvivalData all = data(rows, tte);
                String[] labels = rows.stream().map(group).toArray(String[]::new);
                p = LogRank.test(all, labels, null).p();
                hr = hazardRatios(all, labels, new ArrayList<>(by.keySet()));
            }
            html.append(KaplanMeierPlot.render(endpoint + " by " + what, curves, "months after surgery", endpoint.equals("RFS") ? "recurrence-free" : "alive", p, 60));
            if (group != null) html.append("<p>").append(endpoint).append(": log-rank p ").append(Double.isNaN(p) ? "not applicable (one group)" : fmt(p, 4)).append(hr).append("</p>");
        }
        if (group == null) html.append("<p class=\"note\">The cohorts overlap (a patient is in each cohort they are in), so each curve describes its cohort and no test "
                + "compares them.</p>");
        html.append("</section>");
    }

    /** Cox HR of each group against the first (reference), with 95% CI; monotone likelihood reported, not hidden. */
    private static String hazardRatios(SurvivalData all, String[] labels, List<String> groups) {
        int k = groups.size() - 1;
        double[][] x = new double[labels.length][k];
        for (int i = 0; i < labels.length; i++) {
            int g = groups.indexOf(labels[i]);
            if (g > 0) x[i][g - 1] = 1;
        }
        try {
            Cox.Fit fit = Cox.fit(all, x, null, Ties.EFRON);
            StringBuilder s = new StringBuilder("; Cox (Efron) vs " + groups.get(0) + ":");
            for (int j = 0; j < k; j++) {
                s.append(' ').append(groups.get(j + 1)).append(" HR ");
                if (fit.monotone().contains(j)) s.append("not estimable (no events in one group: monotone likelihood)");
                else s.append(fmt(fit.hazardRatio()[j], 2)).append(" (").append(fmt(fit.hrLower95()[j], 2)).append("–").append(fmt(fit.hrUpper95()[j], 2)).append(")");
            }
            return s.toString();
        } catch (RuntimeException e) {
            return "; Cox model not estimable: " + e.getMessage();
        }
    }

    private void discrimination(List<AnalysisData.Row> rows) {
        html.append("<section><h2>Aggressive recurrence within 2 years: discrimination</h2><table><tr><th>score</th><th>n evaluable</th><th>events</th>"
                + "<th>AUC (95% CI, DeLong)</th><th>sensitivity at 0.5</th><th>specificity at 0.5</th><th>PPV</th><th>NPV</th></tr>");
        List<RocPlot.Marker> markers = new ArrayList<>();
        for (String name : new String[] {"PRE", "POST"}) {
            Function<AnalysisData.Row, Double> score = name.equals("PRE") ? AnalysisData.Row::pre : AnalysisData.Row::post;
            List<AnalysisData.Row> ev = rows.stream().filter(r -> score.apply(r) != null && r.aggressive().value() != BinaryOutcome.Value.NOT_EVALUABLE).toList();
            int events = (int) ev.stream().filter(r -> r.aggressive().value() == BinaryOutcome.Value.YES).count();
            html.append("<tr><td>").append(name).append("</td><td>").append(ev.size()).append("</td><td>").append(events).append("</td>");
            if (events == 0 || events == ev.size()) {
                html.append("<td colspan=\"5\">not estimable: ").append(events == 0 ? "no" : "only").append(" patients with aggressive recurrence</td>");
            } else {
                BinaryData bd = binary(ev, score);
                Roc roc = Roc.of(bd);
                double[] ci = roc.aucCi95();
                ConfusionMetrics cm = ConfusionMetrics.at(bd, 0.5);
                markers.add(new RocPlot.Marker(name, roc));
                // DeLong's variance needs two patients of each outcome: with one, the interval is said to be missing, not printed as dashes.
                html.append("<td>").append(Double.isFinite(ci[0]) ? ReportHtml.withCi(roc.auc(), ci, 3)
                                : fmt(roc.auc(), 3) + " (no interval: one patient " + (events == 1 ? "with" : "without") + " aggressive recurrence)").append("</td><td>")
                        .append(fmt(cm.sensitivity(), 3)).append("</td><td>").append(fmt(cm.specificity(), 3)).append("</td><td>").append(fmt(cm.ppv(), 3))
                        .append("</td><td>").append(fmt(cm.npv(), 3)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        if (!markers.isEmpty()) html.append(RocPlot.render("ROC: aggressive recurrence within 2 years", markers));
        long locked = rows.stream().filter(AnalysisData.Row::preLocked).count();
        html.append("<p class=\"note\">PRE scores: ").append(locked).append(" of ").append(rows.size())
                .append(" are the prediction locked for this protocol; the rest the latest stored PRE prediction.</p></section>");
    }

    private void calibration(List<AnalysisData.Row> rows) {
        List<AnalysisData.Row> ev = rows.stream().filter(r -> r.pre() != null && r.aggressive().value() != BinaryOutcome.Value.NOT_EVALUABLE).toList();
        html.append("<section><h2>Calibration of the PRE score</h2>")
                .append(ReportHtml.calibration("PRE score: predicted vs observed aggressive recurrence", binary(ev, AnalysisData.Row::pre)))
                .append("</section>");
    }

    private void subgroups(List<AnalysisData.Row> rows) {
        html.append("<section><h2>Subgroups: RFS hazard ratio, high vs low PRE risk</h2>");
        Map<String, Predicate<AnalysisData.Row>> subsets = new LinkedHashMap<>();
        subsets.put("All patients", r -> true);
        rows.stream().map(AnalysisData.Row::centre).distinct().sorted().forEach(c -> subsets.put("Centre " + c, r -> r.centre().equals(c)));
        rows.stream().map(AnalysisData.Row::bclc).distinct().sorted().forEach(b -> subsets.put(b, r -> r.bclc().equals(b)));
        subsets.put("Neoadjuvant therapy", AnalysisData.Row::neoadjuvant);
        subsets.put("No neoadjuvant therapy", r -> !r.neoadjuvant());
        List<ForestPlot.Row> forest = new ArrayList<>();
        html.append("<table><tr><th>subgroup</th><th>n (high / low)</th><th>RFS events</th><th>HR (95% CI)</th></tr>");
        for (var e : subsets.entrySet()) {
            List<AnalysisData.Row> sub = rows.stream().filter(e.getValue()).toList();
            long high = sub.stream().filter(r -> r.pre() >= 0.5).count();
            long events = sub.stream().filter(r -> r.rfs().event()).count();
            String cell;
            if (high == 0 || high == sub.size() || events == 0) {
                cell = "not estimable (" + (events == 0 ? "no events" : "one risk group only") + ")";
            } else {
                double[][] x = sub.stream().map(r -> new double[] {r.pre() >= 0.5 ? 1 : 0}).toArray(double[][]::new);
                try {
                    Cox.Fit fit = Cox.fit(data(sub, AnalysisData.Row::rfs), x, null, Ties.EFRON);
                    if (fit.monotone().contains(0)) {
                        cell = "not estimable (monotone likelihood)";
                    } else {
                        cell = fmt(fit.hazardRatio()[0], 2) + " (" + fmt(fit.hrLower95()[0], 2) + "–" + fmt(fit.hrUpper95()[0], 2) + ")";
                        forest.add(new ForestPlot.Row(e.getKey(), fit.hazardRatio()[0], fit.hrLower95()[0], fit.hrUpper95()[0], high + "/" + (sub.size() - high)));
                    }
                } catch (RuntimeException ex) {
                    cell = "not estimable (" + esc(ex.getMessage()) + ")";
                }
            }
            html.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(high).append(" / ").append(sub.size() - high).append("</td><td>")
                    .append(events).append("</td><td>").append(cell).append("</td></tr>");
        }
        html.append("</table>");
        if (!forest.isEmpty()) html.append(ForestPlot.render("RFS: high vs low PRE risk", forest, "hazard ratio", "high risk better", "high risk worse"));
        html.append("</section>");
    }

    /**
     * P4's prospective comparison: patients whose actual adjuvant strategy is the one the therapy model recommended
     * (prediction-consistent) against the rest. Observational: the groups differ in who was treated how.
     */
    private void consistency(List<AnalysisData.Row> rows) {
        if (!AnalysisData.cohortsAreStrategies(d.protocol())) return;
        List<AnalysisData.Row> rec = rows.stream().filter(r -> r.recommendationConsistency() != null).toList();
        if (rec.isEmpty()) {
            html.append("<section><h2>Prediction-consistent vs inconsistent</h2><p>No stored recommendation of the "
                    + "therapy model for the analysed patients (livercast predict --model THERAPY_DIR --stored records them).</p></section>");
            return;
        }
        html.append("<section><h2>Prediction-consistent vs prediction-inconsistent treatment</h2>");
        Function<AnalysisData.Row, String> group = AnalysisData.Row::recommendationConsistency;
        long consistent = rec.stream().filter(r -> group.apply(r).equals("consistent")).count();
        html.append("<p>").append(consistent).append(" of ").append(rec.size()).append(" patients received the recommended strategy.</p>");
        html.append("<table><tr><th>group</th><th>n</th><th>recurrence within 3 years</th></tr>");
        for (String g : new String[] {"consistent", "inconsistent"}) {
            List<AnalysisData.Row> l = rec.stream().filter(r -> group.apply(r).equals(g)).toList();
            long ev = l.stream().filter(r -> r.recurrence3y().value() != BinaryOutcome.Value.NOT_EVALUABLE).count();
            long yes = l.stream().filter(r -> r.recurrence3y().value() == BinaryOutcome.Value.YES).count();
            html.append("<tr><td>").append(g).append("</td><td>").append(l.size()).append("</td><td>").append(yes).append(" / ").append(ev)
                    .append(" evaluable (").append(pct(yes, ev)).append(")</td></tr>");
        }
        html.append("</table>");
        html.append("</section>");
        // Low risk and "consistent" are the references: HRs read inconsistent vs consistent.
        survivalBy("prediction consistency", group, rec, java.util.Comparator.comparing((String g) -> !g.equals("consistent")));
    }

    private void safety(List<AnalysisData.Row> rows) {
        html.append("<section><h2>Safety: adverse events (CTCAE v5) by cohort</h2><table><tr><th>cohort</th><th>n</th><th>any grade ≥ 3</th><th>serious</th></tr>");
        byCohort(rows).forEach((c, l) -> {
            long g3 = l.stream().filter(r -> r.worstAdverseGrade() >= 3).count();
            long serious = l.stream().filter(AnalysisData.Row::seriousAdverseEvent).count();
            html.append("<tr><td>").append(esc(c)).append("</td><td>").append(l.size()).append("</td><td>").append(g3).append(" (").append(pct(g3, l.size()))
                    .append(")</td><td>").append(serious).append(" (").append(pct(serious, l.size())).append(")</td></tr>");
        });
        html.append("</table></section>");
    }

    private void byCentre(List<AnalysisData.Row> rows) {
        html.append("<section><h2>Performance by centre (drift)</h2><table><tr><th>centre</th><th>n evaluable</th><th>events</th><th>PRE AUC</th><th>mean PRE</th><th>observed rate</th></tr>");
        Map<String, List<AnalysisData.Row>> by = new TreeMap<>();
        rows.stream().filter(r -> r.pre() != null && r.aggressive().value() != BinaryOutcome.Value.NOT_EVALUABLE)
                .forEach(r -> by.computeIfAbsent(r.centre(), k -> new ArrayList<>()).add(r));
        by.forEach((c, l) -> {
            long events = l.stream().filter(r -> r.aggressive().value() == BinaryOutcome.Value.YES).count();
            String auc = events == 0 || events == l.size() ? "not estimable" : fmt(Roc.of(binary(l, AnalysisData.Row::pre)).auc(), 3);
            html.append("<tr><td>").append(esc(c)).append("</td><td>").append(l.size()).append("</td><td>").append(events).append("</td><td>").append(auc)
                    .append("</td><td>").append(fmt(l.stream().mapToDouble(AnalysisData.Row::pre).average().orElse(Double.NaN), 3)).append("</td><td>")
                    .append(fmt((double) events / l.size(), 3)).append("</td></tr>");
        });
        html.append("</table></section>");
    }

    private static BinaryData binary(List<AnalysisData.Row> rows, Function<AnalysisData.Row, Double> score) {
        boolean[] y = new boolean[rows.size()];
        double[] m = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).aggressive().value() == BinaryOutcome.Value.YES;
            m[i] = score.apply(rows.get(i));
        }
        return new BinaryData(y, m);
    }

    private static SurvivalData data(List<AnalysisData.Row> rows, Function<AnalysisData.Row, TimeToEvent> f) {
        return EndpointData.months(rows, f, null);
    }

    private static String pct(long a, long n) { return ReportHtml.pct(a, n); }

    private static String fmt(double v, int digits) { return ReportHtml.fmt(v, digits); }

    private static String esc(Object o) { return ReportHtml.esc(o); }
}
