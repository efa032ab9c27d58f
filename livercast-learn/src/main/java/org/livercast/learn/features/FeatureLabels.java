package org.livercast.learn.features;

import java.util.Map;

/**
 * What a clinician calls each tabular feature of {@link ClinicalFeatures}: the name a page shows beside the feature's
 * contribution to a risk ("PIVKA-II (log10 mAU/mL)" for {@code log10_pivka_mau_per_ml}). Kept beside the features so
 * that a new one is named where it is made ({@code FeatureLabelsTest} fails on a feature without a label).
 */
public final class FeatureLabels {
    private FeatureLabels() {}

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("age_years", "Age (years)"),
            Map.entry("male", "Male sex"),
            Map.entry("hbsag_positive", "HBsAg positive"),
            Map.entry("hcv_positive", "Anti-HCV positive"),
            Map.entry("cirrhosis", "Cirrhosis"),
            Map.entry("ecog", "ECOG performance status"),
            Map.entry("ascites", "Ascites"),
            Map.entry("albumin_g_per_l", "Albumin (g/L)"),
            Map.entry("bilirubin_umol_per_l", "Total bilirubin (µmol/L)"),
            Map.entry("inr", "INR"),
            Map.entry("platelets_10e9_per_l", "Platelets (10⁹/L)"),
            Map.entry("albi_score", "ALBI score"),
            Map.entry("log10_afp_ng_per_ml", "AFP (log10 ng/mL)"),
            Map.entry("afp_over_400", "AFP > 400 ng/mL"),
            Map.entry("log10_pivka_mau_per_ml", "PIVKA-II (log10 mAU/mL)"),
            Map.entry("nodule_count", "Number of nodules"),
            Map.entry("largest_nodule_mm", "Largest nodule (mm)"),
            Map.entry("largest_nodule_over_50mm", "Largest nodule ≥ 5 cm"),
            Map.entry("total_diameter_mm", "Sum of nodule diameters (mm)"),
            Map.entry("macrovascular_invasion", "Macrovascular invasion"),
            Map.entry("beyond_milan", "Beyond the Milan criteria"),
            Map.entry("mri_rim_aphe", "MRI: rim arterial-phase hyperenhancement"),
            Map.entry("mri_washout", "MRI: washout"),
            Map.entry("mri_capsule", "MRI: enhancing capsule"),
            Map.entry("mri_non_smooth_margin", "MRI: non-smooth tumour margin"),
            Map.entry("mri_peritumoral_enhancement", "MRI: arterial peritumoral enhancement"),
            Map.entry("mri_lr_5", "LI-RADS LR-5"),
            Map.entry("mri_lr_m", "LI-RADS LR-M"),
            Map.entry("path_mvi_present", "Pathology: microvascular invasion"),
            Map.entry("path_mvi_m2", "Pathology: MVI grade M2"),
            Map.entry("path_edmondson_grade", "Pathology: Edmondson–Steiner grade"),
            Map.entry("path_poor_grade", "Pathology: Edmondson–Steiner grade III–IV"),
            Map.entry("path_satellites", "Pathology: satellite nodules"),
            Map.entry("path_capsule_complete", "Pathology: complete tumour capsule"),
            Map.entry("path_margin_r1", "Pathology: R1 resection margin"),
            Map.entry("path_icc", "Pathology: intrahepatic cholangiocarcinoma"),
            Map.entry("neoadjuvant", "Neoadjuvant therapy"));

    /** The feature's clinical name; a name this list does not know (a model from elsewhere) as written, underscores as spaces. */
    public static String of(String feature) {
        String label = LABELS.get(feature);
        return label != null ? label : feature.replace('_', ' ');
    }

    /** Whether the feature has a clinical name here. */
    public static boolean knows(String feature) { return LABELS.containsKey(feature); }
}
