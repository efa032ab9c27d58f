package org.livercast.core.io;

import java.util.List;
import org.livercast.core.model.PatientRecord;

/**
 * What a clinical CSV pair holds: the patient records that parsed, and every row error. Importers must treat a
 * non-empty {@code errors} as "reject the whole file".
 */
public record ClinicalData(List<PatientRecord> records, List<RowError> errors) {
    public ClinicalData {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
    }

    public boolean valid() { return errors.isEmpty(); }
}
