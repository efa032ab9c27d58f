package org.livercast.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.access.AccessDeniedException;
import org.livercast.study.access.Passwords;
import org.livercast.study.access.Role;
import org.livercast.study.access.User;
import org.livercast.study.access.Users;
import org.livercast.study.audit.AuditLog;
import org.livercast.study.db.Database;
import org.livercast.study.importer.ClinicalImporter;
import org.livercast.study.ops.Enrolments;
import org.livercast.study.ops.FollowUpStatus;
import org.livercast.study.ops.LockedPredictions;
import org.livercast.study.ops.StudyEvents;
import org.livercast.study.screening.ScreeningService;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.Endpoints;
import java.util.Map;
import org.livercast.study.store.PatientStore;

/** Users, sessions, enrolment, locked predictions and the hash-chained audit log, on the real store. */
class StudyOperationsTest {
    Database db;
    Users users;
    User investigator;

    @BeforeEach
    void store() throws Exception {
        db = TestDatabases.freshSchema();
        new ClinicalImporter(db.jdbi()).importFiles(ScreeningStoreTest.EXAMPLES.resolve("patients.csv"), ScreeningStoreTest.EXAMPLES.resolve("events.csv"));
        users = new Users(db.jdbi());
        investigator = users.add("li.wei", Role.SITE_INVESTIGATOR, "ZS", "correct horse battery");
        db.jdbi().useHandle(h -> {
            h.execute("insert into model (model_id, kind, code_version, training_data_sha256, card, weights, weights_sha256) values (?, 'pre', 't', ?, '{}', '\\x00', 'x')",
                    "a".repeat(64), "b".repeat(64));
            for (int i = 0; i < 2; i++) {
                h.execute("insert into prediction (model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score, input_sha256, body)"
                        + " values (?, 'ZS', 'EX01', 'pre', ?, ?, 0.1, ?, '{}')", "a".repeat(64), 0.4 + 0.2 * i, i == 1, String.valueOf(i).repeat(64));
            }
        });
    }

    /** An analysis reads the study; it screens no one, so the screening log is as it was (the study page and export use it too). */
    @Test
    void anAnalysisStoresNoScreening() {
        String log = "select count(*) || ' ' || coalesce(max(screened_at)::text, '') from screening_result";
        String before = db.jdbi().withHandle(h -> h.createQuery(log).mapTo(String.class).one());
        int analysed = 0;
        for (var p : Protocols.bundled().all()) {
            analysed += org.livercast.study.analysis.AnalysisData.collect(db.jdbi(), p, null, null, org.livercast.study.analysis.AnalysisData.Population.ALL)
                    .rows().size();
        }
        assertThat(analysed).isPositive();
        String after = db.jdbi().withHandle(h -> h.createQuery(log).mapTo(String.class).one());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void passwordsAreArgon2idAndSessionsCarryACsrfToken() {
        String phc = Passwords.hash("correct horse battery");
        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Passwords.verify("correct horse battery", phc)).isTrue();
        assertThat(Passwords.verify("correct horse batterz", phc)).isFalse();
        assertThat(users.signIn("li.wei", "wrong password")).isEmpty();
        assertThat(users.signIn("nobody", "correct horse battery")).isEmpty();
        Users.Session s = users.signIn("li.wei", "correct horse battery").orElseThrow();
        assertThat(s.csrfToken()).isNotEqualTo(s.token()).hasSizeGreaterThan(40);
        assertThat(users.session(s.token()).orElseThrow().user()).isEqualTo(investigator);
        String stored = db.jdbi().withHandle(h -> h.createQuery("select token_sha256 from user_session").mapTo(String.class).one());
        assertThat(stored).isNotEqualTo(s.token());
        users.signOut(s.token());
        assertThat(users.session(s.token())).isEmpty();
    }

    @Test
    void rolesAndCentresLimitWhatAUserMaySee() {
        User other = new User("x", Role.SITE_INVESTIGATOR, "ZJ");
        User stats = new User("s", Role.STATISTICIAN, null);
        User admin = new User("a", Role.ADMINISTRATOR, null);
        assertThat(investigator.canSeePatientsOf("ZS")).isTrue();
        assertThat(other.canSeePatientsOf("ZS")).isFalse();
        assertThat(stats.canSeePatientsOf("ZS")).isFalse();
        assertThat(admin.canSeePatientsOf("ZS")).isTrue();
        assertThat(admin.canLockFor("ZS")).isFalse();
        LockedPredictions locks = new LockedPredictions(db.jdbi());
        assertThatThrownBy(() -> locks.lock(other, "ZS", "EX01", "P2", "pre", 1)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> new Enrolments(db.jdbi()).enrol(stats, Protocols.bundled().get("P1"), "ZS", "EX01", LocalDate.of(2024, 1, 1)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.add("bad", Role.SITE_INVESTIGATOR, null, "long enough pw")).hasMessageContaining("check");
    }

    @Test
    void aLockedPredictionIsNeverChangedOnlySupersededWithAReason() {
        LockedPredictions locks = new LockedPredictions(db.jdbi());
        List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("select prediction_id from prediction order by 1").mapTo(Long.class).list());
        var first = locks.lock(investigator, "ZS", "EX01", "P2", "pre", ids.get(0));
        assertThat(first.probabilityAggressive2y()).isEqualTo(0.4);
        assertThat(first.supersedes()).as("a first lock supersedes nothing").isNull();
        assertThatThrownBy(() -> locks.lock(investigator, "ZS", "EX01", "P2", "pre", ids.get(1))).hasMessageContaining("supersede");
        assertThatThrownBy(() -> locks.supersede(investigator, "ZS", "EX01", "P2", "pre", ids.get(1), " ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> locks.lock(investigator, "ZS", "EX01", "P2", "post", ids.get(0))).hasMessageContaining("not post");
        var second = locks.supersede(investigator, "ZS", "EX01", "P2", "pre", ids.get(1), "MRI re-read: a second nodule");
        assertThat(second.supersedes()).isEqualTo(first.id());
        assertThat(second.highRisk()).isTrue();
        assertThat(locks.current("ZS", "EX01", "P2", "pre").orElseThrow().id()).isEqualTo(second.id());
        assertThat(locks.history("ZS", "EX01")).hasSize(2);
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("update locked_prediction set probability_aggressive_2y = 0.1")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("delete from locked_prediction"))).hasMessageContaining("append-only");
    }

    @Test
    void theAuditLogDetectsAnyTampering() {
        AuditLog audit = new AuditLog(db.jdbi());
        for (int i = 0; i < 5; i++) audit.append("li.wei", "patient.read", "patient ZS/EX0" + i, "{}");
        AuditLog.Verification ok = audit.verify();
        assertThat(ok.intact()).isTrue();
        assertThat(ok.entries()).isEqualTo(6);                               // with the user.add of the set-up
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("update audit_log set actor = 'mallory' where seq = 3"))).hasMessageContaining("append-only");
        // Someone with the power to switch the trigger off still cannot hide the change.
        db.jdbi().useHandle(h -> {
            h.execute("alter table audit_log disable trigger audit_log_append_only");
            h.execute("update audit_log set subject = 'patient ZS/EX09' where seq = 3");
            h.execute("alter table audit_log enable trigger audit_log_append_only");
        });
        AuditLog.Verification broken = audit.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.problem()).isEqualTo("entry 3 was changed after it was written");
        db.jdbi().useHandle(h -> {
            h.execute("alter table audit_log disable trigger audit_log_append_only");
            h.execute("delete from audit_log where seq = 3");
            h.execute("alter table audit_log enable trigger audit_log_append_only");
        });
        assertThat(audit.verify().problem()).isEqualTo("entry 3 is missing (next is 4)");
    }

    @Test
    void enrolmentScreensAsOfConsentAndFollowUpShowsOverdueVisits() {
        Enrolments enrolments = new Enrolments(db.jdbi());
        var p1 = Protocols.bundled().get("P1");
        PatientStore store = new PatientStore(db.jdbi());
        var record = store.find("ZS", "EX01").orElseThrow();
        LocalDate consent = record.surgeryDate().orElseThrow().minusDays(3);
        enrolments.enrol(investigator, p1, "ZS", "EX01", consent);
        assertThatThrownBy(() -> enrolments.enrol(investigator, p1, "ZS", "EX01", consent)).hasMessageContaining("already enrolled");
        assertThat(enrolments.enrolled("P1", "ZS")).extracting(Enrolments.Enrolment::patientId).containsExactly("EX01");
        assertThat(enrolments.enrolled("P1", "ZJ")).isEmpty();
        var visits = FollowUpStatus.of(p1.followUp(), record, record.surgeryDate().get().plusDays(400));
        assertThat(visits).isNotEmpty();
        assertThat(visits.get(0).visit().dayAfterSurgery()).isEqualTo(91);
        assertThat(visits.stream().filter(v -> v.visit().windowEnd().isBefore(record.surgeryDate().get().plusDays(400))))
                .allMatch(v -> v.state() == FollowUpStatus.State.DONE || v.state() == FollowUpStatus.State.OVERDUE);
        assertThat(visits.stream().filter(v -> v.visit().windowStart().isAfter(record.surgeryDate().get().plusDays(400))))
                .allMatch(v -> v.state() == FollowUpStatus.State.UPCOMING);
        String actions = db.jdbi().withHandle(h -> h.createQuery("select string_agg(action, ',' order by seq) from audit_log").mapTo(String.class).one());
        assertThat(actions).contains("enrolment.add");
    }

    @Test
    void followUpEnteredByStaffIsValidatedMergedVoidedNeverChanged() {
        StudyEvents events = new StudyEvents(db.jdbi());
        PatientStore store = new PatientStore(db.jdbi());
        var record = store.find("ZS", "EX01").orElseThrow();
        LocalDate surgery = record.surgeryDate().orElseThrow();
        long ae = events.add(investigator, "ZS", "EX01", Map.of("event_type", "adverse_event", "event_date", surgery.plusDays(40).toString(),
                "ctcae_term", "Hypertension", "ctcae_grade", "3", "serious", "no"), "possible");
        events.add(investigator, "ZS", "EX01", Map.of("event_type", "recurrence", "event_date", surgery.plusDays(200).toString(),
                "recurrence_nodule_sizes_mm", "60", "recurrence_macrovascular_invasion", "no", "recurrence_extrahepatic_spread", "no"), null);
        var merged = events.merged(record);
        assertThat(merged.events()).hasSize(record.events().size() + 2);
        assertThat(merged.adverseEvents()).anyMatch(a -> a.term().equals("Hypertension") && a.grade() == 3);
        assertThat(Endpoints.of(merged, surgery.plusDays(900)).aggressiveRecurrence().value()).isEqualTo(BinaryOutcome.Value.YES);
        assertThatThrownBy(() -> events.add(investigator, "ZS", "EX01", Map.of("event_type", "adverse_event", "event_date", surgery.toString(),
                "ctcae_term", "Fatigue", "ctcae_grade", "7"), null)).hasMessageContaining("not recorded").hasMessageContaining("grade = '7'");
        assertThatThrownBy(() -> events.add(investigator, "ZS", "EX01", Map.of("event_type", "visit", "event_date", surgery.toString()), "possible"))
                .hasMessageContaining("adverse events only");
        assertThatThrownBy(() -> events.add(new User("s", Role.STATISTICIAN, null), "ZS", "EX01", Map.of("event_type", "visit", "event_date", surgery.toString()), null))
                .isInstanceOf(AccessDeniedException.class);
        events.voidEntry(investigator, "ZS", "EX01", ae, "entered for the wrong patient");
        assertThat(events.merged(record).adverseEvents()).noneMatch(a -> a.term().equals("Hypertension"));
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("update study_event set event_type = 'visit'"))).hasMessageContaining("append-only");
        events.add(investigator, "ZS", "EX01", Map.of("event_type", "lost_to_follow_up", "event_date", surgery.plusDays(300).toString()), null);
        var visits = FollowUpStatus.of(Protocols.bundled().get("P1").followUp(), events.merged(record), surgery.plusDays(700),
                events.lostToFollowUp("ZS", "EX01").orElseThrow());
        assertThat(visits).allMatch(v -> !v.visit().windowStart().isAfter(surgery.plusDays(300)));
    }

    @Test
    void theAdjuvantTreatmentTheSiteRecordsDecidesTheCohort() {
        StudyEvents events = new StudyEvents(db.jdbi());
        PatientStore store = new PatientStore(db.jdbi());
        var record = store.find("ZS", "EX01").orElseThrow();
        LocalDate surgery = record.surgeryDate().orElseThrow();
        var p1 = Protocols.bundled().get("P1");
        var key = store.key("ZS", "EX01").orElseThrow();
        ScreeningService screening = new ScreeningService(db.jdbi());
        java.util.function.Supplier<List<String>> cohorts = () -> screening.evaluate(p1, key, events.merged(record), surgery.plusDays(60)).result().cohorts();
        String before = record.treatment().adjuvantStrategy().id();
        String given = before.equals("surgery_alone") ? "tace" : "surgery_alone";
        assertThat(cohorts.get()).containsExactly(before.equals("surgery_alone") && !record.treatment().hadNeoadjuvantTherapy() ? "validation" : "treatment");

        assertThatThrownBy(() -> events.add(investigator, "ZS", "EX01", Map.of("event_type", "adjuvant_treatment", "event_date", surgery.plusDays(30).toString(),
                "adjuvant_strategy", "systemic"), null)).hasMessageContaining("adjuvant_drugs is empty but systemic includes systemic therapy");
        assertThatThrownBy(() -> events.add(investigator, "ZS", "EX01", Map.of("event_type", "adjuvant_treatment", "event_date", surgery.plusDays(30).toString(),
                "adjuvant_strategy", "radiotherapy"), null)).hasMessageContaining("adjuvant_strategy = 'radiotherapy'");
        long entry = events.add(investigator, "ZS", "EX01", Map.of("event_type", "adjuvant_treatment", "event_date", surgery.plusDays(30).toString(),
                "adjuvant_strategy", given), null);
        var merged = events.merged(record);
        assertThat(merged.treatment().adjuvantStrategy().id()).isEqualTo(given);
        assertThat(merged.treatment().surgeryDate()).isEqualTo(surgery);
        assertThat(cohorts.get()).containsExactly(given.equals("surgery_alone") && !record.treatment().hadNeoadjuvantTherapy() ? "validation" : "treatment");
        // A later entry (treatment changed) wins; voiding it brings the earlier one back.
        long later = events.add(investigator, "ZS", "EX01", Map.of("event_type", "adjuvant_treatment", "event_date", surgery.plusDays(90).toString(),
                "adjuvant_strategy", "tace_systemic", "adjuvant_drugs", "sorafenib"), null);
        assertThat(events.merged(record).treatment().adjuvantStrategy().id()).isEqualTo("tace_systemic");
        assertThat(events.merged(record).treatment().adjuvantDrugs()).containsExactly("sorafenib");
        events.voidEntry(investigator, "ZS", "EX01", later, "wrong patient");
        assertThat(events.merged(record).treatment().adjuvantStrategy().id()).isEqualTo(given);
        assertThat(events.adjuvantTreatments("ZS", "EX01")).extracting(StudyEvents.Entry::id).containsExactly(entry);
        assertThat(new AuditLog(db.jdbi()).recent(10)).anyMatch(e -> e.action().equals("event.add") && e.detail().contains("adjuvant_treatment"));
    }

    @Test
    void p2ReadsThePreScoreLockedForItAndOnlyThat() {
        var p2 = Protocols.bundled().get("P2");
        PatientStore store = new PatientStore(db.jdbi());
        var key = store.key("ZS", "EX01").orElseThrow();
        var record = store.find("ZS", "EX01").orElseThrow();
        ScreeningService screening = new ScreeningService(db.jdbi());
        java.util.function.Supplier<org.livercast.core.protocol.CriterionResult.Outcome> preCriterion = () -> screening.screen(p2, key, record,
                record.surgeryDate().orElseThrow().minusDays(1)).result().criteria().stream().filter(c -> c.criterionId().equals("P2-I5")).findFirst().orElseThrow().outcome();
        assertThat(preCriterion.get()).isEqualTo(org.livercast.core.protocol.CriterionResult.Outcome.UNKNOWN);
        List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("select prediction_id from prediction order by 1").mapTo(Long.class).list());
        LockedPredictions locks = new LockedPredictions(db.jdbi());
        locks.lock(investigator, "ZS", "EX01", "P1", "pre", ids.get(1));                        // 0.6, but for another protocol
        assertThat(preCriterion.get()).isEqualTo(org.livercast.core.protocol.CriterionResult.Outcome.UNKNOWN);
        locks.lock(investigator, "ZS", "EX01", "P2", "pre", ids.get(0));                        // 0.4
        assertThat(preCriterion.get()).isEqualTo(org.livercast.core.protocol.CriterionResult.Outcome.NOT_MET);
        locks.supersede(investigator, "ZS", "EX01", "P2", "pre", ids.get(1), "re-read MRI");   // 0.6
        assertThat(preCriterion.get()).isEqualTo(org.livercast.core.protocol.CriterionResult.Outcome.MET);
    }
}
