package org.livercast.study.store;

import static org.livercast.study.store.Sql.bool;
import static org.livercast.study.store.Sql.date;
import static org.livercast.study.store.Sql.enumOf;
import static org.livercast.study.store.Sql.integer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.Analyte;
import org.livercast.core.model.Ascites;
import org.livercast.core.model.Comorbidities;
import org.livercast.core.model.Death;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.Encephalopathy;
import org.livercast.core.model.FollowUpVisit;
import org.livercast.core.model.ImageQuality;
import org.livercast.core.model.ImagingStudy;
import org.livercast.core.model.LabPanel;
import org.livercast.core.model.LabValue;
import org.livercast.core.model.Modality;
import org.livercast.core.model.MviGrade;
import org.livercast.core.model.Nodule;
import org.livercast.core.model.Pathology;
import org.livercast.core.model.Patient;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Phase;
import org.livercast.core.model.PlannedProcedure;
import org.livercast.core.model.Recurrence;
import org.livercast.core.model.Report;
import org.livercast.core.model.ResectionMargin;
import org.livercast.core.model.Sex;
import org.livercast.core.model.Slide;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.model.Treatment;
import org.livercast.core.model.TumourBurden;

/** Reads a patient record back from the normalised tables; the inverse of {@link PatientWriter}. */
final class PatientReader {
    private PatientReader() {}

    static Optional<PatientRecord> read(Handle h, long pk) {
        Optional<Patient> patient = h.createQuery("select * from patient where pk = :pk").bind("pk", pk)
                .map((rs, ctx) -> patient(h, pk, rs)).findOne();
        if (patient.isEmpty()) return Optional.empty();
        List<ImagingStudy> imaging = h.createQuery("select * from imaging_study where patient_pk = :pk order by ordinal")
                .bind("pk", pk).map((rs, ctx) -> imaging(rs)).list();
        Treatment treatment = h.createQuery("select * from treatment where patient_pk = :pk").bind("pk", pk)
                .map((rs, ctx) -> new Treatment(date(rs, "surgery_date"), enumOf(ResectionMargin.class, rs.getString("margin")),
                        Sql.strings(rs, "neoadjuvant_drugs"), enumOf(AdjuvantStrategy.class, rs.getString("adjuvant_strategy")),
                        Sql.strings(rs, "adjuvant_drugs"))).findOne().orElse(null);
        Pathology pathology = h.createQuery("select * from pathology where patient_pk = :pk").bind("pk", pk)
                .map((rs, ctx) -> pathology(rs)).findOne().orElse(null);
        List<Slide> slides = h.createQuery("select * from slide where patient_pk = :pk order by ordinal").bind("pk", pk)
                .map((rs, ctx) -> new Slide(rs.getString("slide_id"), rs.getString("stain"), rs.getString("file_sha256"),
                        bool(rs, "qc_accepted"))).list();
        List<Report> reports = h.createQuery("select * from report where patient_pk = :pk order by ordinal").bind("pk", pk)
                .map((rs, ctx) -> new Report(enumOf(Report.Kind.class, rs.getString("kind")), date(rs, "report_date"),
                        rs.getString("language"), rs.getString("body"), rs.getString("transcribed_by"))).list();
        List<TimelineEvent> events = h.createQuery("select * from timeline_event where patient_pk = :pk order by ordinal")
                .bind("pk", pk).map((rs, ctx) -> event(rs)).list();
        return Optional.of(new PatientRecord(patient.get(), imaging, treatment, pathology, slides, reports, events));
    }

    private static Patient patient(Handle h, long pk, ResultSet rs) throws SQLException {
        List<LabValue> labs = h.createQuery("select * from lab_value where patient_pk = :pk").bind("pk", pk)
                .map((l, ctx) -> new LabValue(Analyte.valueOf(l.getString("analyte").toUpperCase(java.util.Locale.ROOT)),
                        l.getDouble("reported_value"), l.getString("reported_unit"), date(l, "measured_on"))).list();
        TumourBurden burden = null;
        if (rs.getBoolean("has_preoperative_burden")) {
            List<Nodule> nodules = h.createQuery("select * from nodule where patient_pk = :pk order by ordinal").bind("pk", pk)
                    .map((n, ctx) -> new Nodule(n.getDouble("size_mm"), n.getInt("couinaud_segment"))).list();
            burden = new TumourBurden(nodules, Boolean.TRUE.equals(bool(rs, "macrovascular_invasion")),
                    Boolean.TRUE.equals(bool(rs, "extrahepatic_spread")));
        }
        Comorbidities comorbidities = new Comorbidities(bool(rs, "severe_vital_organ_disease"), integer(rs, "nyha_class"),
                bool(rs, "severe_renal_dysfunction"), bool(rs, "uncontrolled_hypertension"),
                bool(rs, "other_malignancy_within_5y"), bool(rs, "other_primary_malignancy"), bool(rs, "regimen_hypersensitivity"));
        return Patient.builder(rs.getString("patient_id"), rs.getString("centre_id"))
                .sex(enumOf(Sex.class, rs.getString("sex"))).birthDate(date(rs, "birth_date")).ageYears(integer(rs, "age_years"))
                .hbsAgPositive(bool(rs, "hbsag_positive")).hcvPositive(bool(rs, "hcv_positive")).cirrhosis(bool(rs, "cirrhosis"))
                .ecog(integer(rs, "ecog")).ascites(enumOf(Ascites.class, rs.getString("ascites")))
                .encephalopathy(enumOf(Encephalopathy.class, rs.getString("encephalopathy"))).labs(new LabPanel(labs))
                .preoperativeBurden(burden).clinicalDiagnosis(enumOf(Diagnosis.class, rs.getString("clinical_diagnosis")))
                .plannedProcedure(enumOf(PlannedProcedure.class, rs.getString("planned_procedure")))
                .screeningDate(date(rs, "screening_date")).informedConsent(bool(rs, "informed_consent"))
                .followUpConsent(bool(rs, "follow_up_consent"))
                .priorTherapyWithoutBaseline(bool(rs, "prior_therapy_without_baseline")).comorbidities(comorbidities).build();
    }

    private static ImagingStudy imaging(ResultSet rs) throws SQLException {
        EnumSet<Phase> phases = EnumSet.noneOf(Phase.class);
        Sql.strings(rs, "phases").forEach(p -> phases.add(Phase.fromId(p)));
        return new ImagingStudy(rs.getString("study_uid"), date(rs, "study_date"), enumOf(Modality.class, rs.getString("modality")),
                rs.getBoolean("contrast_enhanced"), enumOf(ImageQuality.class, rs.getString("quality")), phases, List.of());
    }

    private static Pathology pathology(ResultSet rs) throws SQLException {
        return new Pathology(enumOf(Diagnosis.class, rs.getString("diagnosis")), enumOf(MviGrade.class, rs.getString("mvi")),
                integer(rs, "edmondson_grade"), bool(rs, "satellite_nodules"), bool(rs, "capsule_complete"),
                enumOf(ResectionMargin.class, rs.getString("margin")), bool(rs, "major_vessel_involvement"),
                bool(rs, "adjacent_organ_invasion"), bool(rs, "regional_node_metastasis"));
    }

    private static TimelineEvent event(ResultSet rs) throws SQLException {
        var date = date(rs, "event_date");
        return switch (rs.getString("event_type")) {
            case "visit" -> new FollowUpVisit(date, false, rs.getString("note"));
            case "imaging" -> new FollowUpVisit(date, true, rs.getString("note"));
            case "death" -> new Death(date, rs.getString("note"));
            case "adverse_event" -> new AdverseEvent(date, rs.getString("ctcae_term"), rs.getInt("ctcae_grade"),
                    Boolean.TRUE.equals(bool(rs, "serious")));
            case "recurrence" -> {
                List<Double> sizes = Sql.doubles(rs, "recurrence_nodule_sizes_mm");
                List<Integer> segments = Sql.integers(rs, "recurrence_nodule_segments");
                List<Nodule> nodules = new ArrayList<>();
                for (int i = 0; i < sizes.size(); i++) nodules.add(new Nodule(sizes.get(i), segments.get(i)));
                yield new Recurrence(date, new TumourBurden(nodules, rs.getBoolean("recurrence_macrovascular"),
                        rs.getBoolean("recurrence_extrahepatic")));
            }
            default -> throw new IllegalStateException("unknown event_type " + rs.getString("event_type"));
        };
    }
}
