package org.livercast.core.io.fhir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The clinical template's columns that no standard code carries here — a study's eligibility answers, the pathologist's
 * findings, the burden a scan shows — each as an Observation coded with LiverCast's code of the column's name
 * ({@code nyha_class} → {@code nyha-class}) and the cell as its value. A centre whose system codes them its own way maps
 * its codes to these columns in {@code fhir.json}.
 */
public final class TemplateCodes {
    /** LiverCast's CodeSystem (the fhir module's LiverCastCodes writes it whole, these codes among its own). */
    public static final String SYSTEM = "https://livercast.org/fhir/CodeSystem/livercast";
    /** The identifier system of LiverCast's centre ids. */
    public static final String CENTRE = "https://livercast.org/fhir/sid/centre";

    private TemplateCodes() {}

    /** The column's LiverCast code and display, in the template's order. */
    public static final Map<String, String> DISPLAYS = new LinkedHashMap<>();
    static {
        DISPLAYS.put("pivka_ii", "PIVKA-II (des-gamma-carboxy prothrombin)");
        DISPLAYS.put("macrovascular_invasion", "Macrovascular invasion on imaging");
        DISPLAYS.put("extrahepatic_spread", "Extrahepatic spread on imaging");
        DISPLAYS.put("planned_procedure", "Planned procedure");
        DISPLAYS.put("screening_date", "Study screening date");
        DISPLAYS.put("informed_consent", "Informed consent given");
        DISPLAYS.put("follow_up_consent", "Consent to follow-up of at least 2 years");
        DISPLAYS.put("prior_therapy_without_baseline", "Prior anti-tumour therapy without baseline data");
        DISPLAYS.put("severe_vital_organ_disease", "Severe vital organ disease");
        DISPLAYS.put("nyha_class", "NYHA class");
        DISPLAYS.put("severe_renal_dysfunction", "Severe renal dysfunction");
        DISPLAYS.put("uncontrolled_hypertension", "Uncontrolled hypertension");
        DISPLAYS.put("other_malignancy_within_5y", "Other malignancy within 5 years");
        DISPLAYS.put("other_primary_malignancy", "Other primary malignancy");
        DISPLAYS.put("regimen_hypersensitivity", "Hypersensitivity to the study regimen");
        DISPLAYS.put("imaging_contrast_enhanced", "Pre-operative imaging contrast-enhanced");
        DISPLAYS.put("imaging_quality", "Pre-operative imaging quality");
        DISPLAYS.put("imaging_phases", "Pre-operative imaging phases");
        DISPLAYS.put("resection_margin", "Resection margin (R classification)");
        DISPLAYS.put("mvi", "Microvascular invasion grade (M0-M2)");
        DISPLAYS.put("edmondson_grade", "Edmondson-Steiner grade");
        DISPLAYS.put("satellite_nodules", "Satellite nodules");
        DISPLAYS.put("capsule_complete", "Tumour capsule complete");
        DISPLAYS.put("major_vessel_involvement", "Major vessel involvement (pathology)");
        DISPLAYS.put("adjacent_organ_invasion", "Adjacent organ invasion (pathology)");
        DISPLAYS.put("regional_node_metastasis", "Regional lymph node metastasis (pathology)");
        DISPLAYS.put("cause_of_death", "Cause of death");
    }

    /** Columns whose values are whole numbers, written as valueInteger. */
    static boolean integer(String column) { return column.equals("nyha_class") || column.equals("edmondson_grade"); }

    /** Columns whose values are dates, written as valueDateTime. */
    static boolean date(String column) { return column.equals("screening_date"); }

    /** Columns whose values are yes/no, written as valueBoolean. */
    static boolean yesNo(String column) {
        return switch (column) {
            case "macrovascular_invasion", "extrahepatic_spread", "informed_consent", "follow_up_consent", "prior_therapy_without_baseline",
                 "severe_vital_organ_disease", "severe_renal_dysfunction", "uncontrolled_hypertension", "other_malignancy_within_5y",
                 "other_primary_malignancy", "regimen_hypersensitivity", "imaging_contrast_enhanced", "satellite_nodules", "capsule_complete",
                 "major_vessel_involvement", "adjacent_organ_invasion", "regional_node_metastasis" -> true;
            default -> false;
        };
    }

    /** LiverCast's code for a column ({@code nyha_class} → {@code nyha-class}). */
    public static String code(String column) { return column.replace('_', '-'); }

    /** The column a LiverCast code stands for, if it is one of these. */
    public static Optional<String> column(String code) {
        String column = code.replace('-', '_');
        return DISPLAYS.containsKey(column) ? Optional.of(column) : Optional.empty();
    }
}
