package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.facts.Staging;
import org.livercast.core.protocol.rule.Fact;

/**
 * The patient's staging (BCLC, CNLC, Child-Pugh, ALBI, the transplant criteria, AJCC 8, IMbrave050) as FHIR
 * Observations, one per staging the record allows (one it cannot compute is left out, not guessed): what a receiving
 * system would otherwise recompute, computed once by the calculators the protocols screen with. The staging is of the
 * pre-operative record: its effective date is the screening date — left out when the record's dates are de-identified
 * (shifted by ingest so that surgery falls on 2000-01-01), as no true date is known then. Its performer is the centre
 * whose record it stages.
 */
public final class StagingObservations {
    private StagingObservations() {}

    public static List<ObjectNode> of(PatientRecord record) {
        String patient = FhirIds.patient(record.patient().centreId(), record.id());
        List<ObjectNode> out = new ArrayList<>();
        for (Staging.Item i : Staging.of(record, record.lastKnownDate().orElse(LocalDate.now()))) {
            if (!(i.value() instanceof Fact.Known k)) continue;
            String code = LiverCastCodes.staging(i.kind());
            ObjectNode o = FhirJson.resource("Observation", FhirIds.observation(patient, code));
            o.put("status", "final");
            o.set("code", FhirJson.concept(LiverCastCodes.coding(code), i.label()));
            o.set("subject", FhirJson.reference("Patient", patient, null));
            if (!org.livercast.core.model.StoredDates.shifted(record) && record.patient().screeningDate() != null) {
                o.put("effectiveDateTime", record.patient().screeningDate().toString());
            }
            o.putArray("performer").add(FhirJson.logicalReference("Organization", LiverCastCodes.CENTRE, record.patient().centreId(),
                    "centre " + record.patient().centreId()));
            String shown = value(o, i, k.value());
            o.set("method", FhirJson.text("LiverCast's calculator on the pre-operative record (the fact " + i.fact() + " the protocols screen with)"));
            o.set("text", FhirJson.narrative("<p>" + FhirJson.esc(i.label()) + ": <b>" + FhirJson.esc(shown) + "</b></p>"));
            out.add(o);
        }
        return out;
    }

    /** Sets the value[x] the kind of value calls for; returns it as a reader sees it. */
    private static String value(ObjectNode o, Staging.Item i, Object v) {
        if (v instanceof Boolean b) {
            o.put("valueBoolean", b);
            return b ? "yes" : "no";
        }
        if (v instanceof Double d && i.integer()) {
            o.put("valueInteger", Math.round(d));
            return Long.toString(Math.round(d));
        }
        if (v instanceof Double d) {
            o.putObject("valueQuantity").put("value", FhirJson.decimal(d));
            return String.format(Locale.ROOT, "%.2f", d);
        }
        o.put("valueString", String.valueOf(v));
        return String.valueOf(v);
    }
}
