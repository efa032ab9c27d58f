package org.livercast.core.protocol;

import java.util.List;

/**
 * A study protocol as data: criteria, cohorts, endpoints and follow-up schedule. Loaded and validated by
 * {@link Protocols}; versioned so that a screening result names the exact version it applied.
 */
public record Protocol(int schemaVersion, String id, String version, String title, String design,
                       Integer targetEnrolment, List<Criterion> inclusion, List<Criterion> exclusion,
                       List<Cohort> cohorts, List<EndpointSpec> endpoints, FollowUpSchedule followUp) {
    public Protocol {
        inclusion = List.copyOf(inclusion == null ? List.of() : inclusion);
        exclusion = List.copyOf(exclusion == null ? List.of() : exclusion);
        cohorts = List.copyOf(cohorts == null ? List.of() : cohorts);
        endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
    }
}
