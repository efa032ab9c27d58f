package org.livercast.ingest.deid;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Dates kept as offsets from surgery (PS3.15's Retain Longitudinal Temporal Information with Modified Dates): every
 * date of a patient moves by the same number of days, so that the day of surgery becomes {@link #ANCHOR}. A stored
 * date minus 2000-01-01 is therefore "days from surgery" (negative before it); intervals, visit windows and survival
 * times are unchanged, calendar dates are gone. A patient without surgery is anchored on the screening date.
 */
public record DateShift(LocalDate anchorOriginal) {
    public static final LocalDate ANCHOR = org.livercast.core.model.StoredDates.SURGERY_DAY;

    public long days() { return ChronoUnit.DAYS.between(anchorOriginal, ANCHOR); }

    public LocalDate shift(LocalDate d) { return d.plusDays(days()); }
}
