package org.livercast.core.endpoint;

/** Which events end recurrence-free survival; the protocols differ. */
public enum RfsEvents {
    /** P3: radiologically confirmed recurrence; death without recurrence censors at the date of death. */
    RECURRENCE,
    /** P4: first of recurrence or death from any cause. */
    RECURRENCE_OR_DEATH
}
