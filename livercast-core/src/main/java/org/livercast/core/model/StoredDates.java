package org.livercast.core.model;

import java.time.LocalDate;

/**
 * The store's convention for de-identified dates: ingest moves every date of a patient by the same number of days so
 * that the day of surgery becomes {@link #SURGERY_DAY} (a stored date minus it is "days from surgery"). Such a record's
 * calendar dates — birth, death, screening — are not the patient's, and must not be shown or sent as if they were.
 */
public final class StoredDates {
    public static final LocalDate SURGERY_DAY = LocalDate.of(2000, 1, 1);

    private StoredDates() {}

    /** Whether the record's dates are ingest's shifted ones (its surgery falls on {@link #SURGERY_DAY}). */
    public static boolean shifted(PatientRecord record) { return record.surgeryDate().filter(SURGERY_DAY::equals).isPresent(); }
}
