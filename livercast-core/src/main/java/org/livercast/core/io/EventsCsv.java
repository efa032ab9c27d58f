package org.livercast.core.io;

import java.util.List;
import java.util.Locale;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.Death;
import org.livercast.core.model.FollowUpVisit;
import org.livercast.core.model.Nodule;
import org.livercast.core.model.Recurrence;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.model.TumourBurden;

/**
 * The follow-up events file of the clinical CSV template: one row per event. {@code event_type} is one of
 * {@code visit} (clinic or telephone contact), {@code imaging} (surveillance scan without recurrence),
 * {@code recurrence} (date of the confirming scan, with the recurrence burden), {@code death} or
 * {@code adverse_event} (CTCAE v5 term and grade).
 */
final class EventsCsv {
    private EventsCsv() {}

    static final List<String> COLUMNS = List.of("patient_id", "event_date", "event_type", "recurrence_nodule_sizes_mm",
            "recurrence_macrovascular_invasion", "recurrence_extrahepatic_spread", "ctcae_term", "ctcae_grade",
            "serious", "cause", "note");

    record Row(String patientId, TimelineEvent event) {}

    static Row parse(CsvRow r) {
        String id = r.requiredText("patient_id");
        var date = r.date("event_date");
        if (date == null && r.errors().isEmpty()) r.error("event_date", "", "is required");
        String type = r.requiredText("event_type");
        if (!r.errors().isEmpty()) return null;
        TimelineEvent event = switch (type.toLowerCase(Locale.ROOT)) {
            case "visit" -> new FollowUpVisit(date, false, r.text("note"));
            case "imaging" -> new FollowUpVisit(date, true, r.text("note"));
            case "recurrence" -> recurrence(r, date);
            case "death" -> new Death(date, r.text("cause"));
            case "adverse_event" -> adverseEvent(r, date);
            default -> {
                r.error("event_type", type, "is not one of visit, imaging, recurrence, death, adverse_event");
                yield null;
            }
        };
        return event == null || !r.errors().isEmpty() ? null : new Row(id, event);
    }

    private static TimelineEvent recurrence(CsvRow r, java.time.LocalDate date) {
        List<Double> sizes = r.numbers("recurrence_nodule_sizes_mm");
        Boolean mvi = r.bool("recurrence_macrovascular_invasion");
        Boolean ehs = r.bool("recurrence_extrahepatic_spread");
        if (!r.errors().isEmpty()) return null;
        return r.build(() -> {
            List<Nodule> nodules = sizes.stream().map(Nodule::ofMm).toList();
            return new Recurrence(date, new TumourBurden(nodules, Boolean.TRUE.equals(mvi), Boolean.TRUE.equals(ehs)));
        });
    }

    private static TimelineEvent adverseEvent(CsvRow r, java.time.LocalDate date) {
        Integer grade = r.integer("ctcae_grade");
        Boolean serious = r.bool("serious");
        if (grade == null && r.errors().isEmpty()) r.error("ctcae_grade", "", "is required for an adverse event");
        if (!r.errors().isEmpty()) return null;
        return r.build(() -> new AdverseEvent(date, r.text("ctcae_term"), grade, Boolean.TRUE.equals(serious)));
    }
}
