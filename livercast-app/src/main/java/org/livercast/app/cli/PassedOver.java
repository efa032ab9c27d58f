package org.livercast.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.data.UnusableInputException;

/**
 * The patients of a batch whose inputs are rejected (a slide without its features file, a damaged scan): each named on
 * stderr and passed over, so the others are scored and stored; the exit code then says that not all were. A batch of
 * one patient fails with that patient's error, as it would alone.
 */
final class PassedOver {
    private final int patients;
    private final PrintWriter err;
    private final List<String> ids = new ArrayList<>();

    PassedOver(int patients, PrintWriter err) {
        this.patients = patients;
        this.err = err;
    }

    /** Names the patient and passes over it; rethrows when it is the batch's only patient. */
    void add(PatientCase c, UnusableInputException e) throws UnusableInputException {
        if (patients == 1) throw e;
        ids.add(c.id());
        err.println("livercast: " + c.id() + " not scored: " + e.getMessage());
    }

    /** {@link ExitCodes#OK}, or {@link ExitCodes#INPUT_REJECTED} with how many were passed over. */
    int exitCode() {
        if (ids.isEmpty()) return ExitCodes.OK;
        err.printf(Locale.ROOT, "livercast: %d of %d patients not scored (their inputs are rejected above); the other %d are stored%n",
                ids.size(), patients, patients - ids.size());
        return ExitCodes.INPUT_REJECTED;
    }
}
