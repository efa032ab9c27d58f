package org.livercast.app.web;

import io.javalin.Javalin;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.RfsEvents;
import org.livercast.core.endpoint.TimeToEvent;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.protocol.CriterionResult;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;
import org.livercast.core.protocol.ScreeningResult;
import org.livercast.stats.plot.KaplanMeierPlot;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.LogRank;
import org.livercast.stats.survival.SurvivalData;
import org.livercast.study.access.Role;
import org.livercast.study.analysis.AnalysisData;
import org.livercast.study.analysis.DiagnosticAccuracy;
import org.livercast.study.analysis.AnalysisExport;
import org.livercast.study.ops.Enrolments;
import org.livercast.study.ops.FollowUpStatus;

/**
 * A protocol's dashboard: screening decisions and failures by criterion, enrolment, missed follow-up visits, and RFS
 * by cohort (Kaplan–Meier with log-rank). Site staff see their centre; statisticians and administrators every centre;
 * a statistician sees counts and curves, never a patient's pseudonym. Each patient is screened as of the last date
 * their data reach (dates in the store are days from surgery, so there is no common calendar "today").
 */
final class StudyRoutes {
    private final PatientData data;

    StudyRoutes(PatientData data) { this.data = data; }

    void register(Javalin app) {
        app.get("/study/{protocol}", ctx -> {
            WebUser u = WebServer.user(ctx);
            Protocol p = Protocols.bundled().find(ctx.pathParam("protocol")).orElseThrow(() -> HttpError.notFound("protocol " + ctx.pathParam("protocol")));
            ctx.html(Html.page(p.id() + " study", u, render(u, p)));
        });
        app.get("/study/{protocol}/analysis.csv", this::analysisCsv);
    }

    /**
     * The de-identified analysis data set (statistician or administrator): one row per patient of the population,
     * subject codes instead of pseudonyms, days from surgery; {@code cutoffDays} and {@code population} as in
     * {@code livercast analyse}. The export is audited.
     */
    private void analysisCsv(io.javalin.http.Context ctx) {
        WebUser u = WebServer.user(ctx);
        Role role = u.user().role();
        if (role != Role.STATISTICIAN && role != Role.ADMINISTRATOR) {
            throw HttpError.forbidden("the analysis data set is for statisticians and administrators; " + u.user().username() + " is a " + role.id());
        }
        Protocol p = Protocols.bundled().find(ctx.pathParam("protocol")).orElseThrow(() -> HttpError.notFound("protocol " + ctx.pathParam("protocol")));
        String cutoffParam = ctx.queryParam("cutoffDays");
        Integer cutoff;
        try {
            cutoff = cutoffParam == null || cutoffParam.isBlank() ? null : Integer.valueOf(cutoffParam.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cutoffDays = '" + cutoffParam + "': a whole number of days after surgery");
        }
        if (cutoff != null && cutoff < 0) throw new IllegalArgumentException("cutoffDays = " + cutoff + ": must not be negative");
        AnalysisData.Population population = AnalysisData.Population.parse(ctx.queryParam("population") == null ? "protocol" : ctx.queryParam("population"));
        AnalysisData d = AnalysisData.collect(data.db.jdbi(), p, cutoff, null, population);
        data.audit.append(u.user().username(), "analysis.export", "protocol " + p.id(),
                "{\"rows\":" + d.rows().size() + ",\"population\":\"" + population.name().toLowerCase(Locale.ROOT) + "\",\"cutoffDays\":" + cutoff + "}");
        ctx.header("Content-Disposition", "attachment; filename=\"" + p.id() + "-analysis.csv\"").contentType("text/csv; charset=utf-8")
                .result(AnalysisExport.csv(d));
    }

    private String render(WebUser u, Protocol p) {
        String scope = u.user().role() == Role.ADMINISTRATOR || u.user().role() == Role.STATISTICIAN ? null : u.user().centreId();
        boolean showIds = u.user().role() != Role.STATISTICIAN;
        // One screening of each patient, as the analysis does it (no screening event is written for looking): the
        // dashboard's counts and the analysis' population come from the same evaluation.
        AnalysisData d = AnalysisData.collect(data.db.jdbi(), p, null, scope, AnalysisData.Population.PROTOCOL);
        Map<String, Integer> decisions = new TreeMap<>();
        Map<String, int[]> failures = new LinkedHashMap<>();
        for (AnalysisData.Screened screened : d.screenings()) {
            ScreeningResult res = screened.result();
            decisions.merge(res.decision().name().toLowerCase(Locale.ROOT).replace('_', ' '), 1, Integer::sum);
            for (CriterionResult c : res.criteria()) {
                if (c.excludes()) failures.computeIfAbsent(c.criterionId() + " " + c.text(), x -> new int[1])[0]++;
            }
        }
        // Safety and survival describe the study's population, as the analysis does (AnalysisData.Population.PROTOCOL):
        // the enrolled patients once there are any, else the eligible ones — not everyone screened.
        Map<String, List<double[]>> byCohort = new TreeMap<>();
        Map<String, int[]> safety = new TreeMap<>();                    // cohort -> {patients, any grade >= 3, serious}
        boolean cohortsOverlap = false;                                 // P3's PRE and POST sets, P5's diagnostic and prognostic
        for (AnalysisData.Row row : d.rows()) {
            if (row.cohorts().size() > 1) cohortsOverlap = true;
            TimeToEvent t = row.rfs();
            for (String cohort : row.cohorts()) {
                byCohort.computeIfAbsent(cohort, x -> new ArrayList<>()).add(new double[] {t.days() / 30.4375, t.event() ? 1 : 0});
                int[] c = safety.computeIfAbsent(cohort, x -> new int[3]);
                c[0]++;
                if (row.worstAdverseGrade() >= 3) c[1]++;
                if (row.seriousAdverseEvent()) c[2]++;
            }
        }
        List<Enrolments.Enrolment> enrolled = data.enrolments.enrolled(p.id(), scope);
        Map<String, LocalDate> surgeries = new java.util.HashMap<>();   // centre/patient -> surgery, for days from surgery
        List<String> missed = new ArrayList<>();
        for (Enrolments.Enrolment e : enrolled) {
            PatientRecord r = data.patients.find(e.centreId(), e.patientId()).map(data.events::merged).orElse(null);
            if (r == null || r.surgeryDate().isEmpty()) continue;
            surgeries.put(e.centreId() + "/" + e.patientId(), r.surgeryDate().get());
            LocalDate lastContact = r.events().stream().map(TimelineEvent::date).max(LocalDate::compareTo).orElse(r.surgeryDate().get());
            long count = FollowUpStatus.of(p.followUp(), r, lastContact, data.events.lostToFollowUp(e.centreId(), e.patientId()).orElse(null)).stream()
                    .filter(v -> v.state() == FollowUpStatus.State.OVERDUE).count();
            // The pseudonym already names the centre (C01-…); a statistician sees the centre only.
            String who = showIds ? "<a href=\"/patients/" + Html.esc(e.centreId()) + "/" + Html.esc(e.patientId()) + "\">" + Html.esc(e.patientId()) + "</a>"
                    : "a patient of " + Html.esc(e.centreId());
            if (count > 0) missed.add(who + ": " + count + (count == 1 ? " visit" : " visits") + " missed");
        }
        int n = d.screened();
        int analysed = d.rows().size();
        boolean noneEnrolled = d.enrolled() == 0;
        StringBuilder s = new StringBuilder("<h1>").append(Html.esc(p.id())).append(" — ").append(Html.esc(p.title())).append("</h1>");
        s.append("<p class=\"muted\">").append(Html.esc(p.design())).append(p.targetEnrolment() == null ? "" : "; target " + p.targetEnrolment())
                .append(". ").append(scope == null ? "All centres" : "Centre " + Html.esc(scope)).append(", ").append(n).append(" patients screened.</p>");
        s.append("<p class=\"noprint\">");
        for (Protocol other : Protocols.bundled().all()) s.append("<a href=\"/study/").append(other.id()).append("\">").append(other.id()).append("</a> ");
        if (u.user().role() == Role.STATISTICIAN || u.user().role() == Role.ADMINISTRATOR) {
            s.append(" · <a id=\"analysis-csv\" href=\"/study/").append(p.id()).append("/analysis.csv\">Analysis data set (CSV, de-identified)</a>");
        }
        s.append("</p><div class=\"grid\"><section class=\"card\" aria-labelledby=\"scr\"><h2 id=\"scr\">Screening</h2><table id=\"screening\"><tbody>");
        decisions.forEach((decision, c) -> s.append("<tr><th scope=\"row\">").append(Html.esc(decision)).append("</th><td>").append(c).append("</td></tr>"));
        s.append("</tbody></table><h3>Criteria that excluded patients</h3><p class=\"muted\">An inclusion criterion not met or an exclusion criterion that applies; a patient may count under several.</p><table><tbody>");
        if (failures.isEmpty()) s.append("<tr><td>none</td></tr>");
        failures.forEach((c, k) -> s.append("<tr><td>").append(Html.esc(c)).append("</td><td>").append(k[0]).append("</td></tr>"));
        s.append("</tbody></table></section>");
        s.append("<section class=\"card\" aria-labelledby=\"enr\"><h2 id=\"enr\">Enrolment and follow-up</h2><p id=\"enrolled-count\">").append(enrolled.size()).append(" enrolled")
                .append(p.targetEnrolment() == null ? "" : " of a target of " + p.targetEnrolment()).append(".</p>");
        if (showIds && !enrolled.isEmpty()) {
            s.append("<ul>");
            enrolled.forEach(e -> s.append("<li><a href=\"/patients/").append(Html.esc(e.centreId())).append('/').append(Html.esc(e.patientId())).append("\">")
                    .append(Html.esc(e.patientId())).append("</a> consented ").append(consentDay(e, surgeries)).append("</li>"));
            s.append("</ul>");
        }
        s.append("<h3>Missed follow-up visits</h3>").append(missed.isEmpty() ? "<p>None.</p>" : "<ul id=\"missed-visits\"><li>" + String.join("</li><li>", missed) + "</li></ul>");
        s.append("</section></div>");
        String population = noneEnrolled ? analysed + " eligible patients with surgery (none enrolled yet)" : analysed + " enrolled patients with surgery";
        s.append("<section class=\"card\" aria-labelledby=\"safety\"><h2 id=\"safety\">Safety</h2><p class=\"muted\" id=\"population\">Population: ")
                .append(population).append(".</p><table id=\"safety-table\"><thead><tr><th scope=\"col\">Cohort</th>"
                + "<th scope=\"col\">Patients</th><th scope=\"col\">Any grade ≥ 3 adverse event</th><th scope=\"col\">Serious</th></tr></thead><tbody>");
        safety.forEach((c, k) -> s.append("<tr><td>").append(Html.esc(Html.cohort(c))).append("</td><td>").append(k[0]).append("</td><td>").append(k[1])
                .append(" (").append(k[0] == 0 ? "–" : Math.round(100.0 * k[1] / k[0]) + "%").append(")</td><td>").append(k[2]).append("</td></tr>"));
        s.append("</tbody></table></section>");
        s.append("<section class=\"card\" aria-labelledby=\"km\"><h2 id=\"km\">").append(AnalysisData.rfsName(p).equals("PFS") ? "Progression-free" : "Recurrence-free")
                .append(" survival by cohort</h2>").append(km(byCohort, AnalysisData.rfsEvents(p), AnalysisData.rfsName(p), cohortsOverlap)).append("</section>");
        s.append(consistency(d.rows(), p));
        if (DiagnosticAccuracy.appliesTo(p)) {
            // A diagnostic study's primary endpoint: the stored readings against histology, on the same population as the analysis.
            s.append("<section class=\"card\" aria-labelledby=\"diagnostic-accuracy\">").append(DiagnosticAccuracy.html(p, d.lesions())).append("</section>");
        }
        return s.toString();
    }

    /**
     * P4's prospective comparison, as the analysis makes it: patients who received the strategy the therapy model
     * recommended (prediction-consistent) against the rest — counts, recurrence within 3 years and RFS with log-rank
     * (two separate groups). For a protocol whose cohorts are the adjuvant strategies; observational, so the groups also
     * differ in who was treated how.
     */
    private static String consistency(List<AnalysisData.Row> rows, Protocol p) {
        if (!AnalysisData.cohortsAreStrategies(p)) return "";
        List<AnalysisData.Row> known = rows.stream().filter(r -> r.recommendationConsistency() != null).toList();
        if (known.isEmpty()) {
            return "<section class=\"card\" aria-labelledby=\"consistency\"><h2 id=\"consistency\">Prediction-consistent vs inconsistent treatment</h2>"
                    + "<p>No stored recommendation of the therapy model for the analysed patients yet (<code>livercast predict --model THERAPY --stored</code> records them).</p></section>";
        }
        Map<String, List<double[]>> byGroup = new TreeMap<>();
        Map<String, long[]> recurrence = new TreeMap<>();            // group -> {recurred within 3 years, evaluable}
        recurrence.put("consistent", new long[2]);                   // both rows shown, an empty group too ("0 patients")
        recurrence.put("inconsistent", new long[2]);
        for (AnalysisData.Row r : known) {
            String group = r.recommendationConsistency();
            byGroup.computeIfAbsent(group, x -> new ArrayList<>()).add(new double[] {r.rfs().days() / 30.4375, r.rfs().event() ? 1 : 0});
            long[] c = recurrence.get(group);
            if (r.recurrence3y().value() != BinaryOutcome.Value.NOT_EVALUABLE) c[1]++;
            if (r.recurrence3y().value() == BinaryOutcome.Value.YES) c[0]++;
        }
        int consistent = byGroup.getOrDefault("consistent", List.of()).size();
        StringBuilder s = new StringBuilder("<section class=\"card\" aria-labelledby=\"consistency\"><h2 id=\"consistency\">Prediction-consistent vs inconsistent treatment</h2>");
        s.append("<p id=\"consistency-count\">").append(consistent).append(" of ").append(known.size())
                .append(" patients received the strategy the therapy model recommended (observational: physicians decided).</p>");
        s.append("<table id=\"consistency-table\"><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Patients</th><th scope=\"col\">Recurrence within 3 years</th></tr></thead><tbody>");
        recurrence.forEach((g, c) -> s.append("<tr><td>").append(g).append("</td><td>").append(byGroup.getOrDefault(g, List.of()).size()).append("</td><td>").append(c[0]).append(" / ")
                .append(c[1]).append(" evaluable (").append(c[1] == 0 ? "–" : Math.round(100.0 * c[0] / c[1]) + "%").append(")</td></tr>"));
        s.append("</tbody></table>").append(km(byGroup, AnalysisData.rfsEvents(p), AnalysisData.rfsName(p), false)).append("</section>");
        return s.toString();
    }

    /** "day -16" (days from the patient's surgery, the store's convention for dates), or the date when surgery is unknown. */
    private static String consentDay(Enrolments.Enrolment e, Map<String, LocalDate> surgeries) {
        LocalDate surgery = surgeries.get(e.centreId() + "/" + e.patientId());
        if (surgery == null) return "on " + Html.esc(String.valueOf(e.consentDate()));
        long days = java.time.temporal.ChronoUnit.DAYS.between(surgery, e.consentDate());
        return "day " + days;
    }

    /**
     * Kaplan–Meier by cohort, with the log-rank p when the cohorts are separate groups; when they overlap (a patient in
     * several) each curve describes its cohort and no test compares them — the same patients on both sides.
     */
    private static String km(Map<String, List<double[]>> byCohort, RfsEvents events, String name, boolean overlap) {
        List<KaplanMeierPlot.Group> groups = new ArrayList<>();
        List<double[]> all = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> tooSmall = new ArrayList<>();
        for (var e : byCohort.entrySet()) {
            if (e.getValue().size() < 2) {
                tooSmall.add(Html.cohort(e.getKey()) + " (n=" + e.getValue().size() + ")");
                continue;
            }
            groups.add(new KaplanMeierPlot.Group(Html.cohort(e.getKey()) + " (n=" + e.getValue().size() + ")", KaplanMeier.fit(data(e.getValue()))));
            for (double[] x : e.getValue()) {
                all.add(x);
                labels.add(e.getKey());
            }
        }
        if (groups.isEmpty()) return "<p>Not enough patients with surgery in any cohort yet.</p>";
        double pValue = Double.NaN;
        if (groups.size() > 1 && !overlap) pValue = LogRank.test(data(all), labels.toArray(String[]::new), null).p();
        // The protocol's own definition and name: P1's and P3's RFS censor a death, P2's and P4's RFS and P5's PFS count it.
        String title = name + (events == RfsEvents.RECURRENCE ? " (recurrence; death censors)" : " (recurrence or death)");
        String plot = KaplanMeierPlot.render(title, groups, "months after surgery", name.equals("PFS") ? "progression-free" : "recurrence-free", pValue, 36);
        // A cohort of one patient has no curve worth drawing and stays out of the test too: said, so no one looks for it.
        String missing = tooSmall.isEmpty() ? "" : "<p class=\"muted\" id=\"cohorts-too-small\">Not drawn" + (groups.size() > 1 && !overlap ? " nor tested" : "")
                + ", too few patients with surgery for a curve: " + Html.esc(String.join(", ", tooSmall)) + ".</p>";
        return overlap && groups.size() > 1
                ? plot + "<p class=\"muted\" id=\"cohorts-overlap\">The cohorts overlap (a patient is in each cohort they are in): each curve describes its cohort; no test compares them.</p>" + missing
                : plot + missing;
    }

    private static SurvivalData data(List<double[]> rows) {
        double[] t = new double[rows.size()];
        boolean[] e = new boolean[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rows.get(i)[0];
            e[i] = rows.get(i)[1] > 0;
        }
        return new SurvivalData(t, e);
    }
}
