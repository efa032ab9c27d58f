package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * How an assessment was made, as a FHIR Provenance: the model (its Device) assembled it, at the time it was recorded,
 * from inputs identified by their SHA-256 — what anyone holding the same inputs and the model needs to reproduce it.
 */
public final class InputProvenance {
    private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    private InputProvenance() {}

    public static ObjectNode of(String riskAssessmentId, OffsetDateTime recorded, String kind, String modelId, String inputSha256) {
        ObjectNode p = FhirJson.resource("Provenance", FhirIds.provenanceOf(riskAssessmentId));
        p.putArray("target").add(FhirJson.reference("RiskAssessment", riskAssessmentId, null));
        p.put("recorded", FhirJson.instant(recorded));
        ObjectNode agent = p.putArray("agent").addObject();
        agent.set("type", FhirJson.concept(FhirJson.coding(PARTICIPANT_TYPE, "assembler", "Assembler"), "the model that computed it"));
        agent.set("who", FhirJson.reference("Device", modelId, ModelDevice.name(kind, modelId)));
        if (inputSha256 != null) {
            ObjectNode entity = p.putArray("entity").addObject().put("role", "source");
            entity.set("what", FhirJson.logicalReference(null, LiverCastCodes.INPUT_SHA256, inputSha256, "the model's input vectors"));
        }
        p.set("text", FhirJson.narrative("<p>" + FhirJson.esc(riskAssessmentId) + " was computed by " + FhirJson.esc(ModelDevice.name(kind, modelId))
                + " at " + FhirJson.instant(recorded) + (inputSha256 == null ? "" : " from inputs with SHA-256 " + inputSha256) + ".</p>"));
        return p;
    }
}
