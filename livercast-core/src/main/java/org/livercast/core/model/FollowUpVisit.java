package org.livercast.core.model;

import java.time.LocalDate;
import org.livercast.core.Checks;

/**
 * A follow-up contact. {@code imaging} is true for a surveillance scan (the visits that can confirm a
 * recurrence); a plain clinic or telephone contact still proves the patient was alive on that date.
 */
public record FollowUpVisit(LocalDate date, boolean imaging, String note) implements TimelineEvent {
    public FollowUpVisit {
        Checks.required("visit.date", date);
    }
}
