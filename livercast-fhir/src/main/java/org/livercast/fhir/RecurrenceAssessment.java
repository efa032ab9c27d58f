package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.study.models.ModelRegistry;
import org.livercast.study.ops.LockedPredictions;

/**
 * A PRE or POST prediction as a FHIR RiskAssessment: the probability of aggressive recurrence within 2 years with P2's
 * high/low risk, then recurrence-free and overall survival as the probability of recurrence or death (of death) within
 * 1–5 years; notes say which inputs were read, the largest clinical contributions, and each study lock on it.
 */
public final class RecurrenceAssessment {
    /** P2's high risk, as the prediction stored it. */
    private static final String HIGH_RISK_RULE = "High risk at a probability of 0.5 or more (protocol P2)";

    private RecurrenceAssessment() {}

    /** @param locks the patient's study locks (each is shown on the prediction it locked) */
    public static ObjectNode of(ModelRegistry.Recorded recorded, List<LockedPredictions.Lock> locks) {
        ModelRegistry.StoredPrediction p = recorded.prediction();
        String id = FhirIds.prediction(recorded.predictionId());
        ObjectNode ra = Assessments.start(id, p.kind(), p.modelId(), FhirIds.patient(p.centreId(), p.patientId()), recorded.predictedAt(),
                "Risk of recurrence after resection of hepatocellular carcinoma");
        ObjectNode aggressive = Assessments.prediction(ra, "aggressive-recurrence", "Aggressive recurrence (beyond the Milan criteria) within 2 years of surgery",
                FhirJson.decimal(p.probabilityAggressive2y()), FhirJson.rangeFromZero(24, "months", "mo"));
        aggressive.set("qualitativeRisk", FhirJson.concept(p.highRisk()
                ? FhirJson.coding(LiverCastCodes.RISK_PROBABILITY, "high", "High likelihood")
                : FhirJson.coding(LiverCastCodes.RISK_PROBABILITY, "low", "Low likelihood"), p.highRisk() ? "high risk" : "low risk"));
        aggressive.put("rationale", HIGH_RISK_RULE);
        JsonNode body = Assessments.parse(p.bodyJson(), id);
        Assessments.byYear(ra, body.path("rfsSurvivalByYear"), "recurrence-or-death", "Recurrence or death");
        Assessments.byYear(ra, body.path("osSurvivalByYear"), "death", "Death");

        List<String> lines = new ArrayList<>();
        JsonNode used = body.path("modalitiesUsed");
        if (used.isArray() && !used.isEmpty()) lines.add("Inputs read: " + String.join(", ", texts(used)) + ".");
        String contributions = contributions(body.path("contributions"), 5);
        if (!contributions.isEmpty()) lines.add("Largest clinical contributions to the log-odds of aggressive recurrence: " + contributions + ".");
        lines.add("Inputs SHA-256 " + p.inputSha256() + ".");
        for (LockedPredictions.Lock l : locks) {
            if (l.predictionId() != recorded.predictionId()) continue;
            boolean superseded = locks.stream().anyMatch(o -> l.id() == (o.supersedes() == null ? -1 : o.supersedes()));
            if (!superseded) ra.withObject("/meta").withArray("tag").add(LiverCastCodes.coding("locked"));
            lines.add("Locked for " + l.protocolId() + " (" + l.moment().toUpperCase(Locale.ROOT) + ") by " + l.lockedBy() + " at " + l.lockedAt()
                    + (superseded ? "; since superseded" : "") + ".");
        }
        for (LockedPredictions.Lock l : locks) {
            if (l.supersedes() != null && l.predictionId() == recorded.predictionId()) lines.add("Supersedes an earlier lock: " + l.reason());
        }
        lines.forEach(l -> Assessments.note(ra, l));
        Assessments.narrative(ra, ModelDevice.name(p.kind(), p.modelId()) + ": "
                + (p.highRisk() ? "high" : "low") + " risk of aggressive recurrence (" + Assessments.percent(p.probabilityAggressive2y()) + ")", lines);
        return ra;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * The {@code n} contributions of largest magnitude, signed, as the prediction ordered them; those that round to 0.00
     * say nothing a reader could use and are left out.
     */
    static String contributions(JsonNode contributions, int n) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contributions.fields(); it.hasNext() && out.size() < n; ) {
            var e = it.next();
            if (Math.abs(e.getValue().asDouble()) < 0.005) continue;
            out.add(e.getKey() + " " + String.format(Locale.ROOT, "%+.2f", e.getValue().asDouble()));
        }
        return String.join(", ", out);
    }
}
