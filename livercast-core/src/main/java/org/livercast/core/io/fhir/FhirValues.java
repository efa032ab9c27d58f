package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.livercast.core.io.fhir.ClinicalCodes.Code;

/** Reading the few FHIR data types the clinical tables need: codings, dates, references, a value as a table cell. */
final class FhirValues {
    private FhirValues() {}

    /** A CodeableConcept's codings (system, code, display). */
    static List<Code> codings(JsonNode concept) {
        List<Code> out = new ArrayList<>();
        for (JsonNode c : concept.path("coding")) {
            if (c.path("system").isTextual() && c.path("code").isTextual()) out.add(new Code(c.get("system").asText(), c.get("code").asText(), c.path("display").asText(null)));
        }
        return out;
    }

    /** The day of a FHIR date or dateTime ("2024-01-25", "2024-01-25T08:00:00+08:00"); a partial date (year, month) has none. */
    static String day(JsonNode n) {
        if (n == null || !n.isTextual()) return null;
        String s = n.asText();
        return s.length() >= 10 ? s.substring(0, 10) : null;
    }

    /** When an Observation was made: effectiveDateTime, the start of effectivePeriod, effectiveInstant, else issued. */
    static String effective(JsonNode o) {
        for (String f : new String[] {"effectiveDateTime", "effectiveInstant", "issued"}) if (day(o.get(f)) != null) return day(o.get(f));
        return day(o.path("effectivePeriod").get("start"));
    }

    /** A Procedure's day: performedDateTime or the start of performedPeriod. */
    static String performed(JsonNode p) {
        String d = day(p.get("performedDateTime"));
        return d != null ? d : day(p.path("performedPeriod").get("start"));
    }

    /** The Patient a resource is about: subject, else patient ("Patient/ID", or a full URL ending so). */
    static Optional<String> patientId(JsonNode r) {
        for (String f : new String[] {"subject", "patient"}) {
            String ref = r.path(f).path("reference").asText("");
            int i = ref.lastIndexOf("Patient/");
            if (i >= 0) {
                String id = ref.substring(i + "Patient/".length());
                int slash = id.indexOf('/');
                return Optional.of(slash < 0 ? id : id.substring(0, slash));
            }
        }
        return Optional.empty();
    }

    /** A Condition's status code (clinical or verification), or "". */
    static String status(JsonNode condition, String field) {
        List<Code> c = codings(condition.path(field));
        return c.isEmpty() ? "" : c.get(0).code();
    }

    /** A decimal as the table writes it: as the sender wrote it, without exponent. */
    static String decimal(JsonNode n) { return n.decimalValue().stripTrailingZeros().scale() < 0 ? n.decimalValue().toBigInteger().toString() : n.decimalValue().stripTrailingZeros().toPlainString(); }
}
