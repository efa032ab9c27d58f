package org.livercast.core.protocol;

import java.time.LocalDate;
import java.util.Map;
import org.livercast.core.Checks;
import org.livercast.core.model.PatientRecord;

/**
 * What a screening sees: the patient record, the date it is done on (follow-up facts such as "death within 90
 * days" depend on it), and locked model outputs by name ({@code pre_score}, {@code post_score}).
 */
public record ScreeningContext(PatientRecord record, LocalDate asOf, Map<String, Double> modelOutputs) {
    public ScreeningContext {
        Checks.required("record", record);
        Checks.required("as_of", asOf);
        modelOutputs = Map.copyOf(modelOutputs == null ? Map.of() : modelOutputs);
    }

    /** Ages and imaging windows are taken on the screening date, else the surgery date, else {@code asOf}. */
    public LocalDate referenceDate() {
        if (record.patient().screeningDate() != null) return record.patient().screeningDate();
        return record.surgeryDate().orElse(asOf);
    }
}
