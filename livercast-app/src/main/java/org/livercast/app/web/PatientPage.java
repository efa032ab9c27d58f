package org.livercast.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.Death;
import org.livercast.core.model.FollowUpVisit;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Recurrence;
import org.livercast.core.model.Report;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.protocol.CriterionResult;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;
import org.livercast.core.protocol.ScreeningResult;
import org.livercast.study.ops.LockedPredictions;
import org.livercast.study.screening.ScreeningService;

/**
 * The page a surgeon or oncologist decides from: PRE and POST risk against the 0.5 threshold, predicted RFS, locks,
 * the slide with its attention heat map, the MRI phases slice by slice with the tumour outlined, the reports with
 * their findings marked, the timeline, and the eligibility per criterion. Days are counted from surgery.
 */
final class PatientPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FINDINGS = Pattern.compile("(MVI|M[012]级|微血管侵犯[^。\\n]*|Microvascular invasion[^.\\n]*|Edmondson[^.。\\n]*|卫星结节[^。\\n]*|"
            + "Satellite nodules[^.\\n]*|包膜[^。\\n]*|Tumour capsule[^.\\n]*|切缘[^。\\n]*|Resection margin[^.\\n]*|LR-[1-5M]|"
            + "(?:non-)?rim arterial phase hyperenhancement|动脉期[^，。]*强化|(?:non-peripheral )?washout|廓清|enhancing capsule)");
    private final PatientData data;
    private final WebUser user;
    private final PatientRecord r;
    private final String centre;
    private final String id;
    private final LocalDate surgery;
    private final java.util.OptionalInt tumourSlicePercent;

    /** @param tumourSlicePercent where the MRI slider starts: the tumour's slice ({@link ImageRoutes#tumourSlicePercent}) */
    PatientPage(PatientData data, WebUser user, PatientRecord r, java.util.OptionalInt tumourSlicePercent) {
        this.data = data;
        this.tumourSlicePercent = tumourSlicePercent;
        this.user = user;
        this.r = r;
        this.centre = r.patient().centreId();
        this.id = r.id();
        this.surgery = r.surgeryDate().orElse(null);
    }

    String render() {
        StringBuilder s = new StringBuilder();
        var p = r.patient();
        s.append("<h1>Patient ").append(Html.esc(id)).append(" <span class=\"muted\">centre ").append(Html.esc(centre)).append("</span></h1>");
        s.append("<p class=\"muted\">").append(p.sex() == null ? "" : p.sex().name().toLowerCase(Locale.ROOT)).append(p.ageYears() == null ? "" : ", " + p.ageYears() + " years")
                .append(r.pathology() != null && r.pathology().diagnosis() != null ? ", " + Html.esc(r.pathology().diagnosis().name()) : "")
                .append(r.treatment() != null && r.treatment().adjuvantStrategy() != null ? ", adjuvant given: " + Html.esc(r.treatment().adjuvantStrategy().label()) : "")
                .append(" <button type=\"button\" class=\"noprint\" onclick=\"window.print()\">Print / save as PDF</button></p>");
        List<PatientData.PredictionRow> preds = data.predictions(centre, id);
        s.append("<div class=\"grid\">").append(RiskCard.render(data, "PRE", "before surgery, from what is known then (clinical data, the radiology report, the MRI when the model reads it)", last(preds, "pre")))
                .append(RiskCard.render(data, "POST", "after surgery: adds the pathology report and the H&amp;E slide when the model reads it", last(preds, "post"))).append(new SurvivalCard(data, centre, id).render(preds)).append("</div>");
        s.append("<div class=\"grid\">").append(StagingCard.render(r)).append(diagnosis()).append("</div>");
        s.append(locks(preds));
        s.append("<div class=\"grid\">").append(slide(preds)).append("</div>");
        s.append(mri(preds));
        s.append(reports());
        s.append("<div class=\"grid\">").append(timeline()).append(eligibility()).append("</div>");
        s.append("<script src=\"/static/vendor/openseadragon-5.0.1/openseadragon.min.js\"></script><script src=\"/static/patient.js\"></script>");
        return s.toString();
    }

    static PatientData.PredictionRow last(List<PatientData.PredictionRow> ps, String kind) {
        PatientData.PredictionRow out = null;
        for (var p : ps) if (p.kind().equals(kind)) out = p;
        return out;
    }

    /**
     * The diagnosis model's latest reading of the lesion (P5), when one is stored: P(HCC), P(ICC) and P(benign) from the
     * pre-operative data, the model that said it, and — once there is one — the histology to hold it against.
     */
    private String diagnosis() {
        var d = new org.livercast.study.models.Diagnoses(data.db.jdbi()).latest(centre, id);
        if (d.isEmpty()) return "";
        var x = d.get();
        StringBuilder s = new StringBuilder("<section class=\"card\" id=\"diagnosis\" aria-labelledby=\"diagnosis-h\"><h2 id=\"diagnosis-h\">Diagnosis before surgery (P5)</h2>")
                .append("<p><strong>HCC ").append(Html.probability(x.probabilityHcc())).append("</strong> · intrahepatic cholangiocarcinoma ")
                .append(Html.probability(x.probabilityIcc())).append(" · benign ").append(Html.probability(x.probabilityBenign()))
                .append(" <span class=\"muted\">(from the clinical data, laboratory values and radiology report; model ")
                .append(Html.esc(x.modelId().substring(0, 12))).append(")</span></p>");
        if (r.pathology() != null && r.pathology().diagnosis() != null) {
            s.append("<p>Histology: ").append(Html.esc(r.pathology().diagnosis().name())).append(".</p>");
        }
        return s.append("</section>").toString();
    }

    private String locks(List<PatientData.PredictionRow> preds) {
        StringBuilder s = new StringBuilder("<section class=\"card\" id=\"locks\" aria-labelledby=\"locks-h\"><h2 id=\"locks-h\">Locked predictions</h2>");
        List<LockedPredictions.Lock> history = data.locks.history(centre, id);
        if (history.isEmpty()) s.append("<p id=\"no-locks\">None locked.</p>");
        else {
            s.append("<table id=\"lock-table\"><thead><tr><th>Protocol</th><th>Moment</th><th>Probability</th><th>Locked by</th><th>At</th><th>Supersedes / reason</th></tr></thead><tbody>");
            for (var l : history) {
                s.append("<tr><td>").append(Html.esc(l.protocolId())).append("</td><td>").append(l.moment().toUpperCase(Locale.ROOT)).append("</td><td>")
                        .append(Html.probability(l.probabilityAggressive2y())).append(l.highRisk() ? " (high)" : "").append("</td><td>").append(Html.esc(l.lockedBy()))
                        .append("</td><td>").append(Html.esc(l.lockedAt().substring(0, 19))).append("</td><td>")
                        .append(l.supersedes() == null ? "" : "#" + l.supersedes() + ": " + Html.esc(l.reason())).append("</td></tr>");
            }
            s.append("</tbody></table>");
        }
        if (user.user().canLockFor(centre) && !preds.isEmpty()) {
            s.append("<form method=\"post\" action=\"/api/patients/").append(Html.esc(centre)).append('/').append(Html.esc(id)).append("/locks\" class=\"noprint\" id=\"lock-form\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.esc(user.csrfToken())).append("\">")
                    .append("<label for=\"lock-protocol\">Protocol</label> <select id=\"lock-protocol\" name=\"protocol\">");
            for (Protocol pr : Protocols.bundled().all()) s.append("<option>").append(pr.id()).append("</option>");
            s.append("</select> <label for=\"lock-prediction\">Prediction</label> <select id=\"lock-prediction\" name=\"predictionId\">");
            for (var p : preds) s.append("<option value=\"").append(p.id()).append("\" data-moment=\"").append(p.kind()).append("\">#").append(p.id()).append(' ')
                    .append(p.kind().toUpperCase(Locale.ROOT)).append(' ').append(Html.probability(p.probability())).append("</option>");
            s.append("</select><input type=\"hidden\" name=\"moment\" id=\"lock-moment\" value=\"").append(preds.get(0).kind()).append("\"> ")
                    .append("<label for=\"lock-reason\">Reason (to supersede)</label> <input id=\"lock-reason\" name=\"reason\" size=\"24\"> ")
                    .append("<button type=\"submit\" id=\"lock-button\">Lock prediction</button></form>");
        }
        return s.append("</section>").toString();
    }

    private String slide(List<PatientData.PredictionRow> preds) {
        var slides = data.files(centre, id).stream().filter(f -> f.kind().equals("slide")).toList();
        StringBuilder s = new StringBuilder("<section class=\"card\" aria-labelledby=\"slide-h\" style=\"grid-column:1/-1\"><h2 id=\"slide-h\">H&amp;E slide</h2>");
        if (slides.isEmpty()) return s.append("<p>No slide stored.</p></section>").toString();
        String sha = slides.get(0).sha256();
        var latest = data.latestSlideAttention(preds);
        boolean attention = latest.isPresent();
        s.append("<p class=\"noprint\"><label><input type=\"checkbox\" id=\"heatmap-toggle\"").append(attention ? "" : " disabled")
                .append("> Attention heat map</label> <span class=\"muted\">").append(attention
                        ? "(where the POST model looked, against an even spread: clear at or below an even share, yellow above, red from "
                          + (int) AttentionOverlay.FULL_AT_TIMES_EVEN + "× up)"
                        : preds.stream().anyMatch(p -> p.kind().equals("post"))
                        ? "(the POST model that scored this patient was trained without slides, so it has no attention to show)"
                        : "(no POST prediction yet)").append("</span> <span class=\"muted\">QC: ")
                .append(qcText(slides.get(0).detailJson()))
                .append("</span></p><div id=\"slide-viewer\" data-dzi=\"/api/slides/").append(sha).append("/slide.dzi\" data-heatmap=\"/api/slides/").append(sha)
                .append("/attention.png?centre=").append(Html.esc(centre)).append("&amp;patient=").append(Html.esc(id)).append("\" role=\"img\" aria-label=\"Whole-slide image, zoomable\"></div>");
        if (attention) {
            var a = latest.get();
            s.append("<p id=\"attention-spread\">Attention of POST prediction #").append(a.predictionId()).append(" (model ")
                    .append(Html.esc(a.modelId().substring(0, Math.min(12, a.modelId().length())))).append("): ")
                    .append(Html.esc(org.livercast.learn.model.AttentionSpread.of(a.tiles()).describe())).append(".</p>");
        }
        return s.append("</section>").toString();
    }

    private static String qcText(String detail) {
        try {
            JsonNode d = JSON.readTree(detail);
            if (!d.has("qc_accepted")) return "not assessed";
            return d.get("qc_accepted").asBoolean() ? "passed" : "failed (" + Html.esc(d.path("qc_reasons").toString().replaceAll("[\\[\\]\"]", "")) + ")";
        } catch (java.io.IOException e) {
            return "not assessed";
        }
    }


    private String mri(List<PatientData.PredictionRow> preds) {
        boolean saliency = data.mriOcclusion(preds).isPresent();
        Map<String, String> phases = new TreeMap<>(java.util.Comparator.comparingInt(PatientPage::phaseOrder));
        for (var f : data.files(centre, id)) if (f.kind().equals("dicom") && f.phase() != null && f.seriesUid() != null) phases.putIfAbsent(f.phase(), f.seriesUid());
        StringBuilder s = new StringBuilder("<section class=\"card\" aria-labelledby=\"mri-h\"><h2 id=\"mri-h\">MRI phases</h2>");
        if (phases.isEmpty()) return s.append("<p>No MRI stored.</p></section>").toString();
        s.append("<p class=\"noprint\"><label for=\"slice\">Slice</label> <input type=\"range\" id=\"slice\" min=\"0\" max=\"100\" value=\"")
                .append(tumourSlicePercent.orElse(50)).append("\"")
                .append(tumourSlicePercent.isPresent() ? " data-tumour=\"" + tumourSlicePercent.getAsInt() + "\"" : "").append("> ")
                .append(tumourSlicePercent.isPresent() ? "<button type=\"button\" id=\"to-tumour\">Tumour slice</button> " : "")
                .append("<label><input type=\"checkbox\" id=\"roi-toggle\" checked> Tumour outline</label> ")
                .append("<label><input type=\"checkbox\" id=\"saliency-toggle\"").append(saliency ? "" : " disabled").append("> Saliency</label> <span class=\"muted\">")
                .append(saliency ? "(occlusion, 20 mm blocks around the tumour: red where the region raised the predicted risk, blue where it lowered it)"
                        : "(no prediction from a model that read the MRI)")
                .append("</span></p><div class=\"mri\">");
        for (var e : phases.entrySet()) {
            s.append("<figure><img alt=\"").append(Html.esc(e.getKey().replace('_', ' '))).append(" phase, slice\" data-src=\"/api/mri/").append(Html.esc(centre)).append('/')
                    .append(Html.esc(id)).append('/').append(Html.esc(e.getKey())).append("\"><figcaption>").append(Html.esc(e.getKey().replace('_', ' '))).append("</figcaption></figure>");
        }
        return s.append("</div></section>").toString();
    }

    private static int phaseOrder(String p) {
        List<String> order = List.of("non_contrast", "arterial", "portal_venous", "delayed", "hepatobiliary", "t2", "dwi", "adc", "unknown");
        int i = order.indexOf(p);
        return i < 0 ? 99 : i;
    }

    private String reports() {
        StringBuilder s = new StringBuilder("<section class=\"card\" aria-labelledby=\"reports-h\"><h2 id=\"reports-h\">Reports</h2>");
        if (r.reports().isEmpty()) return s.append("<p>No report stored.</p></section>").toString();
        s.append("<p class=\"muted\">Findings the models read are <mark>marked</mark>.</p>");
        for (Report rep : r.reports()) {
            s.append("<h3>").append(rep.kind() == Report.Kind.PATHOLOGY ? "Pathology" : "Radiology").append(rep.date() == null || surgery == null ? ""
                    : " <span class=\"muted\">(day " + ChronoUnit.DAYS.between(surgery, rep.date()) + ")</span>").append("</h3>");
            // A report read from a scan by OCR may hold a misread word or digit: the reader is told, before the text.
            if (rep.transcribedBy() != null) {
                s.append("<p class=\"ocr\" role=\"note\">Read from a scan ").append(Html.esc(rep.transcribedBy()))
                        .append(": check grades and numbers against the original.</p>");
            }
            String text = Html.esc(rep.text());
            // A report in traditional characters (Taiwan, Hong Kong) is marked where its simplified form has the findings,
            // and declared zh-Hant so that the browser draws it with a traditional font.
            String simple = org.livercast.core.io.ChineseScript.simplified(text);
            boolean traditional = !simple.equals(text);
            String lang = traditional && rep.language().equals("zh") ? "zh-Hant" : rep.language();
            s.append("<div class=\"report\" lang=\"").append(Html.esc(lang)).append("\">").append(marked(text, simple)).append("</div>");
        }
        return s.append("</section>").toString();
    }

    /** The text with each finding the models read in {@code <mark>}, found in its simplified form (the same length, character for character). */
    private static String marked(String text, String simplified) {
        Matcher m = FINDINGS.matcher(simplified.length() == text.length() ? simplified : text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(text, at, m.start()).append("<mark>").append(text, m.start(), m.end()).append("</mark>");
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private String timeline() {
        List<String[]> items = new ArrayList<>();
        if (surgery != null) items.add(new String[] {"0", "Surgery" + (r.treatment() != null && r.treatment().margin() != null ? " (" + r.treatment().margin().name() + ")" : "")});
        r.imaging().forEach(i -> items.add(new String[] {day(i.date()), "Pre-operative " + i.modality().name() + " (" + i.phases().size() + " phases)"}));
        Recurrence firstRecurrence = r.firstRecurrence().orElse(null);
        for (TimelineEvent e : r.events()) {
            String what;
            if (e instanceof FollowUpVisit v) what = v.imaging() ? "Surveillance imaging" + (v.note() == null ? "" : ": " + v.note()) : "Follow-up contact";
            else if (e instanceof Recurrence rec) what = "<strong>Recurrence</strong> " + Html.esc(recurrence(rec, rec.equals(firstRecurrence)));
            else if (e instanceof Death) what = "<strong>Death</strong>";
            else if (e instanceof AdverseEvent ae) what = "Adverse event: " + ae.term() + ", grade " + ae.grade() + (ae.serious() ? ", serious" : "");
            else what = e.getClass().getSimpleName();
            items.add(new String[] {day(e.date()), what});
        }
        for (var t : data.events.adjuvantTreatments(centre, id)) {
            String drugs = t.fields().getOrDefault("adjuvant_drugs", "");
            items.add(new String[] {day(t.date()), "Adjuvant treatment started: " + AdjuvantStrategy.labelOf(t.fields().get("adjuvant_strategy"))
                    + (drugs.isBlank() ? "" : " (" + drugs + ")") + " — recorded by " + t.enteredBy()});
        }
        var lost = data.events.lostToFollowUp(centre, id);
        lost.ifPresent(d -> items.add(new String[] {day(d), "Lost to follow-up"}));
        items.sort(java.util.Comparator.comparingLong(a -> Long.parseLong(a[0])));
        StringBuilder s = new StringBuilder("<section class=\"card\" id=\"timeline\" aria-labelledby=\"tl-h\"><h2 id=\"tl-h\">Timeline <span class=\"muted\">(days from surgery)</span></h2><ul class=\"timeline\">");
        for (String[] i : items) s.append("<li><span class=\"day\">day ").append(i[0]).append("</span> ").append(i[1].startsWith("<strong>") ? i[1] : Html.esc(i[1])).append("</li>");
        s.append("</ul>");
        if (user.user().canEditPatientsOf(centre)) s.append(eventForm());
        return s.append("</section>").toString();
    }

    /** Recording follow-up: the events template's fields, one form for every kind of event. */
    private String eventForm() {
        String date = surgery == null ? "" : surgery.toString();
        return "<details class=\"noprint\"><summary>Record a follow-up event</summary><form method=\"post\" id=\"event-form\" action=\"/api/patients/" + Html.esc(centre) + "/" + Html.esc(id)
                + "/events\"><input type=\"hidden\" name=\"csrf\" value=\"" + Html.esc(user.csrfToken()) + "\">"
                + "<p><label for=\"ev-type\">Event</label> <select id=\"ev-type\" name=\"event_type\"><option>visit</option><option>imaging</option>"
                + "<option>recurrence</option><option>death</option><option>adverse_event</option><option>lost_to_follow_up</option><option>adjuvant_treatment</option></select> "
                + "<label for=\"ev-date\">Date</label> <input id=\"ev-date\" name=\"event_date\" type=\"date\" required value=\"" + date + "\"></p>"
                + "<p><label for=\"ev-sizes\">Recurrence nodule sizes (mm; ';' between)</label> <input id=\"ev-sizes\" name=\"recurrence_nodule_sizes_mm\" size=\"10\"> "
                + "<label for=\"ev-mvi\">macrovascular invasion</label> <select id=\"ev-mvi\" name=\"recurrence_macrovascular_invasion\"><option></option><option>no</option><option>yes</option></select> "
                + "<label for=\"ev-ehs\">extrahepatic spread</label> <select id=\"ev-ehs\" name=\"recurrence_extrahepatic_spread\"><option></option><option>no</option><option>yes</option></select></p>"
                + "<p><label for=\"ev-term\">CTCAE v5 term</label> <input id=\"ev-term\" name=\"ctcae_term\" size=\"18\"> <label for=\"ev-grade\">grade</label> "
                + "<select id=\"ev-grade\" name=\"ctcae_grade\"><option></option><option>1</option><option>2</option><option>3</option><option>4</option><option>5</option></select> "
                + "<label for=\"ev-serious\">serious</label> <select id=\"ev-serious\" name=\"serious\"><option></option><option>no</option><option>yes</option></select> "
                + "<label for=\"ev-attr\">attribution</label> <select id=\"ev-attr\" name=\"attribution\"><option></option><option>unrelated</option><option>unlikely</option>"
                + "<option>possible</option><option>probable</option><option>definite</option></select></p>"
                + "<p><label for=\"ev-strategy\">Adjuvant treatment given</label> <select id=\"ev-strategy\" name=\"adjuvant_strategy\"><option></option>"
                + "<option>surgery_alone</option><option>tace</option><option>tace_systemic</option><option>systemic</option></select> "
                + "<label for=\"ev-drugs\">drugs (';' between)</label> <input id=\"ev-drugs\" name=\"adjuvant_drugs\" size=\"18\"></p>"
                + "<p><label for=\"ev-cause\">Cause of death</label> <input id=\"ev-cause\" name=\"cause\" size=\"16\"> <label for=\"ev-note\">Note</label> <input id=\"ev-note\" name=\"note\" size=\"24\"> "
                + "<button type=\"submit\" id=\"event-button\">Record</button></p></form></details>";
    }

    /**
     * A recurrence as the endpoints read it: its burden, beyond or within the Milan criteria, and — for the first one —
     * whether it is the aggressive recurrence the PRE and POST models predict, as {@link Endpoints} decides it.
     */
    private String recurrence(Recurrence rec, boolean first) {
        var b = rec.burden();
        List<String> parts = new ArrayList<>();
        if (b.count() > 0) {
            parts.add(b.count() + (b.count() == 1 ? " intrahepatic nodule, " : " intrahepatic nodules, largest ") + Html.num(b.largestMm(), 0) + " mm");
        }
        if (b.macrovascularInvasion()) parts.add("macrovascular invasion");
        if (b.extrahepaticSpread()) parts.add("extrahepatic spread");
        boolean beyond = org.livercast.core.staging.TransplantCriteria.beyondMilan(b);
        String s = "(" + String.join(", ", parts) + "): " + (beyond ? "beyond" : "within") + " the Milan criteria";
        if (first && surgery != null) {
            var aggressive = Endpoints.of(r, r.lastKnownDate().orElse(surgery)).aggressiveRecurrence().value();
            s += aggressive == BinaryOutcome.Value.YES ? " within 2 years — an aggressive recurrence (the PRE and POST endpoint)"
                    : aggressive == BinaryOutcome.Value.NO ? " — not an aggressive recurrence" : "";
        }
        return s;
    }

    private String day(LocalDate d) { return surgery == null ? "0" : Long.toString(ChronoUnit.DAYS.between(surgery, d)); }

    private String eligibility() {
        StringBuilder s = new StringBuilder("<section class=\"card\" id=\"eligibility\" aria-labelledby=\"elig-h\"><h2 id=\"elig-h\">Eligibility <span class=\"muted\">(as of the last data, day "
                + (surgery == null || r.lastKnownDate().isEmpty() ? "?" : ChronoUnit.DAYS.between(surgery, r.lastKnownDate().get())) + ")</span></h2>");
        LocalDate asOf = r.lastKnownDate().orElse(null);
        if (asOf == null) return s.append("<p>No screening or surgery date.</p></section>").toString();
        ScreeningService screening = new ScreeningService(data.db.jdbi());
        var key = data.patients.key(centre, id).orElseThrow();
        for (Protocol p : Protocols.bundled().all()) {
            ScreeningResult res = screening.evaluate(p, key, r, asOf).result();
            List<String> excluding = res.criteria().stream().filter(CriterionResult::excludes).map(CriterionResult::criterionId).toList();
            s.append("<details id=\"eligibility-").append(p.id()).append("\"><summary><strong>").append(p.id()).append("</strong> ")
                    .append(Html.esc(res.decision().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                    .append(excluding.isEmpty() ? "" : " (" + Html.esc(String.join(", ", excluding)) + ")")
                    .append(res.cohorts().isEmpty() ? "" : " · cohort " + Html.esc(String.join(", ", res.cohorts().stream().map(Html::cohort).toList()))).append("</summary><table><tbody>");
            for (CriterionResult c : res.criteria()) {
                s.append("<tr><td>").append(Html.esc(c.criterionId())).append("</td><td>").append(Html.esc(c.text())).append("</td>").append(outcome(c))
                        .append("</tr>");
            }
            s.append("</tbody></table></details>");
        }
        return s.append(enrolment()).append("</section>").toString();
    }

    /**
     * A criterion's outcome as the patient's eligibility reads it: an inclusion criterion is met or not; an exclusion
     * criterion applies (and excludes) or does not. Coloured by what it does to eligibility — a met exclusion had been
     * shown in the colour of a met inclusion, and every exclusion that does not apply in the colour of a failure.
     */
    private static String outcome(CriterionResult c) {
        boolean exclusion = c.kind() == CriterionResult.Kind.EXCLUSION;
        String cls;
        String text;
        switch (c.outcome()) {
            case MET -> {
                cls = exclusion ? "excludes" : "passes";
                text = exclusion ? "applies: excluded" : "met";
            }
            case NOT_MET -> {
                cls = exclusion ? "passes" : "excludes";
                text = exclusion ? "does not apply" : "not met";
            }
            case UNKNOWN -> {
                cls = "unknown";
                text = "unknown";
            }
            default -> {
                cls = "needs_person";
                text = "needs a person to decide";
            }
        }
        return "<td class=\"" + cls + "\">" + text + (c.missingFields().isEmpty() ? "" : " (missing " + Html.esc(String.join(", ", c.missingFields())) + ")") + "</td>";
    }

    /** The protocols the patient is enrolled in (consent day, by whom) and, for the centre's staff, the enrolment form. */
    private String enrolment() {
        StringBuilder s = new StringBuilder("<h3>Enrolment</h3>");
        var enrolled = data.enrolments.of(centre, id);
        if (enrolled.isEmpty()) s.append("<p id=\"enrolments\">Not enrolled.</p>");
        else {
            s.append("<ul id=\"enrolments\">");
            for (var e : enrolled) {
                s.append("<li><strong>").append(Html.esc(e.protocolId())).append("</strong> consent day ").append(day(e.consentDate())).append(", enrolled by ")
                        .append(Html.esc(e.enrolledBy())).append("</li>");
            }
            s.append("</ul>");
        }
        if (user.user().canEditPatientsOf(centre)) {
            s.append("<form method=\"post\" class=\"noprint\" id=\"enrol-form\" action=\"/api/patients/").append(Html.esc(centre)).append('/').append(Html.esc(id))
                    .append("/enrolments\"><input type=\"hidden\" name=\"csrf\" value=\"").append(Html.esc(user.csrfToken())).append("\">")
                    .append("<label for=\"enrol-protocol\">Protocol</label> <select id=\"enrol-protocol\" name=\"protocol\">");
            for (Protocol p : Protocols.bundled().all()) s.append("<option>").append(p.id()).append("</option>");
            s.append("</select> <label for=\"enrol-consent\">Consent date</label> <input id=\"enrol-consent\" name=\"consent_date\" type=\"date\" required value=\"")
                    .append(r.lastKnownDate().map(Object::toString).orElse("")).append("\"> <button type=\"submit\" id=\"enrol-button\">Enrol</button>")
                    .append(" <span class=\"muted\">(screened again as of the consent date; refused when not eligible)</span></form>");
        }
        return s.toString();
    }
}
