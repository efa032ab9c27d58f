package org.livercast.core.protocol;

import java.util.List;

/**
 * A study protocol as data: criteria, cohorts, endpoints, follow-up schedule, and the model outputs it keeps from the
 * care team of its enrolled patients. Loaded and validated by {@link Protocols}; versioned so that a screening result
 * names the exact version it applied.
 */
public record Protocol(int schemaVersion, String id, String version, String title, String design,
                       Integer targetEnrolment, List<Criterion> inclusion, List<Criterion> exclusion,
                       List<Cohort> cohorts, List<EndpointSpec> endpoints, FollowUpSchedule followUp, List<Concealment> concealed) {
    public Protocol {
        concealed = List.copyOf(concealed == null ? List.of() : concealed);
        inclusion = List.copyOf(inclusion == null ? List.of() : inclusion);
        exclusion = List.copyOf(exclusion == null ? List.of() : exclusion);
        cohorts = List.copyOf(cohorts == null ? List.of() : cohorts);
        endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
    }

    /** Why this protocol keeps {@code output} from its enrolled patients' care team, if it does. */
    public java.util.Optional<Concealment> conceals(String output) {
        return concealed.stream().filter(c -> c.output().equals(output)).findFirst();
    }
}
