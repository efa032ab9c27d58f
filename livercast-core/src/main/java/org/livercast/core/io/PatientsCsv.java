package org.livercast.core.io;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.livercast.core.model.Analyte;
import org.livercast.core.model.Ascites;
import org.livercast.core.model.Comorbidities;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.Encephalopathy;
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
import org.livercast.core.model.ResectionMargin;
import org.livercast.core.model.Sex;
import org.livercast.core.model.Slide;
import org.livercast.core.model.Treatment;
import org.livercast.core.model.TumourBurden;
import org.livercast.core.model.AdjuvantStrategy;

/**
 * The patients-and-tumours file of the clinical CSV template (docs/clinical-csv.md): one row per patient, lists
 * inside a cell separated by ';'. A row becomes a {@link PatientRecord} without follow-up events.
 */
final class PatientsCsv {
    private PatientsCsv() {}

    static final List<String> COLUMNS = columns();

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("patient_id", "centre_id", "sex", "birth_date", "age_years",
                "hbsag_positive", "hcv_positive", "cirrhosis", "ecog", "ascites", "encephalopathy"));
        for (Analyte a : Analyte.values()) {
            c.add(a.fieldName());
            c.add(a.fieldName() + "_unit");
        }
        c.addAll(List.of("nodule_sizes_mm", "nodule_segments", "macrovascular_invasion", "extrahepatic_spread",
                "clinical_diagnosis", "planned_procedure", "screening_date", "informed_consent", "follow_up_consent",
                "prior_therapy_without_baseline", "severe_vital_organ_disease", "nyha_class", "severe_renal_dysfunction",
                "uncontrolled_hypertension", "other_malignancy_within_5y", "other_primary_malignancy",
                "regimen_hypersensitivity", "imaging_date", "imaging_modality", "imaging_contrast_enhanced",
                "imaging_quality", "imaging_phases", "surgery_date", "resection_margin", "neoadjuvant_drugs",
                "adjuvant_strategy", "adjuvant_drugs", "histologic_diagnosis", "mvi", "edmondson_grade",
                "satellite_nodules", "capsule_complete", "major_vessel_involvement", "adjacent_organ_invasion",
                "regional_node_metastasis", "slide_ids", "slides_qc_accepted"));
        return List.copyOf(c);
    }

    /** Parses one row; returns null when the row has errors (they are in {@code row.errors()}). */
    static PatientRecord parse(CsvRow row) {
        Patient patient = patient(row);
        ImagingStudy imaging = imaging(row);
        Treatment treatment = treatment(row);
        Pathology pathology = pathology(row);
        List<Slide> slides = slides(row);
        if (!row.errors().isEmpty()) return null;
        return row.build(() -> new PatientRecord(patient, imaging == null ? List.of() : List.of(imaging), treatment,
                pathology, slides, List.of(), List.of()));
    }

    private static Patient patient(CsvRow r) {
        String id = r.requiredText("patient_id");
        String centre = r.requiredText("centre_id");
        List<LabValue> labs = new ArrayList<>();
        for (Analyte a : Analyte.values()) {
            Double v = r.labNumber(a.fieldName());
            if (v == null) continue;
            String unit = r.text(a.fieldName() + "_unit");
            LabValue lab = r.build(() -> LabValue.of(a, v, unit == null ? a.canonicalUnit() : unit));
            if (lab != null) labs.add(lab);
        }
        LabPanel panel = r.build(() -> new LabPanel(labs));
        TumourBurden burden = burden(r);
        Comorbidities comorbidities = r.build(() -> new Comorbidities(r.bool("severe_vital_organ_disease"),
                r.integer("nyha_class"), r.bool("severe_renal_dysfunction"), r.bool("uncontrolled_hypertension"),
                r.bool("other_malignancy_within_5y"), r.bool("other_primary_malignancy"), r.bool("regimen_hypersensitivity")));
        var b = Patient.builder(id, centre).sex(r.enumValue("sex", Sex.class)).birthDate(r.date("birth_date"))
                .ageYears(r.integer("age_years")).hbsAgPositive(r.bool("hbsag_positive")).hcvPositive(r.bool("hcv_positive"))
                .cirrhosis(r.bool("cirrhosis")).ecog(r.integer("ecog")).ascites(r.enumValue("ascites", Ascites.class))
                .encephalopathy(r.enumValue("encephalopathy", Encephalopathy.class)).labs(panel)
                .preoperativeBurden(burden).clinicalDiagnosis(r.enumValue("clinical_diagnosis", Diagnosis.class))
                .plannedProcedure(r.enumValue("planned_procedure", PlannedProcedure.class))
                .screeningDate(r.date("screening_date")).informedConsent(r.bool("informed_consent"))
                .followUpConsent(r.bool("follow_up_consent"))
                .priorTherapyWithoutBaseline(r.bool("prior_therapy_without_baseline")).comorbidities(comorbidities);
        if (id == null || centre == null) return null;
        // Built even when other cells failed, so the row's range errors (ECOG 7) are reported in the same run.
        return r.build(b::build);
    }

    private static TumourBurden burden(CsvRow r) {
        List<Double> sizes = r.numbers("nodule_sizes_mm");
        List<String> segments = r.list("nodule_segments");
        if (!segments.isEmpty() && segments.size() != sizes.size()) {
            r.error("nodule_segments", r.text("nodule_segments"), "has " + segments.size() + " entries for "
                    + sizes.size() + " nodule sizes");
            return null;
        }
        List<Nodule> nodules = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            double size = sizes.get(i);
            String seg = segments.isEmpty() ? "0" : segments.get(i).replaceFirst("^[Ss]", "");
            Nodule n;
            try {
                int segment = Integer.parseInt(seg);
                final int k = i;
                n = r.build(() -> {
                    try {
                        return new Nodule(size, segment);
                    } catch (org.livercast.core.InvalidValueException e) {
                        throw e.within("nodules[" + (k + 1) + "].");
                    }
                });
            } catch (NumberFormatException e) {
                r.error("nodule_segments", segments.get(i), "is not a Couinaud segment 1-8");
                n = null;
            }
            if (n != null) nodules.add(n);
        }
        Boolean mvi = r.bool("macrovascular_invasion");
        Boolean ehs = r.bool("extrahepatic_spread");
        if (nodules.isEmpty() && mvi == null && ehs == null) return null;
        return new TumourBurden(nodules, Boolean.TRUE.equals(mvi), Boolean.TRUE.equals(ehs));
    }

    private static ImagingStudy imaging(CsvRow r) {
        if (r.text("imaging_date") == null && r.text("imaging_modality") == null) return null;
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String p : r.list("imaging_phases")) {
            Phase phase = r.build(() -> Phase.fromId(p));
            if (phase != null) phases.add(phase);
        }
        var date = r.date("imaging_date");
        var modality = r.enumValue("imaging_modality", Modality.class);
        var contrast = r.bool("imaging_contrast_enhanced");
        var quality = r.enumValue("imaging_quality", ImageQuality.class);
        if (contrast == null) r.error("imaging_contrast_enhanced", "", "is required when an imaging study is given");
        if (!r.errors().isEmpty()) return null;
        return r.build(() -> new ImagingStudy(null, date, modality, contrast, quality, phases, List.of()));
    }

    private static Treatment treatment(CsvRow r) {
        var surgery = r.date("surgery_date");
        var margin = r.enumValue("resection_margin", ResectionMargin.class);
        String strategyText = r.text("adjuvant_strategy");
        AdjuvantStrategy strategy = strategyText == null ? null : r.build(() -> AdjuvantStrategy.fromId(strategyText));
        List<String> neo = r.list("neoadjuvant_drugs");
        List<String> adj = r.list("adjuvant_drugs");
        if (surgery == null && strategy == null && neo.isEmpty()) return null;
        if (!r.errors().isEmpty()) return null;
        return r.build(() -> new Treatment(surgery, margin, neo, strategy, adj));
    }

    private static Pathology pathology(CsvRow r) {
        return r.build(() -> new Pathology(r.enumValue("histologic_diagnosis", Diagnosis.class),
                r.enumValue("mvi", MviGrade.class), r.integer("edmondson_grade"), r.bool("satellite_nodules"),
                r.bool("capsule_complete"), r.enumValue("resection_margin", ResectionMargin.class),
                r.bool("major_vessel_involvement"), r.bool("adjacent_organ_invasion"), r.bool("regional_node_metastasis")));
    }

    private static List<Slide> slides(CsvRow r) {
        List<String> ids = r.list("slide_ids");
        List<String> qc = r.list("slides_qc_accepted");
        if (!qc.isEmpty() && qc.size() != ids.size()) {
            r.error("slides_qc_accepted", r.text("slides_qc_accepted"), "has " + qc.size() + " entries for " + ids.size() + " slides");
            return List.of();
        }
        List<Slide> slides = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Boolean accepted = qc.isEmpty() ? null : switch (qc.get(i).toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "true", "accepted" -> Boolean.TRUE;
                case "no", "false", "rejected" -> Boolean.FALSE;
                default -> {
                    r.error("slides_qc_accepted", qc.get(i), "is not yes/no");
                    yield null;
                }
            };
            String id = ids.get(i);
            Slide s = r.build(() -> new Slide(id, "H&E", null, accepted));
            if (s != null) slides.add(s);
        }
        return slides;
    }
}
