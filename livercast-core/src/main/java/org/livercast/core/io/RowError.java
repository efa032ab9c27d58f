package org.livercast.core.io;

/** One reason a row of an input file is rejected: where (file, line), which field, what value, and why. */
public record RowError(String file, long line, String patientId, String field, String value, String reason) {
    @Override public String toString() {
        return file + ":" + line + (patientId == null ? "" : " [" + patientId + "]") + " " + field
                + (value == null || value.isEmpty() ? "" : " = '" + value + "'") + ": " + reason;
    }
}
