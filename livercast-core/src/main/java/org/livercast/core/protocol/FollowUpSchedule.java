package org.livercast.core.protocol;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * When follow-up visits are due: periods after surgery, each with an interval and the assessments done, and a
 * tolerance window either side of each due date.
 */
public record FollowUpSchedule(int windowDays, List<Period> periods) {
    public record Period(int fromDays, int toDays, int intervalDays, List<String> assessments) {}

    public FollowUpSchedule {
        periods = List.copyOf(periods);
    }

    /** A due visit: its day after surgery, the calendar date, and what it assesses. */
    public record Visit(int dayAfterSurgery, LocalDate dueDate, LocalDate windowStart, LocalDate windowEnd,
                        List<String> assessments) {}

    public List<Visit> visits(LocalDate surgeryDate) {
        List<Visit> out = new ArrayList<>();
        for (Period p : periods) {
            for (int day = p.fromDays() + p.intervalDays(); day <= p.toDays(); day += p.intervalDays()) {
                LocalDate due = surgeryDate.plusDays(day);
                out.add(new Visit(day, due, due.minusDays(windowDays), due.plusDays(windowDays), p.assessments()));
            }
        }
        return out;
    }
}
