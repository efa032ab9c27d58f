package org.livercast.core.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.livercast.core.model.AdverseEvent;
import org.livercast.core.model.Analyte;
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
import org.livercast.core.model.Slide;
import org.livercast.core.model.TimelineEvent;
import org.livercast.core.model.Treatment;

/** Writes patient records in the clinical CSV template that {@link ClinicalCsv} reads (the two round-trip). */
public final class ClinicalCsvWriter {
    private ClinicalCsvWriter() {}

    public static void write(List<PatientRecord> records, Path patientsFile, Path eventsFile) throws IOException {
        try (Writer w = Files.newBufferedWriter(patientsFile, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(PatientsCsv.COLUMNS.toArray(String[]::new)).get())) {
            for (PatientRecord r : records) p.printRecord(PatientsCsv.COLUMNS.stream().map(c -> patientRow(r).getOrDefault(c, "")).toList());
        }
        try (Writer w = Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(EventsCsv.COLUMNS.toArray(String[]::new)).get())) {
            for (PatientRecord r : records) {
                for (TimelineEvent e : r.events()) {
                    Map<String, String> row = eventRow(r.id(), e);
                    p.printRecord(EventsCsv.COLUMNS.stream().map(c -> row.getOrDefault(c, "")).toList());
                }
            }
        }
    }

    /** The template row of a record (its patients-table columns), as {@link #write} writes it. */
    public static Map<String, String> patientRow(PatientRecord r) {
        Map<String, String> m = new LinkedHashMap<>();
        Patient p = r.patient();
        m.put("patient_id", p.id());
        m.put("centre_id", p.centreId());
        m.put("sex", lower(p.sex()));
        m.put("birth_date", str(p.birthDate()));
        m.put("age_years", str(p.ageYears()));
        m.put("hbsag_positive", yn(p.hbsAgPositive()));
        m.put("hcv_positive", yn(p.hcvPositive()));
        m.put("cirrhosis", yn(p.cirrhosis()));
        m.put("ecog", str(p.ecog()));
        m.put("ascites", lower(p.ascites()));
        m.put("encephalopathy", lower(p.encephalopathy()));
        for (LabValue v : p.labs().all()) {
            Analyte a = v.analyte();
            m.put(a.fieldName(), num(v.reportedValue()));
            m.put(a.fieldName() + "_unit", v.reportedUnit());
        }
        if (p.preoperativeBurden() != null) {
            m.put("nodule_sizes_mm", p.preoperativeBurden().nodules().stream().map(n -> num(n.sizeMm())).collect(Collectors.joining(";")));
            if (p.preoperativeBurden().nodules().stream().anyMatch(n -> n.couinaudSegment() > 0)) {
                m.put("nodule_segments", p.preoperativeBurden().nodules().stream().map(n -> Integer.toString(n.couinaudSegment())).collect(Collectors.joining(";")));
            }
            m.put("macrovascular_invasion", yn(p.preoperativeBurden().macrovascularInvasion()));
            m.put("extrahepatic_spread", yn(p.preoperativeBurden().extrahepaticSpread()));
        }
        m.put("clinical_diagnosis", lower(p.clinicalDiagnosis()));
        m.put("planned_procedure", lower(p.plannedProcedure()));
        m.put("screening_date", str(p.screeningDate()));
        m.put("informed_consent", yn(p.informedConsent()));
        m.put("follow_up_consent", yn(p.followUpConsent()));
        m.put("prior_therapy_without_baseline", yn(p.priorTherapyWithoutBaseline()));
        m.put("severe_vital_organ_disease", yn(p.comorbidities().severeVitalOrganDisease()));
        m.put("nyha_class", str(p.comorbidities().nyhaClass()));
        m.put("severe_renal_dysfunction", yn(p.comorbidities().severeRenalDysfunction()));
        m.put("uncontrolled_hypertension", yn(p.comorbidities().uncontrolledHypertension()));
        m.put("other_malignancy_within_5y", yn(p.comorbidities().otherMalignancyWithin5Years()));
        m.put("other_primary_malignancy", yn(p.comorbidities().otherPrimaryMalignancy()));
        m.put("regimen_hypersensitivity", yn(p.comorbidities().regimenHypersensitivity()));
        if (!r.imaging().isEmpty()) {
            ImagingStudy s = r.imaging().get(r.imaging().size() - 1);
            m.put("imaging_date", str(s.date()));
            m.put("imaging_modality", lower(s.modality()));
            m.put("imaging_contrast_enhanced", yn(s.contrastEnhanced()));
            m.put("imaging_quality", lower(s.quality()));
            m.put("imaging_phases", s.phases().stream().map(Phase::id).collect(Collectors.joining(";")));
        }
        Treatment t = r.treatment();
        if (t != null) {
            m.put("surgery_date", str(t.surgeryDate()));
            m.put("neoadjuvant_drugs", String.join(";", t.neoadjuvantDrugs()));
            m.put("adjuvant_strategy", t.adjuvantStrategy() == null ? "" : t.adjuvantStrategy().id());
            m.put("adjuvant_drugs", String.join(";", t.adjuvantDrugs()));
        }
        Pathology path = r.pathology();
        m.put("resection_margin", lower(path.margin() != null ? path.margin() : t == null ? null : t.margin()));
        m.put("histologic_diagnosis", lower(path.diagnosis()));
        m.put("mvi", lower(path.mvi()));
        m.put("edmondson_grade", str(path.edmondsonGrade()));
        m.put("satellite_nodules", yn(path.satelliteNodules()));
        m.put("capsule_complete", yn(path.capsuleComplete()));
        m.put("major_vessel_involvement", yn(path.majorVesselInvolvement()));
        m.put("adjacent_organ_invasion", yn(path.adjacentOrganInvasion()));
        m.put("regional_node_metastasis", yn(path.regionalNodeMetastasis()));
        m.put("slide_ids", r.slides().stream().map(Slide::slideId).collect(Collectors.joining(";")));
        if (r.slides().stream().allMatch(s -> s.qcAccepted() != null) && !r.slides().isEmpty()) {
            m.put("slides_qc_accepted", r.slides().stream().map(s -> yn(s.qcAccepted())).collect(Collectors.joining(";")));
        }
        return m;
    }

    /** The events-table row of one of a record's events. */
    public static Map<String, String> eventRow(String id, TimelineEvent e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("patient_id", id);
        m.put("event_date", e.date().toString());
        if (e instanceof FollowUpVisit v) {
            m.put("event_type", v.imaging() ? "imaging" : "visit");
            m.put("note", v.note() == null ? "" : v.note());
        } else if (e instanceof Recurrence rec) {
            m.put("event_type", "recurrence");
            m.put("recurrence_nodule_sizes_mm", rec.burden().nodules().stream().map(Nodule::sizeMm).map(ClinicalCsvWriter::num).collect(Collectors.joining(";")));
            m.put("recurrence_macrovascular_invasion", yn(rec.burden().macrovascularInvasion()));
            m.put("recurrence_extrahepatic_spread", yn(rec.burden().extrahepaticSpread()));
        } else if (e instanceof Death d) {
            m.put("event_type", "death");
            m.put("cause", d.cause() == null ? "" : d.cause());
        } else if (e instanceof AdverseEvent ae) {
            m.put("event_type", "adverse_event");
            m.put("ctcae_term", ae.term());
            m.put("ctcae_grade", Integer.toString(ae.grade()));
            m.put("serious", yn(ae.serious()));
        }
        return m;
    }

    private static String yn(Boolean b) { return b == null ? "" : b ? "yes" : "no"; }

    private static String str(Object o) { return o == null ? "" : o.toString(); }

    private static String lower(Enum<?> e) { return e == null ? "" : e.name().toLowerCase(Locale.ROOT); }

    /** A number as the template writes it: whole numbers without a decimal point. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
