package org.livercast.core.protocol;

import java.time.LocalDate;
import java.util.List;

/**
 * A patient screened against one protocol version: per-criterion outcomes, the overall decision, and the cohorts
 * whose rule the patient meets.
 */
public record ScreeningResult(String protocolId, String protocolVersion, String patientId, LocalDate asOf,
                              Decision decision, List<CriterionResult> criteria, List<String> cohorts) {
    public enum Decision {
        /** Every inclusion met, no exclusion met, nothing left for a person. */
        ELIGIBLE,
        /** An inclusion criterion is not met or an exclusion criterion is met. */
        NOT_ELIGIBLE,
        /** Nothing excludes the patient yet, but data are missing to decide. */
        INCOMPLETE,
        /** Data decide every rule; what remains is a person's judgement. */
        NEEDS_REVIEW
    }

    public ScreeningResult {
        criteria = List.copyOf(criteria);
        cohorts = List.copyOf(cohorts);
    }

    public List<String> missingFields() {
        return criteria.stream().flatMap(c -> c.missingFields().stream()).distinct().toList();
    }
}
