package org.livercast.core.model;

import java.time.LocalDate;
import org.livercast.core.Checks;

/** Free-text pathology or radiology report, in the language it was written in. */
public record Report(Kind kind, LocalDate date, String language, String text) {
    public enum Kind { PATHOLOGY, RADIOLOGY }

    public Report {
        Checks.required("report.kind", kind);
        Checks.requiredText("report.text", text);
    }
}
