package org.livercast.core.model;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.livercast.core.Checks;
import org.livercast.core.InvalidValueException;

/**
 * Everything LiverCast knows about one patient: baseline, pre-operative imaging, treatment, pathology, slides,
 * reports and the follow-up timeline (sorted by date). Construction checks that dates are in order: no event
 * after death, no recurrence or visit before surgery, pre-operative imaging not after surgery.
 */
public record PatientRecord(Patient patient, List<ImagingStudy> imaging, Treatment treatment, Pathology pathology,
                            List<Slide> slides, List<Report> reports, List<TimelineEvent> events) {
    public PatientRecord {
        Checks.required("patient", patient);
        imaging = List.copyOf(imaging == null ? List.of() : imaging);
        pathology = pathology == null ? Pathology.unknown() : pathology;
        slides = List.copyOf(slides == null ? List.of() : slides);
        reports = List.copyOf(reports == null ? List.of() : reports);
        events = (events == null ? List.<TimelineEvent>of() : events).stream()
                .sorted(Comparator.comparing(TimelineEvent::date)).toList();
        checkDates(treatment, imaging, events);
    }

    public static PatientRecord of(Patient patient) {
        return new PatientRecord(patient, List.of(), null, null, List.of(), List.of(), List.of());
    }

    public PatientRecord withEvents(List<TimelineEvent> newEvents) {
        return new PatientRecord(patient, imaging, treatment, pathology, slides, reports, newEvents);
    }

    public PatientRecord withTreatment(Treatment newTreatment) {
        return new PatientRecord(patient, imaging, newTreatment, pathology, slides, reports, events);
    }

    public String id() { return patient.id(); }

    /** The last date the record knows anything about: screening, surgery or the latest event (its own data cut-off). */
    public Optional<LocalDate> lastKnownDate() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(patient.screeningDate(), surgeryDate().orElse(null)),
                events.stream().map(TimelineEvent::date)).filter(java.util.Objects::nonNull).max(LocalDate::compareTo);
    }

    public Optional<LocalDate> surgeryDate() {
        return Optional.ofNullable(treatment).map(Treatment::surgeryDate);
    }

    public Optional<Death> death() {
        return events.stream().filter(Death.class::isInstance).map(Death.class::cast).findFirst();
    }

    public Optional<Recurrence> firstRecurrence() {
        return events.stream().filter(Recurrence.class::isInstance).map(Recurrence.class::cast).findFirst();
    }

    public List<AdverseEvent> adverseEvents() {
        return events.stream().filter(AdverseEvent.class::isInstance).map(AdverseEvent.class::cast).toList();
    }

    private static void checkDates(Treatment treatment, List<ImagingStudy> imaging, List<TimelineEvent> events) {
        long deaths = events.stream().filter(Death.class::isInstance).count();
        if (deaths > 1) throw new InvalidValueException("death.date", deaths + " deaths", "a patient dies once");
        LocalDate death = events.stream().filter(Death.class::isInstance).map(TimelineEvent::date).findFirst().orElse(null);
        for (TimelineEvent e : events) {
            if (death != null && e.date().isAfter(death)) {
                throw new InvalidValueException(fieldOf(e), e.date(), "is after death.date (" + death + ")");
            }
        }
        if (treatment == null || treatment.surgeryDate() == null) return;
        LocalDate surgery = treatment.surgeryDate();
        for (TimelineEvent e : events) {
            // Adverse events of neoadjuvant therapy precede surgery legitimately.
            if (!(e instanceof AdverseEvent)) Checks.notBefore(fieldOf(e), e.date(), "surgery_date", surgery);
        }
        for (ImagingStudy s : imaging) {
            if (s.date().isAfter(surgery)) {
                throw new InvalidValueException("imaging.date", s.date(), "pre-operative imaging is after surgery_date (" + surgery + ")");
            }
        }
    }

    private static String fieldOf(TimelineEvent e) {
        if (e instanceof Recurrence) return "recurrence.date";
        if (e instanceof Death) return "death.date";
        if (e instanceof AdverseEvent) return "adverse_event.date";
        return "visit.date";
    }
}
