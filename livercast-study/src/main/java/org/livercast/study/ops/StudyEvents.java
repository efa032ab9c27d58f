package org.livercast.study.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Treatment;
import org.livercast.core.model.TimelineEvent;
import org.livercast.study.access.AccessDeniedException;
import org.livercast.study.access.User;
import org.livercast.study.audit.AuditLog;

/**
 * Follow-up entered during the study by the centre's staff: validated exactly as a row of the events template, stored
 * apart from the centre's export, audited, never changed (voided with a reason instead), and merged into the patient's
 * record wherever the study reads it — timeline, follow-up status, endpoints, analyses.
 *
 * <p>The adjuvant treatment actually given ({@code adjuvant_treatment}: strategy, drugs, start date) is entered the
 * same way; the latest entry in force replaces the export's adjuvant fields, so cohorts (P1, P2) and the P4
 * consistent/inconsistent comparison follow what the patient received.
 */
public final class StudyEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ATTRIBUTIONS = Set.of("unrelated", "unlikely", "possible", "probable", "definite");
    private final Jdbi jdbi;
    private final AuditLog audit;

    public StudyEvents(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.audit = new AuditLog(jdbi);
    }

    public record Entry(long id, String eventType, LocalDate date, Map<String, String> fields, String attribution, String enteredBy) {}

    /**
     * @param fields the events template's columns (event_date, event_type, recurrence_nodule_sizes_mm, ctcae_term,
     *               ctcae_grade, serious, cause, note …); event_type may also be lost_to_follow_up
     * @return the stored entry's id
     */
    public long add(User user, String centre, String patientId, Map<String, String> fields, String attribution) {
        if (!user.canEditPatientsOf(centre)) throw new AccessDeniedException(user.username() + " may not record events for centre " + centre);
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.values().removeIf(v -> v == null || v.isBlank());
        String type = f.getOrDefault("event_type", "");
        if (type.equals(ADJUVANT)) {
            adjuvant(f, null);
        } else if (!type.equals("lost_to_follow_up")) {
            f.put("patient_id", patientId);
            try {
                ClinicalCsv.parseEvent("event for " + patientId, f);
            } catch (org.livercast.core.io.ClinicalDataException e) {
                throw new IllegalArgumentException("event not recorded: " + String.join("; ", e.errors().stream().map(Object::toString).toList()));
            }
            f.remove("patient_id");
        }
        if (attribution != null && !attribution.isBlank() && !ATTRIBUTIONS.contains(attribution)) {
            throw new IllegalArgumentException("attribution '" + attribution + "' is not one of " + ATTRIBUTIONS);
        }
        if (attribution != null && !attribution.isBlank() && !type.equals("adverse_event")) throw new IllegalArgumentException("attribution applies to adverse events only");
        LocalDate date;
        try {
            date = LocalDate.parse(f.getOrDefault("event_date", ""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("event_date '" + f.get("event_date") + "' is not a date (YYYY-MM-DD)");
        }
        return jdbi.inTransaction(h -> {
            long pk = LockedPredictions.patientPk(h, centre, patientId);
            long id = h.createUpdate("insert into study_event (patient_pk, event_type, event_date, fields, attribution, entered_by)"
                            + " values (:pk, :t, :d, cast(:f as jsonb), :a, :by)")
                    .bind("pk", pk).bind("t", type).bind("d", date).bind("f", json(f)).bind("a", attribution == null || attribution.isBlank() ? null : attribution)
                    .bind("by", user.username()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            audit.append(h, user.username(), "event.add", "patient " + centre + "/" + patientId, "{\"event\":" + id + ",\"type\":\"" + type + "\"}");
            return id;
        });
    }

    /** Voids an entry (a new row that points at it, with the reason); the entry itself stays. */
    public void voidEntry(User user, String centre, String patientId, long entryId, String reason) {
        if (!user.canEditPatientsOf(centre)) throw new AccessDeniedException(user.username() + " may not record events for centre " + centre);
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("voiding an entry needs a reason");
        jdbi.useTransaction(h -> {
            long pk = LockedPredictions.patientPk(h, centre, patientId);
            var e = h.createQuery("select event_type, event_date from study_event where id = :id and patient_pk = :pk and voids is null")
                    .bind("id", entryId).bind("pk", pk).map((rs, ctx) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class)}).findOne()
                    .orElseThrow(() -> new IllegalArgumentException("no entry " + entryId + " for " + patientId));
            h.createUpdate("insert into study_event (patient_pk, event_type, event_date, fields, voids, reason, entered_by) values (:pk, :t, :d, '{}', :v, :r, :by)")
                    .bind("pk", pk).bind("t", (String) e[0]).bind("d", (LocalDate) e[1]).bind("v", entryId).bind("r", reason.strip()).bind("by", user.username()).execute();
            audit.append(h, user.username(), "event.void", "patient " + centre + "/" + patientId, "{\"event\":" + entryId + "}");
        });
    }

    /** The patient's entries in force (not voided), oldest first. */
    public List<Entry> entries(String centre, String patientId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select e.id, e.event_type, e.event_date, e.fields::text, e.attribution, e.entered_by from study_event e join patient p on p.pk = e.patient_pk
                        where p.centre_id = :c and p.patient_id = :p and e.voids is null
                          and not exists (select 1 from study_event v where v.voids = e.id)
                        order by e.event_date, e.id""")
                .bind("c", centre).bind("p", patientId)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), fields(rs.getString(4)), rs.getString(5), rs.getString(6)))
                .list());
    }

    /**
     * The record with the study's entries added to the export's events, and the adjuvant treatment the site recorded
     * (the latest in force) in place of the export's.
     */
    public PatientRecord merged(PatientRecord r) {
        List<TimelineEvent> events = new ArrayList<>(r.events());
        for (Entry e : entries(r.patient().centreId(), r.id())) {
            if (e.eventType().equals("lost_to_follow_up")) continue;
            if (e.eventType().equals(ADJUVANT)) {
                r = r.withTreatment(adjuvant(e.fields(), r.treatment()));
                continue;
            }
            Map<String, String> f = new LinkedHashMap<>(e.fields());
            f.put("patient_id", r.id());
            TimelineEvent ev = ClinicalCsv.parseEvent("study event " + e.id(), f);
            if (!events.contains(ev)) events.add(ev);
        }
        return r.withEvents(events);
    }

    static final String ADJUVANT = "adjuvant_treatment";

    /**
     * The treatment with an entry's adjuvant strategy and drugs ({@code adjuvant_strategy}, {@code adjuvant_drugs}
     * separated by ';'); surgery, margin and neoadjuvant drugs kept from the export. Checks the entry as the
     * treatment template checks the export's row (systemic strategies must name their drugs).
     */
    static Treatment adjuvant(Map<String, String> f, Treatment exported) {
        AdjuvantStrategy strategy;
        try {
            strategy = AdjuvantStrategy.fromId(f.getOrDefault("adjuvant_strategy", ""));
        } catch (org.livercast.core.InvalidValueException e) {
            throw new IllegalArgumentException("adjuvant treatment not recorded: adjuvant_strategy = '" + f.getOrDefault("adjuvant_strategy", "")
                    + "': expected surgery_alone, tace, tace_systemic or systemic");
        }
        List<String> drugs = java.util.Arrays.stream(f.getOrDefault("adjuvant_drugs", "").split(";")).map(String::strip).filter(d -> !d.isEmpty()).toList();
        if (strategy.includesSystemic() && drugs.isEmpty()) {
            throw new IllegalArgumentException("adjuvant treatment not recorded: adjuvant_drugs is empty but " + strategy.id() + " includes systemic therapy");
        }
        if (!strategy.includesSystemic() && !drugs.isEmpty()) {
            throw new IllegalArgumentException("adjuvant treatment not recorded: adjuvant_drugs given but " + strategy.id() + " has no systemic therapy");
        }
        return exported == null ? new Treatment(null, null, List.of(), strategy, drugs)
                : new Treatment(exported.surgeryDate(), exported.margin(), exported.neoadjuvantDrugs(), strategy, drugs);
    }

    /** The adjuvant treatment entries in force, oldest first (the last one is what the patient received). */
    public List<Entry> adjuvantTreatments(String centre, String patientId) {
        return entries(centre, patientId).stream().filter(e -> e.eventType().equals(ADJUVANT)).toList();
    }

    /** The date the patient was declared lost to follow-up, if they were. */
    public Optional<LocalDate> lostToFollowUp(String centre, String patientId) {
        return entries(centre, patientId).stream().filter(e -> e.eventType().equals("lost_to_follow_up")).map(Entry::date).findFirst();
    }

    private static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> fields(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
