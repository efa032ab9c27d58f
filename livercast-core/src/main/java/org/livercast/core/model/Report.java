package org.livercast.core.model;

import java.time.LocalDate;
import org.livercast.core.Checks;

/**
 * Free-text pathology or radiology report, in the language it was written in.
 *
 * @param transcribedBy how its text was read from an image when it came as a scan ("by OCR (Tesseract 5.3.0, chi_sim;
 *                      1 page, mean confidence 91%)"): a reader should check it against the scan; null when it came as text
 */
public record Report(Kind kind, LocalDate date, String language, String text, String transcribedBy) {
    public enum Kind { PATHOLOGY, RADIOLOGY }

    public Report {
        Checks.required("report.kind", kind);
        Checks.requiredText("report.text", text);
    }

    /** A report that came as text. */
    public Report(Kind kind, LocalDate date, String language, String text) { this(kind, date, language, text, null); }
}
