package org.livercast.study.store;

import static org.livercast.study.store.Sql.text;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.Death;
import org.livercast.core.model.FollowUpVisit;
import org.livercast.core.model.ImagingStudy;
import org.livercast.core.model.LabValue;
import org.livercast.core.model.Nodule;
import org.livercast.core.model.Pathology;
import org.livercast.core.model.Patient;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Phase;
import org.livercast.core.model.Recurrence;
import org.livercast.core.model.Report;
import org.livercast.core.model.Slide;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.model.Treatment;
import org.livercast.core.model.TumourBurden;

/** Writes one patient record into the normalised tables, inside the caller's transaction. */
final class PatientWriter {
    private PatientWriter() {}

    /** Patient columns besides the key; the insert and the conflict update are both generated from this list. */
    private static final List<String> COLUMNS = List.of("content_sha256", "sex", "birth_date", "age_years",
            "hbsag_positive", "hcv_positive", "cirrhosis", "ecog", "ascites", "encephalopathy", "has_preoperative_burden",
            "macrovascular_invasion", "extrahepatic_spread", "clinical_diagnosis", "planned_procedure", "screening_date",
            "informed_consent", "follow_up_consent", "prior_therapy_without_baseline", "severe_vital_organ_disease",
            "nyha_class", "severe_renal_dysfunction", "uncontrolled_hypertension", "other_malignancy_within_5y",
            "other_primary_malignancy", "regimen_hypersensitivity");

    private static final String UPSERT = "insert into patient (centre_id, patient_id, " + String.join(", ", COLUMNS)
            + ") values (:centre_id, :patient_id, " + String.join(", ", COLUMNS.stream().map(c -> ":" + c).toList())
            + ") on conflict (centre_id, patient_id) do update set "
            + String.join(", ", COLUMNS.stream().map(c -> c + " = excluded." + c).toList())
            + ", updated_at = now() returning pk";

    /** Inserts the patient, or replaces a stored one in place (same pk, so history keyed on it survives). */
    static long write(Handle h, PatientRecord r, String hash) {
        Patient p = r.patient();
        TumourBurden burden = p.preoperativeBurden();
        long pk = h.createQuery(UPSERT)
                .bind("centre_id", p.centreId()).bind("patient_id", p.id()).bind("content_sha256", hash)
                .bind("sex", text(p.sex())).bind("birth_date", p.birthDate()).bind("age_years", p.ageYears())
                .bind("hbsag_positive", p.hbsAgPositive()).bind("hcv_positive", p.hcvPositive())
                .bind("cirrhosis", p.cirrhosis()).bind("ecog", p.ecog()).bind("ascites", text(p.ascites()))
                .bind("encephalopathy", text(p.encephalopathy())).bind("has_preoperative_burden", burden != null)
                .bind("macrovascular_invasion", burden == null ? null : burden.macrovascularInvasion())
                .bind("extrahepatic_spread", burden == null ? null : burden.extrahepaticSpread())
                .bind("clinical_diagnosis", text(p.clinicalDiagnosis())).bind("planned_procedure", text(p.plannedProcedure()))
                .bind("screening_date", p.screeningDate()).bind("informed_consent", p.informedConsent())
                .bind("follow_up_consent", p.followUpConsent())
                .bind("prior_therapy_without_baseline", p.priorTherapyWithoutBaseline())
                .bind("severe_vital_organ_disease", p.comorbidities().severeVitalOrganDisease())
                .bind("nyha_class", p.comorbidities().nyhaClass())
                .bind("severe_renal_dysfunction", p.comorbidities().severeRenalDysfunction())
                .bind("uncontrolled_hypertension", p.comorbidities().uncontrolledHypertension())
                .bind("other_malignancy_within_5y", p.comorbidities().otherMalignancyWithin5Years())
                .bind("other_primary_malignancy", p.comorbidities().otherPrimaryMalignancy())
                .bind("regimen_hypersensitivity", p.comorbidities().regimenHypersensitivity())
                .mapTo(Long.class).one();
        for (String table : CHILD_TABLES) h.execute("delete from " + table + " where patient_pk = ?", pk);
        writeChildren(h, pk, r);
        return pk;
    }

    private static final List<String> CHILD_TABLES = List.of("nodule", "lab_value", "imaging_study", "treatment",
            "pathology", "slide", "report", "timeline_event");

    private static void writeChildren(Handle h, long pk, PatientRecord r) {
        TumourBurden burden = r.patient().preoperativeBurden();
        List<Nodule> nodules = burden == null ? List.of() : burden.nodules();
        for (int i = 0; i < nodules.size(); i++) {
            h.execute("insert into nodule (patient_pk, ordinal, size_mm, couinaud_segment) values (?, ?, ?, ?)",
                    pk, i, nodules.get(i).sizeMm(), nodules.get(i).couinaudSegment());
        }
        for (LabValue v : r.patient().labs().all()) {
            h.execute("insert into lab_value (patient_pk, analyte, reported_value, reported_unit, canonical_value, canonical_unit, measured_on)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", pk, v.analyte().fieldName(), v.reportedValue(), v.reportedUnit(),
                    v.canonicalValue(), v.analyte().canonicalUnit(), v.date());
        }
        for (int i = 0; i < r.imaging().size(); i++) {
            ImagingStudy s = r.imaging().get(i);
            h.createUpdate("insert into imaging_study (patient_pk, ordinal, study_uid, study_date, modality, contrast_enhanced,"
                            + " quality, phases) values (:pk, :i, :uid, :date, :modality, :contrast, :quality, :phases)")
                    .bind("pk", pk).bind("i", i).bind("uid", s.studyUid()).bind("date", s.date())
                    .bind("modality", text(s.modality())).bind("contrast", s.contrastEnhanced()).bind("quality", text(s.quality()))
                    .bindArray("phases", String.class, s.phases().stream().map(Phase::id).toList()).execute();
        }
        Treatment t = r.treatment();
        if (t != null) {
            h.createUpdate("insert into treatment (patient_pk, surgery_date, margin, neoadjuvant_drugs, adjuvant_strategy,"
                            + " adjuvant_drugs) values (:pk, :date, :margin, :neo, :strategy, :adj)")
                    .bind("pk", pk).bind("date", t.surgeryDate()).bind("margin", text(t.margin()))
                    .bindArray("neo", String.class, t.neoadjuvantDrugs()).bind("strategy", text(t.adjuvantStrategy()))
                    .bindArray("adj", String.class, t.adjuvantDrugs()).execute();
        }
        Pathology path = r.pathology();
        h.execute("insert into pathology (patient_pk, diagnosis, mvi, edmondson_grade, satellite_nodules, capsule_complete,"
                        + " margin, major_vessel_involvement, adjacent_organ_invasion, regional_node_metastasis)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pk, text(path.diagnosis()), text(path.mvi()),
                path.edmondsonGrade(), path.satelliteNodules(), path.capsuleComplete(), text(path.margin()),
                path.majorVesselInvolvement(), path.adjacentOrganInvasion(), path.regionalNodeMetastasis());
        for (int i = 0; i < r.slides().size(); i++) {
            Slide s = r.slides().get(i);
            h.execute("insert into slide (patient_pk, ordinal, slide_id, stain, file_sha256, qc_accepted) values (?, ?, ?, ?, ?, ?)",
                    pk, i, s.slideId(), s.stain(), s.fileSha256(), s.qcAccepted());
        }
        for (int i = 0; i < r.reports().size(); i++) {
            Report rep = r.reports().get(i);
            h.execute("insert into report (patient_pk, ordinal, kind, report_date, language, body, transcribed_by) values (?, ?, ?, ?, ?, ?, ?)",
                    pk, i, text(rep.kind()), rep.date(), rep.language(), rep.text(), rep.transcribedBy());
        }
        for (int i = 0; i < r.events().size(); i++) writeEvent(h, pk, i, r.events().get(i));
    }

    private static void writeEvent(Handle h, long pk, int ordinal, TimelineEvent e) {
        var u = h.createUpdate("""
                insert into timeline_event (patient_pk, ordinal, event_type, event_date, note, recurrence_nodule_sizes_mm,
                  recurrence_nodule_segments, recurrence_macrovascular, recurrence_extrahepatic, ctcae_term, ctcae_grade, serious)
                values (:pk, :i, :type, :date, :note, :sizes, :segments, :macro, :ehs, :term, :grade, :serious)""")
                .bind("pk", pk).bind("i", ordinal).bind("date", e.date())
                .bindNull("note", java.sql.Types.VARCHAR).bindNull("sizes", java.sql.Types.ARRAY)
                .bindNull("segments", java.sql.Types.ARRAY).bindNull("macro", java.sql.Types.BOOLEAN)
                .bindNull("ehs", java.sql.Types.BOOLEAN).bindNull("term", java.sql.Types.VARCHAR)
                .bindNull("grade", java.sql.Types.INTEGER).bindNull("serious", java.sql.Types.BOOLEAN);
        if (e instanceof FollowUpVisit v) {
            u.bind("type", v.imaging() ? "imaging" : "visit").bind("note", v.note());
        } else if (e instanceof Recurrence rec) {
            u.bind("type", "recurrence")
                    .bindArray("sizes", Double.class, rec.burden().nodules().stream().map(Nodule::sizeMm).toList())
                    .bindArray("segments", Integer.class, rec.burden().nodules().stream().map(Nodule::couinaudSegment).toList())
                    .bind("macro", rec.burden().macrovascularInvasion()).bind("ehs", rec.burden().extrahepaticSpread());
        } else if (e instanceof Death d) {
            u.bind("type", "death").bind("note", d.cause());
        } else if (e instanceof AdverseEvent ae) {
            u.bind("type", "adverse_event").bind("term", ae.term()).bind("grade", ae.grade()).bind("serious", ae.serious());
        }
        u.execute();
    }
}
