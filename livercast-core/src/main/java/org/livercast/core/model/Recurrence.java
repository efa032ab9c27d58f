package org.livercast.core.model;

import java.time.LocalDate;
import org.livercast.core.Checks;

/**
 * A radiologically confirmed recurrence. {@code date} is the date of the confirming scan (recurrences are
 * interval-censored between scans; LiverCast, like the protocols, dates them by the scan that showed them).
 * {@code burden} holds the intrahepatic nodules with sizes, macrovascular invasion and extrahepatic spread, the
 * inputs of "beyond Milan".
 */
public record Recurrence(LocalDate date, TumourBurden burden) implements TimelineEvent {
    public Recurrence {
        Checks.required("recurrence.date", date);
        Checks.required("recurrence.burden", burden);
        if (burden.nodules().isEmpty() && !burden.macrovascularInvasion() && !burden.extrahepaticSpread()) {
            throw new org.livercast.core.InvalidValueException("recurrence.burden", "empty",
                    "a recurrence needs at least one intrahepatic nodule, macrovascular invasion or extrahepatic spread");
        }
    }
}
