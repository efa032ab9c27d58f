package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.livercast.study.models.Diagnoses;

/**
 * A diagnosis (P5) as a FHIR RiskAssessment of what the lesion is, before surgery: malignant, and HCC, intrahepatic
 * cholangiocarcinoma or benign (the three add up to 1).
 */
public final class DiagnosisAssessment {
    private DiagnosisAssessment() {}

    public static ObjectNode of(Diagnoses.Recorded recorded) {
        Diagnoses.Stored d = recorded.diagnosis();
        String id = FhirIds.diagnosis(recorded.diagnosisId());
        ObjectNode ra = Assessments.start(id, "diagnosis", d.modelId(), FhirIds.patient(d.centreId(), d.patientId()), recorded.diagnosedAt(),
                "Diagnosis of a liver lesion before surgery");
        Assessments.prediction(ra, "malignant-lesion", "The lesion is malignant", FhirJson.decimal(d.probabilityMalignant()), null);
        Assessments.prediction(ra, "hepatocellular-carcinoma", "The lesion is a hepatocellular carcinoma", Assessments.clamp(FhirJson.decimal(d.probabilityHcc())), null);
        Assessments.prediction(ra, "intrahepatic-cholangiocarcinoma", "The lesion is an intrahepatic cholangiocarcinoma",
                Assessments.clamp(FhirJson.decimal(d.probabilityIcc())), null);
        Assessments.prediction(ra, "benign-lesion", "The lesion is benign", Assessments.clamp(FhirJson.complement(d.probabilityMalignant())), null);
        String line = "Inputs SHA-256 " + d.inputSha256() + ".";
        Assessments.note(ra, line);
        Assessments.narrative(ra, ModelDevice.name("diagnosis", d.modelId()) + ": the lesion before surgery", List.of(line));
        return ra;
    }
}
