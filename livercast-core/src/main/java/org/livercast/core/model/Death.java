package org.livercast.core.model;

import java.time.LocalDate;
import org.livercast.core.Checks;

/** Death from any cause (OS counts all); {@code cause} is free text when known. */
public record Death(LocalDate date, String cause) implements TimelineEvent {
    public Death {
        Checks.required("death.date", date);
    }
}
