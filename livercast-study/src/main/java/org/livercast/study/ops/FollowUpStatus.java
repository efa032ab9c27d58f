package org.livercast.study.ops;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.livercast.core.model.FollowUpVisit;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.protocol.FollowUpSchedule;

/**
 * A patient's follow-up against the protocol's schedule as of a date: each due visit is done (a follow-up contact fell
 * in its window), overdue (its window has closed without one), due (the window is open) or upcoming. Visits stop at
 * death and at loss to follow-up.
 */
public final class FollowUpStatus {
    public enum State { DONE, OVERDUE, DUE, UPCOMING }

    public record VisitStatus(FollowUpSchedule.Visit visit, State state, LocalDate doneOn) {}

    private FollowUpStatus() {}

    public static List<VisitStatus> of(FollowUpSchedule schedule, PatientRecord record, LocalDate asOf) {
        return of(schedule, record, asOf, null);
    }

    /** @param lostToFollowUp the date the patient was declared lost, or null: no visit is due after it */
    public static List<VisitStatus> of(FollowUpSchedule schedule, PatientRecord record, LocalDate asOf, LocalDate lostToFollowUp) {
        LocalDate surgery = record.surgeryDate().orElse(null);
        if (surgery == null || schedule == null) return List.of();
        LocalDate death = record.death().map(TimelineEvent::date).orElse(null);
        List<VisitStatus> out = new ArrayList<>();
        for (FollowUpSchedule.Visit v : schedule.visits(surgery)) {
            if (death != null && v.windowStart().isAfter(death)) break;
            if (lostToFollowUp != null && v.windowStart().isAfter(lostToFollowUp)) break;
            LocalDate done = record.events().stream().filter(e -> e instanceof FollowUpVisit)
                    .map(TimelineEvent::date).filter(d -> !d.isAfter(asOf))           // as of that date: later contacts are not known yet
                    .filter(d -> !d.isBefore(v.windowStart()) && !d.isAfter(v.windowEnd())).findFirst().orElse(null);
            State s = done != null ? State.DONE : v.windowEnd().isBefore(asOf) ? State.OVERDUE : v.windowStart().isAfter(asOf) ? State.UPCOMING : State.DUE;
            out.add(new VisitStatus(v, s, done));
        }
        return out;
    }
}
