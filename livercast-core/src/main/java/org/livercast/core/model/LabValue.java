package org.livercast.core.model;

import java.time.LocalDate;
import org.livercast.core.Checks;

/**
 * One laboratory result as reported (value and unit kept for audit); {@link #canonicalValue()} is what every
 * calculator reads. Construction validates the unit and the plausible range.
 */
public record LabValue(Analyte analyte, double reportedValue, String reportedUnit, LocalDate date) {
    public LabValue {
        Checks.required("labs.analyte", analyte);
        analyte.toCanonical(reportedValue, reportedUnit);
    }

    public static LabValue of(Analyte analyte, double value, String unit) {
        return new LabValue(analyte, value, unit, null);
    }

    public double canonicalValue() { return analyte.toCanonical(reportedValue, reportedUnit); }
}
