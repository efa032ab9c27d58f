package org.livercast.core.model;

import java.time.LocalDate;

/** Something that happened to a patient on a date, after enrolment. */
public sealed interface TimelineEvent permits FollowUpVisit, Recurrence, Death, AdverseEvent {
    LocalDate date();
}
