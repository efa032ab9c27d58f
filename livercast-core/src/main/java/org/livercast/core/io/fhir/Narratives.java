package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.JsonNode;

/** A clinical resource in one line, for its narrative: what it is about and what it says (a reader without the codes sees it). */
final class Narratives {
    private Narratives() {}

    static String summary(JsonNode r) {
        String what = label(r.path("code"));
        if (what.isEmpty()) what = label(r.path("medicationCodeableConcept"));
        if (what.isEmpty()) what = label(r.path("event"));
        StringBuilder s = new StringBuilder(r.path("resourceType").asText());
        if (!what.isEmpty()) s.append(": ").append(what);
        JsonNode q = r.path("valueQuantity");
        if (q.isObject()) s.append(" = ").append(q.path("value").asText()).append(q.has("unit") ? " " + q.get("unit").asText() : "");
        for (String f : new String[] {"valueBoolean", "valueInteger", "valueString", "valueDateTime"}) if (r.has(f)) s.append(" = ").append(r.get(f).asText());
        if (r.has("valueCodeableConcept")) s.append(" = ").append(label(r.get("valueCodeableConcept")));
        String status = r.path("verificationStatus").path("coding").path(0).path("code").asText("");
        if (status.equals("refuted")) s.append(" (absent)");
        String clinical = r.path("clinicalStatus").path("coding").path(0).path("code").asText("");
        if (clinical.equals("recurrence")) s.append(" (recurrence)");
        for (String f : new String[] {"effectiveDateTime", "recordedDate", "onsetDateTime", "performedDateTime", "started", "date"}) {
            if (r.has(f)) return s.append(", ").append(r.get(f).asText()).toString();
        }
        if (r.has("period")) s.append(", ").append(r.path("period").path("start").asText());
        return s.toString();
    }

    private static String label(JsonNode concept) {
        if (concept.path("text").isTextual()) return concept.get("text").asText();
        JsonNode c = concept.path("coding").path(0);
        return c.isMissingNode() ? "" : c.path("display").asText(c.path("code").asText(""));
    }
}
