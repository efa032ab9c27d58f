package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.study.models.Recommendations;

/**
 * An adjuvant-strategy recommendation (P4) as a FHIR RiskAssessment: the probability of recurrence or death within 3
 * years under each of the four strategies (1 − predicted 3-year RFS), and the recommended strategy as the mitigation,
 * with its gain over surgery alone and how many of the ensemble's members agree.
 */
public final class StrategyAssessment {
    private StrategyAssessment() {}

    public static ObjectNode of(Recommendations.Recorded recorded) {
        Recommendations.Stored r = recorded.recommendation();
        String id = FhirIds.recommendation(recorded.recommendationId());
        ObjectNode ra = Assessments.start(id, "therapy", r.modelId(), FhirIds.patient(r.centreId(), r.patientId()), recorded.recommendedAt(),
                "Recurrence-free survival under each adjuvant strategy after resection of hepatocellular carcinoma");
        JsonNode body = Assessments.parse(r.bodyJson(), id);
        for (JsonNode e : body.path("estimates")) {
            AdjuvantStrategy s = strategy(e.path("strategy").asText(), id);
            double rfs3y = e.path("rfs3y").asDouble();
            ObjectNode p = Assessments.prediction(ra, "recurrence-or-death", "Recurrence or death within 3 years with " + name(s),
                    Assessments.clamp(FhirJson.complement(rfs3y)), FhirJson.rangeFromZero(3, "years", "a"));
            p.put("rationale", String.format(Locale.ROOT, "Predicted 3-year recurrence-free survival %.3f (SD %.3f across the ensemble's members)",
                    rfs3y, e.path("rfs3ySd").asDouble()));
        }
        AdjuvantStrategy best = strategy(r.recommended(), id);
        String mitigation = String.format(Locale.ROOT, "Recommended: %s (%s): 3-year recurrence-free survival %+.3f (SD %.3f) against surgery alone;"
                + " %.0f%% of the ensemble's members recommend it.", name(best), LiverCastCodes.strategy(best), r.gainRfs3y(), r.gainRfs3ySd(),
                100 * r.agreement());
        ra.put("mitigation", mitigation);
        String subgroup = body.path("taceSubgroup").asText("");
        String tace = subgroup.isEmpty() ? "" : String.format(Locale.ROOT, "TACE's hazard ratio in the trials' subgroup '%s': %.2f.",
                subgroup, body.path("taceHazardRatio").asDouble());
        List<String> lines = new java.util.ArrayList<>();
        if (!tace.isEmpty()) lines.add(tace);
        if (r.inputSha256() != null) lines.add("Inputs SHA-256 " + r.inputSha256() + ".");
        lines.forEach(l -> Assessments.note(ra, l));
        Assessments.narrative(ra, ModelDevice.name("therapy", r.modelId()) + ": " + mitigation, lines);
        return ra;
    }

    /** A strategy as the store or a body names it: its id ({@code tace_systemic}) or enum name ({@code TACE_SYSTEMIC}). */
    static AdjuvantStrategy strategy(String idOrName, String where) {
        try {
            return AdjuvantStrategy.valueOf(idOrName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + idOrName + "' is not an adjuvant strategy", e);
        }
    }

    private static String name(AdjuvantStrategy s) { return LiverCastCodes.display(LiverCastCodes.strategy(s)).toLowerCase(Locale.ROOT).replace("tace", "TACE"); }
}
