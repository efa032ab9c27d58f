package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import static org.livercast.core.io.fhir.FhirJson.esc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Sex;

/**
 * A stored patient as a FHIR Patient: the centre's pseudonym (never the hospital's MRN: the store holds none), labelled
 * pseudonymised; sex; birth date and death; the centre. Only what a receiving system needs to match the assessments to
 * the patient it sent; the clinical record stays in LiverCast.
 */
public final class PatientResource {
    private static final String SECURITY = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    private PatientResource() {}

    public static ObjectNode of(PatientRecord record) {
        var p = record.patient();
        ObjectNode r = FhirJson.resource("Patient", FhirIds.patient(p.centreId(), p.id()));
        StringBuilder text = new StringBuilder("<p>Patient <b>" + esc(p.id()) + "</b> of centre " + esc(p.centreId()));
        r.putObject("meta").putArray("security").add(FhirJson.coding(SECURITY, "PSEUDED", "pseudonymized"));
        r.putArray("identifier").add(FhirJson.identifier(LiverCastCodes.patientSystem(p.centreId()), p.id()));
        r.put("active", true);
        if (p.sex() != null) {
            r.put("gender", p.sex() == Sex.MALE ? "male" : "female");
            text.append(", ").append(r.get("gender").asText());
        }
        // Ingest's de-identified dates are not the patient's: no birth date, and death becomes a yes.
        boolean shifted = org.livercast.core.model.StoredDates.shifted(record);
        if (p.birthDate() != null && !shifted) {
            r.put("birthDate", p.birthDate().toString());
            text.append(", born ").append(p.birthDate());
        }
        record.death().ifPresent(d -> {
            if (shifted) r.put("deceasedBoolean", true);
            else r.put("deceasedDateTime", d.date().toString());
            text.append(shifted ? ", deceased" : ", died " + d.date());
        });
        if (shifted) text.append(" (dates de-identified: days from surgery; not given)");
        r.set("managingOrganization", FhirJson.logicalReference("Organization", LiverCastCodes.CENTRE, p.centreId(), "centre " + p.centreId()));
        r.set("text", FhirJson.narrative(text.append(".</p>").toString()));
        return r;
    }
}
