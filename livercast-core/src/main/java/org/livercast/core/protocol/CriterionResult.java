package org.livercast.core.protocol;

import java.util.List;

/**
 * The outcome of one criterion for one patient. For an exclusion criterion MET means the patient is excluded.
 * {@code missingFields} names what must be recorded to decide an UNKNOWN.
 */
public record CriterionResult(String criterionId, Kind kind, String text, Outcome outcome, List<String> missingFields) {
    public enum Kind { INCLUSION, EXCLUSION }

    public enum Outcome { MET, NOT_MET, UNKNOWN, NEEDS_PERSON }

    public CriterionResult {
        missingFields = List.copyOf(missingFields);
    }

    /** True when this criterion, as it stands, keeps the patient out. */
    public boolean excludes() {
        return (kind == Kind.INCLUSION && outcome == Outcome.NOT_MET) || (kind == Kind.EXCLUSION && outcome == Outcome.MET);
    }
}
