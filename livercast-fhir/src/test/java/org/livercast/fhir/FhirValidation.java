package org.livercast.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;

/**
 * The HL7 FHIR validator (through HAPI, offline: R4's own definitions from the classpath) with LiverCast's CodeSystem
 * loaded, so a code LiverCast writes that its CodeSystem lacks, or a display that differs, is an error too.
 */
public final class FhirValidation {
    public static final FhirContext R4 = FhirContext.forR4();
    private static FhirValidator validator;

    private FhirValidation() {}

    public static synchronized FhirValidator validator() {
        if (validator != null) return validator;
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(R4);
        ours.addCodeSystem(R4.newJsonParser().parseResource(CodeSystem.class, LiverCastCodes.codeSystem("test").toString()));
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(R4), ours,
                new InMemoryTerminologyServerValidationSupport(R4), new CommonCodeSystemsTerminologyService(R4),
                new SnapshotGeneratingValidationSupport(R4));
        FhirValidator v = R4.newValidator();
        v.registerValidatorModule(new FhirInstanceValidator(chain));
        validator = v;
        return v;
    }

    /**
     * Every warning and error the validator has for the resource (as JSON), with where it is — but its best-practice
     * wish for an Observation's effective date: a staging of a record whose dates ingest de-identified has no true date,
     * and LiverCast leaves it out rather than give a false one.
     */
    public static List<String> problems(String json) {
        return validator().validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
                .filter(m -> !m.getMessage().contains("all observations should have an effective[x]"))
                .map(FhirValidation::describe).toList();
    }

    public static List<String> errors(String json) {
        return validator().validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(FhirValidation::describe).toList();
    }

    private static String describe(SingleValidationMessage m) { return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage(); }
}
