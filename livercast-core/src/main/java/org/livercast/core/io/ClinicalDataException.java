package org.livercast.core.io;

import java.util.List;
import java.util.stream.Collectors;

/** Rejection of a clinical file: carries every row error, and prints them one per line. */
public final class ClinicalDataException extends RuntimeException {
    private final List<RowError> errors;

    public ClinicalDataException(List<RowError> errors) {
        super(errors.size() + " error(s); nothing was imported:\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<RowError> errors() { return errors; }
}
