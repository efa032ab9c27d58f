package org.livercast.core.model;

import java.time.LocalDate;
import org.livercast.core.Checks;

/**
 * An adverse event graded by CTCAE v5: {@code term} is the CTCAE term (e.g. "Alanine aminotransferase
 * increased"), {@code grade} 1-5 (5 = death related to the event).
 */
public record AdverseEvent(LocalDate date, String term, int grade, boolean serious) implements TimelineEvent {
    public AdverseEvent {
        Checks.required("adverse_event.date", date);
        Checks.requiredText("adverse_event.term", term);
        Checks.inRange("adverse_event.grade", grade, 1, 5);
    }

    public boolean gradeThreeOrMore() { return grade >= 3; }
}
