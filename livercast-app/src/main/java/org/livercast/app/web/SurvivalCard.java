package org.livercast.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.learn.model.TherapyModel;

/**
 * The patient page's predicted survival: once the therapy model (P4) has scored the patient, RFS under each adjuvant
 * strategy with the recommended one starred, the patient's own OS dashed beside them, the numbers behind the curves and
 * the rule that picked the recommendation; before that, the latest PRE and POST predictions' RFS and OS.
 */
final class SurvivalCard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PatientData data;
    private final String centre;
    private final String id;

    SurvivalCard(PatientData data, String centre, String id) {
        this.data = data;
        this.centre = centre;
        this.id = id;
    }

    String render(List<PatientData.PredictionRow> preds) {
        List<RfsChart.Curve> curves = new ArrayList<>();
        String recommended = null;
        String agreement = null;
        String tace = null;
        String strategyTable = null;
        // A protocol the patient is enrolled in may keep the recommendation from the care team (P4's prospective phase): the
        // per-strategy curves would show it as plainly as the words, so the card is then what it is before the therapy model.
        var concealedBy = data.concealedRecommendations().of(centre, id);
        var rec = concealedBy.isPresent() ? java.util.Optional.<org.livercast.study.models.Recommendations.Stored>empty()
                : new org.livercast.study.models.Recommendations(data.db.jdbi()).latest(centre, id);
        try {
            if (rec.isPresent()) {
                JsonNode b = JSON.readTree(rec.get().bodyJson());
                recommended = AdjuvantStrategy.labelOf(rec.get().recommended());
                for (JsonNode e : b.path("estimates")) {
                    String label = AdjuvantStrategy.labelOf(e.path("strategy").asText());
                    curves.add(new RfsChart.Curve(label, doubles(e.path("rfsByYear")), label.equals(recommended), false));
                }
                strategyTable = strategyTable(b.path("estimates"), recommended);
                // In percentage points of 3-year RFS, as the trials report it ("0.045 ± 0.017" read like a probability).
                agreement = Html.pct(rec.get().agreement()) + " of the ensemble's members agree; predicted 3-year RFS gain over surgery alone "
                        + String.format(Locale.ROOT, "%+.1f percentage points (± %.1f between members)", 100 * rec.get().gainRfs3y(), 100 * rec.get().gainRfs3ySd());
                // Recommendations stored before TACE's subgroups were modelled have no subgroup: nothing is shown for them.
                if (b.hasNonNull("taceSubgroup")) {
                    tace = "TACE's effect for this patient's subgroup (" + b.get("taceSubgroup").asText() + "): RFS hazard ratio "
                            + Html.num(b.path("taceHazardRatio").asDouble(), 2) + " against surgery alone.";
                }
                // The strategies' curves are recurrence-free survival; the patient's own overall survival beside them, from
                // the latest model that predicted it (POST when there is one: it knows the pathology and the slide).
                overallSurvival(preds).ifPresent(curves::add);
            } else {
                // The latest PRE and the latest POST prediction's curves (earlier ones are superseded).
                for (String kind : List.of("post", "pre")) {
                    PatientData.PredictionRow p = PatientPage.last(preds, kind);
                    if (p == null) continue;
                    JsonNode b = data.body(p);
                    if (b.has("osSurvivalByYear")) curves.add(RfsChart.Curve.plain(kind.toUpperCase(Locale.ROOT) + " OS", doubles(b.get("osSurvivalByYear"))));
                    // Predictions stored before the OS head have no OS curve.
                    if (b.has("rfsSurvivalByYear")) curves.add(RfsChart.Curve.plain(kind.toUpperCase(Locale.ROOT) + " RFS", doubles(b.get("rfsSurvivalByYear"))));
                }
            }
        } catch (java.io.IOException ignored) {
            // a body that is not JSON is shown nowhere
        }
        StringBuilder s = new StringBuilder("<section class=\"card\" aria-labelledby=\"rfs\"><h2 id=\"rfs\">Predicted recurrence-free and overall survival</h2>");
        String concealedNote = concealedBy.map(w -> "<p id=\"recommendation-concealed\"><strong>Adjuvant-strategy recommendation: recorded, not shown.</strong> "
                + Html.esc(w.reason()) + " (enrolled in " + Html.esc(w.protocolId()) + ")</p>").orElse("");
        if (curves.isEmpty()) return s.append("<p>No prediction yet.</p>").append(concealedNote).append("</section>").toString();
        s.append(RfsChart.svg(curves));
        if (recommended != null) {
            s.append("<p id=\"recommended\">Recommended strategy: <strong>").append(Html.esc(recommended)).append("</strong> ★ (")
                    .append(Html.esc(agreement)).append(")</p>");
            if (strategyTable != null) s.append(strategyTable);
            if (tace != null) s.append("<p id=\"tace-subgroup\">").append(Html.esc(tace)).append("</p>");
        } else if (concealedBy.isPresent()) {
            s.append(concealedNote);
        } else {
            s.append("<p class=\"muted\">Per-strategy curves appear once the adjuvant-therapy model (P4) has scored this patient.</p>");
        }
        return s.append("</section>").toString();
    }

    /** The latest POST prediction's OS curve, else the latest PRE's, dashed; none when neither stored one. */
    private java.util.Optional<RfsChart.Curve> overallSurvival(List<PatientData.PredictionRow> preds) throws java.io.IOException {
        for (String kind : List.of("post", "pre")) {
            PatientData.PredictionRow p = PatientPage.last(preds, kind);
            if (p == null) continue;
            JsonNode b = data.body(p);
            if (b.has("osSurvivalByYear")) {
                return java.util.Optional.of(new RfsChart.Curve("OS (" + kind.toUpperCase(Locale.ROOT) + ")", doubles(b.get("osSurvivalByYear")), false, true));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The numbers behind the curves, as a clinician weighs them: each strategy's predicted RFS at 1, 3 and 5 years (the
     * ensemble's mean; at 3 years with the SD between its members) and its 3-year difference from surgery alone. The
     * recommendation walks from the lightest treatment and takes a heavier one only for {@link TherapyModel#MIN_GAIN}
     * more: said under the table, so a recommended strategy that is not the top row is not read as a mistake.
     */
    private static String strategyTable(JsonNode estimates, String recommended) {
        double surgeryAlone3y = Double.NaN;
        for (JsonNode e : estimates) if (isSurgeryAlone(e.path("strategy").asText())) surgeryAlone3y = e.path("rfs3y").asDouble();
        StringBuilder s = new StringBuilder("<table id=\"strategy-table\"><caption class=\"muted\">Predicted recurrence-free survival by adjuvant strategy (ensemble mean ± members' SD; gains in percentage points)</caption>")
                .append("<thead><tr><th scope=\"col\">Strategy</th><th scope=\"col\">1 y</th><th scope=\"col\">3 y ± SD</th><th scope=\"col\">5 y</th>")
                .append("<th scope=\"col\" title=\"3-year RFS against surgery alone, percentage points\">gain 3 y</th></tr></thead><tbody>");
        for (JsonNode e : estimates) {
            String label = AdjuvantStrategy.labelOf(e.path("strategy").asText());
            JsonNode byYear = e.path("rfsByYear");
            boolean rec = label.equals(recommended);
            double rfs3y = e.path("rfs3y").asDouble();
            s.append(rec ? "<tr class=\"recommended\"><th scope=\"row\"><strong>" : "<tr><th scope=\"row\">").append(Html.esc(label)).append(rec ? " ★</strong>" : "")
                    .append("</th><td>").append(byYear.size() > 0 ? Html.pct(byYear.get(0).asDouble()) : "–")
                    .append("</td><td>").append(Html.pct(rfs3y)).append(" ± ").append(Html.num(100 * e.path("rfs3ySd").asDouble(), 1))
                    .append("</td><td>").append(byYear.size() > 4 ? Html.pct(byYear.get(4).asDouble()) : "–")
                    .append("</td><td>").append(Double.isNaN(surgeryAlone3y) ? "–" : isSurgeryAlone(e.path("strategy").asText()) ? "reference"
                            : String.format(Locale.ROOT, "%+.1f pts", 100 * (rfs3y - surgeryAlone3y))).append("</td></tr>");
        }
        return s.append("</tbody></table><p class=\"muted\" id=\"strategy-rule\">The recommendation walks from the lightest treatment (surgery alone, TACE, ")
                .append("systemic, TACE + systemic) and takes a heavier one only for more than ").append(Html.num(100 * TherapyModel.MIN_GAIN, 0))
                .append(" percentage point of 3-year RFS over the current choice.</p>").toString();
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i).asDouble();
        return d;
    }

    /** A stored strategy (its id or enum name) is surgery alone, the reference the gains are measured against. */
    static boolean isSurgeryAlone(String stored) { return AdjuvantStrategy.SURGERY_ALONE.name().equalsIgnoreCase(stored.strip()); }
}
