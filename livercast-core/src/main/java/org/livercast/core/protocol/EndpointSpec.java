package org.livercast.core.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.endpoint.RfsEvents;
import org.livercast.core.model.PatientRecord;

/**
 * An endpoint as a protocol states it. {@code type} is one of {@code aggressive_recurrence} (first recurrence beyond
 * Milan within 730 days), {@code recurrence_within} ({@code days}), {@code rfs} ({@code events}: recurrence or
 * recurrence_or_death, optional {@code horizonDays}), {@code os} (optional {@code horizonDays}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSpec(String id, String text, String type, Boolean primary, Integer days, String events,
                           Integer horizonDays) {
    public static final java.util.Set<String> TYPES = java.util.Set.of("aggressive_recurrence", "recurrence_within", "rfs", "os");

    /** A {@link org.livercast.core.endpoint.BinaryOutcome} or a {@link org.livercast.core.endpoint.TimeToEvent}. */
    public Object evaluate(PatientRecord record, LocalDate dataCutoff) {
        Endpoints e = Endpoints.of(record, dataCutoff);
        return switch (type) {
            case "aggressive_recurrence" -> e.aggressiveRecurrence();
            case "recurrence_within" -> e.recurrenceWithin(days);
            case "rfs" -> e.rfs(rfsEvents(), horizonDays);
            case "os" -> e.os(horizonDays);
            default -> throw new IllegalStateException("unknown endpoint type " + type);
        };
    }

    public RfsEvents rfsEvents() {
        return RfsEvents.valueOf(events.toUpperCase(java.util.Locale.ROOT));
    }
}
