package org.livercast.core.endpoint;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.livercast.core.InvalidValueException;
import org.livercast.core.model.Death;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Recurrence;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.staging.TransplantCriteria;

/**
 * Endpoints derived from a patient's timeline as of a data cut-off date. Anything dated after the cut-off is
 * unseen; a patient known to be followed past the cut-off is censored at the cut-off. Times count days from
 * surgery. Recurrence dates are the date of the confirming scan.
 */
public final class Endpoints {
    /** Aggressive recurrence: first recurrence beyond Milan within two years (730 days) of surgery. */
    public static final int AGGRESSIVE_RECURRENCE_WINDOW_DAYS = 730;
    public static final int THREE_YEARS_DAYS = 1095;

    private final PatientRecord record;
    private final LocalDate cutoff;
    private final LocalDate surgery;

    private Endpoints(PatientRecord record, LocalDate cutoff) {
        this.record = record;
        this.cutoff = cutoff;
        this.surgery = record.surgeryDate().orElseThrow(() ->
                new InvalidValueException("surgery_date", null, "is required to derive endpoints for patient " + record.id()));
        if (cutoff.isBefore(surgery)) {
            throw new InvalidValueException("data_cutoff", cutoff, "is before surgery_date (" + surgery + ") of patient " + record.id());
        }
    }

    public static Endpoints of(PatientRecord record, LocalDate dataCutoff) { return new Endpoints(record, dataCutoff); }

    /** The last date the patient is known to have been followed, capped at the cut-off. */
    public LocalDate lastFollowUp() {
        LocalDate last = surgery;
        for (TimelineEvent e : record.events()) {
            if (e.date().isAfter(last)) last = e.date();
        }
        return last.isAfter(cutoff) ? cutoff : last;
    }

    public TimeToEvent rfs(RfsEvents definition) { return rfs(definition, null); }

    /** @param horizonDays administrative censoring (P4 counts RFS up to 3 years); null for none */
    public TimeToEvent rfs(RfsEvents definition, Integer horizonDays) {
        Optional<LocalDate> recurrence = firstRecurrence().map(Recurrence::date);
        Optional<LocalDate> death = death().map(Death::date);
        LocalDate eventDate = recurrence.orElse(null);
        if (definition == RfsEvents.RECURRENCE_OR_DEATH && death.isPresent()
                && (eventDate == null || death.get().isBefore(eventDate))) {
            eventDate = death.get();
        }
        return censorAt(eventDate, horizonDays);
    }

    public TimeToEvent os() { return os(null); }

    public TimeToEvent os(Integer horizonDays) { return censorAt(death().map(Death::date).orElse(null), horizonDays); }

    /**
     * YES when the first recurrence is beyond Milan and confirmed within 730 days; NO when the first recurrence is
     * within Milan, comes later, or the patient was followed 730 days (or died) without recurrence; NOT_EVALUABLE
     * when follow-up stopped earlier with no recurrence.
     */
    public BinaryOutcome aggressiveRecurrence() {
        Optional<Recurrence> first = firstRecurrence();
        if (first.isPresent() && daysTo(first.get().date()) <= AGGRESSIVE_RECURRENCE_WINDOW_DAYS) {
            return TransplantCriteria.beyondMilan(first.get().burden())
                    ? BinaryOutcome.yes("first recurrence beyond Milan on day " + daysTo(first.get().date()))
                    : BinaryOutcome.no("first recurrence within Milan on day " + daysTo(first.get().date()));
        }
        return noEventBy(AGGRESSIVE_RECURRENCE_WINDOW_DAYS, first.isPresent(), "recurrence beyond Milan");
    }

    /** Any recurrence confirmed within {@code days} of surgery (P4: recurrence rate at 3 years). */
    public BinaryOutcome recurrenceWithin(int days) {
        Optional<Recurrence> first = firstRecurrence();
        if (first.isPresent() && daysTo(first.get().date()) <= days) {
            return BinaryOutcome.yes("recurrence on day " + daysTo(first.get().date()));
        }
        return noEventBy(days, first.isPresent(), "recurrence");
    }

    public BinaryOutcome recurrenceByThreeYears() { return recurrenceWithin(THREE_YEARS_DAYS); }

    private BinaryOutcome noEventBy(int days, boolean recurredLater, String what) {
        if (recurredLater) return BinaryOutcome.no("first recurrence after day " + days);
        Optional<Death> death = death();
        if (death.isPresent() && daysTo(death.get().date()) <= days) {
            return BinaryOutcome.no("died without " + what + " on day " + daysTo(death.get().date()));
        }
        long followed = daysTo(lastFollowUp());
        if (followed >= days) return BinaryOutcome.no("no " + what + " in " + followed + " days of follow-up");
        return BinaryOutcome.notEvaluable("followed " + followed + " days without " + what + "; need " + days);
    }

    private TimeToEvent censorAt(LocalDate eventDate, Integer horizonDays) {
        TimeToEvent t = eventDate != null && !eventDate.isAfter(cutoff)
                ? new TimeToEvent(daysTo(eventDate), true)
                : new TimeToEvent(daysTo(lastFollowUp()), false);
        if (horizonDays != null && t.days() > horizonDays) return new TimeToEvent(horizonDays, false);
        return t;
    }

    private Optional<Recurrence> firstRecurrence() {
        return record.firstRecurrence().filter(r -> !r.date().isAfter(cutoff));
    }

    private Optional<Death> death() { return record.death().filter(d -> !d.date().isAfter(cutoff)); }

    private long daysTo(LocalDate date) { return ChronoUnit.DAYS.between(surgery, date); }
}
