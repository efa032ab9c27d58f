package org.livercast.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.learn.features.FeatureLabels;

/**
 * A PRE or POST risk card on the patient page: the probability against P2's 0.5 threshold, what the model read and how it
 * did on its held-out centre (or, for a prediction made without some inputs, how it did without them), the observed
 * rate among similar held-out patients, and the values that drove the risk.
 */
final class RiskCard {
    private RiskCard() {}

    /** The card for the patient's latest prediction of one kind (PRE or POST), or says there is none. */
    static String render(PatientData data, String name, String what, PatientData.PredictionRow p) {
        StringBuilder s = new StringBuilder("<section class=\"card\" aria-labelledby=\"risk-" + name + "\"><h2 id=\"risk-" + name + "\">" + name + " risk</h2>");
        s.append("<p class=\"muted\">Aggressive recurrence (beyond Milan) within 2 years, ").append(what).append(".</p>");
        if (p == null) return s.append("<p>No ").append(name).append(" prediction yet.</p></section>").toString();
        String cls = p.highRisk() ? "high" : "low";
        s.append("<div class=\"risk ").append(cls).append("\" id=\"").append(name.toLowerCase(Locale.ROOT)).append("-probability\">").append(Html.probability(p.probability()))
                .append(" <span class=\"badge ").append(cls).append("\">").append(p.highRisk() ? "HIGH RISK" : "low risk").append("</span></div>");
        s.append("<div class=\"bar\" role=\"img\" aria-label=\"").append(Html.probability(p.probability())).append(" against the 50% threshold\"><span class=\"threshold\"></span>")
                .append("<span class=\"mark\" style=\"left:calc(").append(Html.num(100 * p.probability(), 1)).append("% - 2px)\"></span></div>");
        s.append("<p class=\"muted\">Threshold 50% (P2's high risk). ");
        JsonNode b = data.body(p);
        List<String> read = new ArrayList<>();
        b.path("modalitiesUsed").forEach(u -> read.add(label(u.asText())));
        if (!read.isEmpty()) s.append("<span id=\"").append(name.toLowerCase(Locale.ROOT)).append("-inputs\">Read: ").append(Html.esc(String.join(", ", read))).append(".</span> ");
        JsonNode card = data.modelCard(p.modelId());
        JsonNode metrics = card.path("metrics");
        List<String> missing = missingInputs(card, b.path("modalitiesUsed"));
        if (missing.isEmpty()) {
            s.append(calibration(metrics));
            s.append(observedAmongSimilar(metrics, p.probability()));
        } else {
            // The held-out calibration groups are the full model's: not this patient's.
            s.append(withoutInputs(metrics, missing, correctedFor(card.path("absenceOffsets"), missing)));
        }
        JsonNode c = b.path("contributions");
        if (c.isObject() && c.size() > 0) {
            s.append("</p><details><summary>What drove it (log-odds each value adds against the average patient's: + raised the risk, − lowered it)</summary><table><tbody>");
            for (var e : largestContributions(c, 8)) {
                s.append("<tr data-feature=\"").append(Html.esc(e.getKey())).append("\"><td>").append(Html.esc(FeatureLabels.of(e.getKey())))
                        .append("</td><td>").append(String.format(Locale.ROOT, "%+.2f", e.getValue()).replace('-', '−')).append("</td></tr>");
            }
            s.append("</tbody></table></details>");
        } else {
            s.append("</p>");
        }
        return s.append("<p class=\"muted\">Model ").append(Html.esc(p.modelId().substring(0, 12))).append(recalibration(data.modelCard(p.modelId())))
                .append(", prediction #").append(p.id()).append("</p></section>").toString();
    }

    /** Where a model recalibrated for a centre came from: the centre, the update, and the patients it was estimated on. */
    private static String recalibration(JsonNode card) {
        JsonNode r = card.path("recalibration");
        if (!r.isObject()) return "";
        String method = r.path("method").asText().replace('_', ' ');
        return " <span id=\"recalibrated\">(recalibrated for " + Html.esc(r.path("centre").asText()) + ": " + Html.esc(method) + " on its first "
                + r.path("patients").asInt() + " patients, operated " + Html.esc(r.path("firstSurgery").asText()) + " to "
                + Html.esc(r.path("lastSurgery").asText()) + "; from model " + Html.esc(shortId(r.path("fromModelId").asText())) + ")</span>";
    }

    private static String shortId(String id) { return id.substring(0, Math.min(12, id.length()));
    }

    /** The inputs the model reads that this prediction lacked, in the model's order (the first and a treatment are always there). */
    private static List<String> missingInputs(JsonNode card, JsonNode used) {
        // A prediction body that does not list what it used says nothing about what it lacked.
        if (!used.isArray() || used.isEmpty()) return List.of();
        java.util.Set<String> present = new java.util.HashSet<>();
        used.forEach(u -> present.add(u.asText()));
        List<String> missing = new java.util.ArrayList<>();
        JsonNode modalities = card.path("modalities");
        for (int k = 1; k < modalities.size(); k++) {
            String name = modalities.get(k).path("name").asText();
            if (!"TREATMENT".equals(modalities.get(k).path("type").asText()) && !present.contains(name)) missing.add(name);
        }
        return missing;
    }

    /**
     * Whether the model corrects a prediction for these inputs' absence (the card's absence offsets: the combination's
     * own, or one per input); a model trained before the corrections has none.
     */
    private static boolean correctedFor(JsonNode offsets, List<String> missing) {
        if (offsets.has(String.join("+", missing))) return true;
        for (String name : missing) if (!offsets.has(name)) return false;
        return !missing.isEmpty();
    }

    /** What a clinician calls each input. */
    private static String label(String modality) {
        return switch (modality) {
            case "clinical" -> "clinical data";
            case "radiology" -> "radiology report";
            case "pathology" -> "pathology report";
            case "mri" -> "MRI scan";
            case "slide" -> "H&E slide";
            default -> modality;
        };
    }

    /**
     * For a prediction made without some inputs: which, that the probability is corrected for their absence, and how the
     * model did on its held-out centre when those inputs were missing for every patient (the training report's rows),
     * against every input — not the full model's numbers, which this patient does not get.
     */
    static String withoutInputs(JsonNode metrics, List<String> missing, boolean corrected) {
        StringBuilder s = new StringBuilder("<span id=\"missing-inputs\">Without the ")
                .append(Html.esc(String.join(" and the ", missing.stream().map(RiskCard::label).toList())))
                .append(corrected ? ": the probability is corrected for " + (missing.size() == 1 ? "its" : "their") + " absence." : ".");
        JsonNode row = metrics.path("missing_modalities").path(String.join("+", missing));
        if (Double.isFinite(row.path("auc").asDouble(Double.NaN)) && Double.isFinite(metrics.path("auc").asDouble(Double.NaN))) {
            s.append(" On its held-out centre, with ").append(missing.size() == 1 ? "it" : "them").append(" missing for every patient: AUC ").append(Html.num(row.path("auc").asDouble(), 2))
                    .append(" (").append(Html.num(metrics.path("auc").asDouble(), 2)).append(" with every input), calibration slope ")
                    .append(Html.num(row.path("calibration_slope").asDouble(), 2)).append(".");
        }
        return s.append("</span> ").toString();
    }

    /** The calibration the model showed on its held-out centre: the honest measure of how far to trust the number. */
    private static String calibration(JsonNode metrics) {
        if (!Double.isFinite(metrics.path("auc").asDouble(Double.NaN)) || !Double.isFinite(metrics.path("calibration_slope").asDouble(Double.NaN))) return "";
        // A recalibrated model's calibration was measured again, on its centre's later patients; its AUC is the networks'.
        JsonNode population = metrics.path("calibration_population");
        if (population.isTextual()) {
            return "On its held-out centre: AUC " + Html.num(metrics.path("auc").asDouble(), 2) + "; on the " + Html.esc(population.asText())
                    + ": calibration slope " + Html.num(metrics.path("calibration_slope").asDouble(), 2) + " (1 = probabilities neither too extreme nor too timid).";
        }
        return "On its held-out centre: AUC " + Html.num(metrics.path("auc").asDouble(), 2) + ", calibration slope "
                + Html.num(metrics.path("calibration_slope").asDouble(), 2) + " (1 = probabilities neither too extreme nor too timid).";
    }

    /**
     * The calibration-based uncertainty of one probability: on the model's held-out centre, how many of the patients
     * predicted in the same decile of risk did recur, with a Wilson 95% interval.
     */
    private static String observedAmongSimilar(JsonNode metrics, double probability) {
        JsonNode best = null;
        for (JsonNode g : metrics.path("calibration_groups")) {
            if (g.path("n").asInt() == 0) continue;
            if (best == null || Math.abs(g.path("mean_predicted").asDouble() - probability) < Math.abs(best.path("mean_predicted").asDouble() - probability)) best = g;
        }
        if (best == null) return "";
        int n = best.path("n").asInt();
        int k = best.path("events").asInt();
        double z = 1.96, ph = (double) k / n, den = 1 + z * z / n;
        double centre = (ph + z * z / (2 * n)) / den, half = z * Math.sqrt(ph * (1 - ph) / n + z * z / (4.0 * n * n)) / den;
        String who = metrics.path("calibration_population").isTextual() ? Html.esc(metrics.path("calibration_population").asText()) : "held-out patients";
        return " <span id=\"observed-similar\">Of " + n + " " + who + " predicted " + Html.pct(best.path("lower").asDouble()) + "–" + Html.pct(best.path("upper").asDouble())
                + ", " + k + " (" + Html.pct(ph) + ", 95% CI " + Html.pct(Math.max(0, centre - half)) + "–" + Html.pct(Math.min(1, centre + half)) + ") had aggressive recurrence.</span>";
    }

    /**
     * The {@code n} contributions largest in absolute value, largest first. Sorted here, not by the stored order: the
     * prediction body lives in a JSONB column, which keeps an object's keys shortest first, so the page used to show the
     * eight variables with the shortest names ("inr", "ecog", "male" …) as what drove the risk.
     */
    static List<Map.Entry<String, Double>> largestContributions(JsonNode contributions, int n) {
        List<Map.Entry<String, Double>> all = new ArrayList<>();
        contributions.fields().forEachRemaining(e -> all.add(Map.entry(e.getKey(), e.getValue().asDouble())));
        all.sort(java.util.Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())).thenComparing(Map.Entry::getKey));
        return all.subList(0, Math.min(n, all.size()));
    }
}
