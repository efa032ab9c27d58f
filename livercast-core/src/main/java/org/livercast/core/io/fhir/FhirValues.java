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

    /** The reference to the Patient a resource is about: its subject's, else its patient's ("Patient/ID", a URL, urn:uuid:…). */
    static Optional<String> patientReference(JsonNode r) {
        for (String f : new String[] {"subject", "patient"}) {
            String ref = r.path(f).path("reference").asText("");
            if (!ref.isBlank()) return Optional.of(ref);
        }
        return Optional.empty();
    }

    /**
     * The resource a reference names among {@code byName} (by {@code Type/id} or a Bundle's fullUrl), or — a full URL
     * ending in {@code Type/id} — by that tail.
     */
    static <T> Optional<T> resolve(String reference, java.util.Map<String, T> byName) {
        T direct = byName.get(reference);
        if (direct != null) return Optional.of(direct);
        String[] parts = reference.split("/");
        if (parts.length >= 2) {
            T tail = byName.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            if (tail != null) return Optional.of(tail);
            if (parts.length >= 4 && parts[parts.length - 2].equals("_history")) return Optional.ofNullable(byName.get(parts[parts.length - 4] + "/" + parts[parts.length - 3]));
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
