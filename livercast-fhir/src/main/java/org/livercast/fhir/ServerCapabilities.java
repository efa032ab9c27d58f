package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * What LiverCast's FHIR endpoint does, as the CapabilityStatement a client reads from {@code /metadata} first: R4, JSON,
 * read of Patient, Observation (staging), RiskAssessment, Provenance, Device and CodeSystem, Observation search by patient, Patient search by identifier, RiskAssessment
 * search by patient, and Patient/$everything.
 */
public final class ServerCapabilities {
    private ServerCapabilities() {}

    public static ObjectNode statement(String codeVersion) {
        ObjectNode c = FhirJson.resource("CapabilityStatement", "livercast");
        c.set("text", FhirJson.narrative("<p>LiverCast's FHIR R4 endpoint: its patients' recurrence, survival, diagnosis and adjuvant-therapy"
                + " assessments, the models that made them and their provenance; read only, JSON.</p>"));
        c.put("status", "active").put("date", LocalDate.now().toString()).put("publisher", "LiverCast").put("kind", "instance")
                .put("fhirVersion", FhirJson.FHIR_VERSION);
        c.putObject("software").put("name", "LiverCast").put("version", codeVersion);
        c.putObject("implementation").put("description", "LiverCast FHIR endpoint");
        c.putArray("format").add("json").add(FhirJson.MIME_TYPE);
        ObjectNode rest = c.putArray("rest").addObject().put("mode", "server")
                .put("documentation", "Sign in at /login; send the session cookie, or its token as `Authorization: Bearer` with the token."
                        + " Each user sees the patients of their own centre; every read is audited.");
        rest.putObject("security").put("description", "Session token from /login; per-centre access; audited reads");
        ArrayNode resources = rest.putArray("resource");
        ObjectNode patient = resource(resources, "Patient");
        patient.withArray("interaction").addObject().put("code", "search-type");
        patient.withArray("searchParam").addObject().put("name", "identifier").put("type", "token")
                .put("definition", "http://hl7.org/fhir/SearchParameter/Patient-identifier")
                .put("documentation", "system|value: the centre's patient system and the pseudonym");
        patient.withArray("operation").addObject().put("name", "everything")
                .put("definition", "http://hl7.org/fhir/OperationDefinition/Patient-everything");
        ObjectNode ra = resource(resources, "RiskAssessment");
        ra.withArray("interaction").addObject().put("code", "search-type");
        ra.withArray("searchParam").addObject().put("name", "patient").put("type", "reference")
                .put("definition", "http://hl7.org/fhir/SearchParameter/clinical-patient");
        ra.withArray("searchParam").addObject().put("name", "subject").put("type", "reference")
                .put("definition", "http://hl7.org/fhir/SearchParameter/RiskAssessment-subject");
        ObjectNode obs = resource(resources, "Observation");
        obs.withArray("interaction").addObject().put("code", "search-type");
        obs.withArray("searchParam").addObject().put("name", "patient").put("type", "reference")
                .put("definition", "http://hl7.org/fhir/SearchParameter/clinical-patient");
        resource(resources, "Provenance");
        resource(resources, "Device");
        resource(resources, "CodeSystem");
        return c;
    }

    private static ObjectNode resource(ArrayNode resources, String type) {
        ObjectNode r = resources.addObject().put("type", type);
        r.putArray("interaction").addObject().put("code", "read");
        return r;
    }
}
