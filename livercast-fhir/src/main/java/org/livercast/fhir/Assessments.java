package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import static org.livercast.core.io.fhir.FhirJson.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** What every LiverCast RiskAssessment shares: who made it (the model's Device), about whom, when, and how it reads. */
final class Assessments {
    private Assessments() {}

    static ObjectNode start(String id, String kind, String modelId, String patientResourceId, OffsetDateTime at, String what) {
        ObjectNode ra = FhirJson.resource("RiskAssessment", id);
        ra.put("status", "final");
        String code = ModelDevice.kindCode(kind);
        ra.set("method", FhirJson.concept(LiverCastCodes.coding(code), LiverCastCodes.display(code)));
        ra.set("code", FhirJson.text(what));
        ra.set("subject", FhirJson.reference("Patient", patientResourceId, null));
        ra.put("occurrenceDateTime", FhirJson.instant(at));
        ra.set("performer", FhirJson.reference("Device", modelId, ModelDevice.name(kind, modelId)));
        return ra;
    }

    /** One predicted outcome: a LiverCast code with the text a reader sees, a probability, and the period it is about. */
    static ObjectNode prediction(ObjectNode ra, String code, String text, java.math.BigDecimal probability, ObjectNode when) {
        if (probability.signum() < 0 || probability.compareTo(java.math.BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(ra.get("id").asText() + ": the probability of '" + text + "' is " + probability + ", not in [0, 1]");
        }
        ObjectNode p = ra.withArray("prediction").addObject();
        p.set("outcome", FhirJson.concept(LiverCastCodes.coding(code), text));
        p.put("probabilityDecimal", probability);
        if (when != null) p.set("whenRange", when);
        return p;
    }

    static void note(ObjectNode ra, String text) { ra.withArray("note").addObject().put("text", text); }

    static JsonNode parse(String json, String what) {
        try {
            return FhirJson.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": the stored body does not parse: " + e.getMessage(), e);
        }
    }

    /** Survival at 1, 2, … years as the probability of the event by then (1 − S), one prediction a year. */
    static void byYear(ObjectNode ra, JsonNode survivalByYear, String code, String event) {
        for (int i = 0; i < survivalByYear.size(); i++) {
            double s = survivalByYear.get(i).asDouble();
            int years = i + 1;
            prediction(ra, code, event + " within " + years + (years == 1 ? " year" : " years") + " of surgery", clamp(FhirJson.complement(s)),
                    FhirJson.rangeFromZero(years, "years", "a"));
        }
    }

    /** A product or complement of stored probabilities can fall a rounding error outside [0, 1]. */
    static java.math.BigDecimal clamp(java.math.BigDecimal p) {
        return p.signum() < 0 ? java.math.BigDecimal.ZERO : p.compareTo(java.math.BigDecimal.ONE) > 0 ? java.math.BigDecimal.ONE : p;
    }

    static String percent(double p) { return String.format(Locale.ROOT, "%.0f%%", 100 * p); }

    /** The narrative: a heading line and the table of predictions every reader of the resource sees. */
    static void narrative(ObjectNode ra, String heading, List<String> lines) {
        StringBuilder div = new StringBuilder("<p><b>").append(esc(heading)).append("</b></p><table><tr><th>Outcome</th><th>Probability</th></tr>");
        for (JsonNode p : ra.withArray("prediction")) {
            div.append("<tr><td>").append(esc(p.path("outcome").path("text").asText())).append("</td><td>")
                    .append(percent(p.path("probabilityDecimal").asDouble())).append("</td></tr>");
        }
        div.append("</table>");
        for (String l : lines) div.append("<p>").append(esc(l)).append("</p>");
        ra.set("text", FhirJson.narrative(div.toString()));
    }
}
