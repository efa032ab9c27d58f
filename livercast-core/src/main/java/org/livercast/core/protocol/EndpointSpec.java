package org.livercast.core.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.endpoint.RfsEvents;
import org.livercast.core.model.PatientRecord;

/**
 * An endpoint as a protocol states it. {@code type} is one of {@code aggressive_recurrence} (first recurrence beyond
 * Milan within 730 days), {@code recurrence_within} ({@code days}), {@code rfs} ({@code events}: recurrence or
 * recurrence_or_death, optional {@code horizonDays}), {@code os} (optional {@code horizonDays}),
 * {@code histologic_diagnosis} (the lesion's pathological diagnosis from surgery or biopsy: the reference standard a
 * diagnostic study measures a model against). {@code cohort}, optional, names the protocol's cohort the endpoint is
 * analysed in (P5's PFS and OS: the prognostic cohort); without it, every analysed patient.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSpec(String id, String text, String type, Boolean primary, Integer days, String events,
                           Integer horizonDays, String cohort) {
    public static final java.util.Set<String> TYPES = java.util.Set.of("aggressive_recurrence", "recurrence_within", "rfs", "os",
            "histologic_diagnosis");

    /**
     * A {@link org.livercast.core.endpoint.BinaryOutcome}, a {@link org.livercast.core.endpoint.TimeToEvent} or, for
     * histologic_diagnosis, the {@link org.livercast.core.model.Diagnosis} (null when pathology has not given one).
     */
    public Object evaluate(PatientRecord record, LocalDate dataCutoff) {
        Endpoints e = Endpoints.of(record, dataCutoff);
        return switch (type) {
            case "aggressive_recurrence" -> e.aggressiveRecurrence();
            case "recurrence_within" -> e.recurrenceWithin(days);
            case "rfs" -> e.rfs(rfsEvents(), horizonDays);
            case "os" -> e.os(horizonDays);
            case "histologic_diagnosis" -> record.pathology().diagnosis();
            default -> throw new IllegalStateException("unknown endpoint type " + type);
        };
    }

    public RfsEvents rfsEvents() {
        return RfsEvents.valueOf(events.toUpperCase(java.util.Locale.ROOT));
    }
}
