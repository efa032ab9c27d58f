package org.livercast.study.ops;

import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.ScreeningResult;
import org.livercast.study.access.AccessDeniedException;
import org.livercast.study.access.User;
import org.livercast.study.audit.AuditLog;
import org.livercast.study.screening.ScreeningService;
import org.livercast.study.store.PatientStore;

/**
 * Enrolment with its consent record: a patient is screened as of the consent date and enrolled unless the screening
 * says not eligible (criteria left to a person's judgement are the investigator's to confirm by enrolling).
 */
public final class Enrolments {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final PatientStore patients;

    public Enrolments(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.audit = new AuditLog(jdbi);
        this.patients = new PatientStore(jdbi);
    }

    public record Enrolment(String centreId, String patientId, String protocolId, LocalDate consentDate, String enrolledBy) {}

    public Enrolment enrol(User user, Protocol protocol, String centre, String patientId, LocalDate consentDate) {
        if (!user.canEditPatientsOf(centre)) throw new AccessDeniedException(user.username() + " may not enrol patients of centre " + centre);
        PatientStore.Key key = patients.key(centre, patientId).orElseThrow(() -> new IllegalArgumentException("no patient " + centre + "/" + patientId));
        // Screened as the pages screen it: with the follow-up and treatment the site recorded during the study.
        PatientRecord record = new StudyEvents(jdbi).merged(patients.find(centre, patientId).orElseThrow());
        ScreeningResult r = new ScreeningService(jdbi).screen(protocol, key, record, consentDate).result();
        if (r.decision() == ScreeningResult.Decision.NOT_ELIGIBLE) {
            List<String> failed = r.criteria().stream().filter(org.livercast.core.protocol.CriterionResult::excludes)
                    .map(c -> c.criterionId() + " " + c.text()).toList();
            throw new IllegalStateException(patientId + " is not eligible for " + protocol.id() + ": " + String.join("; ", failed));
        }
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("insert into enrolment (patient_pk, protocol_id, consent_date, enrolled_by) values (:pk, :pr, :d, :by) on conflict do nothing")
                    .bind("pk", key.pk()).bind("pr", protocol.id()).bind("d", consentDate).bind("by", user.username()).execute();
            if (n == 0) throw new IllegalStateException(patientId + " is already enrolled in " + protocol.id());
            audit.append(h, user.username(), "enrolment.add", "patient " + centre + "/" + patientId,
                    "{\"protocol\":\"" + protocol.id() + "\",\"consent_date\":\"" + consentDate + "\",\"screening\":\"" + r.decision() + "\"}");
        });
        return new Enrolment(centre, patientId, protocol.id(), consentDate, user.username());
    }

    /** The protocols a patient is enrolled in, by protocol. */
    public List<Enrolment> of(String centre, String patientId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select p.centre_id, p.patient_id, e.protocol_id, e.consent_date, e.enrolled_by from enrolment e join patient p on p.pk = e.patient_pk
                        where p.centre_id = :c and p.patient_id = :p order by e.protocol_id""")
                .bind("c", centre).bind("p", patientId)
                .map((rs, ctx) -> new Enrolment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5))).list());
    }

    /** Enrolled patients of a protocol, within the user's centre (every centre for study-wide roles). */
    public List<Enrolment> enrolled(String protocolId, String centreScope) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select p.centre_id, p.patient_id, e.protocol_id, e.consent_date, e.enrolled_by from enrolment e join patient p on p.pk = e.patient_pk
                        where e.protocol_id = :pr and (cast(:c as text) is null or p.centre_id = :c) order by p.centre_id, p.patient_id""")
                .bind("pr", protocolId).bind("c", centreScope)
                .map((rs, ctx) -> new Enrolment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5))).list());
    }
}
