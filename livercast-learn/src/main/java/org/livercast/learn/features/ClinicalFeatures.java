package org.livercast.learn.features;

import org.livercast.core.model.Analyte;
import org.livercast.core.model.Ascites;
import org.livercast.core.model.Diagnosis;
import org.livercast.core.model.MviGrade;
import org.livercast.core.model.Patient;
import org.livercast.core.model.ResectionMargin;
import org.livercast.core.model.Sex;
import org.livercast.core.model.TumourBurden;
import org.livercast.core.staging.Albi;
import org.livercast.core.staging.TransplantCriteria;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.report.PathologyFindings;
import org.livercast.learn.report.RadiologyFindings;

/**
 * The tabular features the models and the clinical baselines read. Three groups, so that ablations can drop one:
 * {@link #baseline} (demographics, liver, labs, tumour burden — what published clinical scores use), {@link #radiology}
 * (LI-RADS features from the MRI report) and {@link #pathology} (post-operative only). Skewed markers enter on a log10
 * scale (AFP, PIVKA-II), as clinicians read them.
 */
public final class ClinicalFeatures {
    private ClinicalFeatures() {}

    public static FeatureRow baseline(PreOperativeInputs in) {
        Patient p = in.baseline();
        TumourBurden b = p.preoperativeBurden();
        Double albumin = lab(p, Analyte.ALBUMIN);
        Double bilirubin = lab(p, Analyte.TOTAL_BILIRUBIN);
        Double afp = lab(p, Analyte.AFP);
        Double pivka = lab(p, Analyte.PIVKA_II);
        boolean hasTumour = b != null && b.count() > 0;
        return new FeatureRow()
                .put("age_years", in.surgeryDate() == null ? p.ageYears() : p.ageOn(in.surgeryDate()))
                .put("male", p.sex() == null ? null : p.sex() == Sex.MALE)
                .put("hbsag_positive", p.hbsAgPositive())
                .put("hcv_positive", p.hcvPositive())
                .put("cirrhosis", p.cirrhosis())
                .put("ecog", p.ecog())
                .put("ascites", p.ascites() == null ? null : p.ascites() != Ascites.NONE)
                .put("albumin_g_per_l", albumin)
                .put("bilirubin_umol_per_l", bilirubin)
                .put("inr", lab(p, Analyte.INR))
                .put("platelets_10e9_per_l", lab(p, Analyte.PLATELETS))
                .put("albi_score", albumin == null || bilirubin == null ? null : Albi.score(bilirubin, albumin))
                .put("log10_afp_ng_per_ml", afp == null ? null : Math.log10(Math.max(afp, 0.1)))
                .put("afp_over_400", afp == null ? null : afp > 400)
                .put("log10_pivka_mau_per_ml", pivka == null ? null : Math.log10(Math.max(pivka, 0.1)))
                .put("nodule_count", hasTumour ? (double) b.count() : null)
                .put("largest_nodule_mm", hasTumour ? b.largestMm() : null)
                // The 5 cm cut-off of BCLC, TNM and the TACE trials: risk and treatment choice change there, not linearly.
                .put("largest_nodule_over_50mm", hasTumour ? b.largestMm() >= 50 : null)
                .put("total_diameter_mm", hasTumour ? b.totalDiameterMm() : null)
                .put("macrovascular_invasion", b == null ? null : b.macrovascularInvasion())
                .put("beyond_milan", hasTumour ? TransplantCriteria.beyondMilan(b) : null);
    }

    public static FeatureRow radiology(PreOperativeInputs in) {
        RadiologyFindings r = in.radiology();
        String c = r.liradsCategory();
        return new FeatureRow()
                .put("mri_rim_aphe", r.rimAphe())
                .put("mri_washout", r.washout())
                .put("mri_capsule", r.capsule())
                .put("mri_non_smooth_margin", r.nonSmoothMargin())
                .put("mri_peritumoral_enhancement", r.peritumoralEnhancement())
                .put("mri_lr_5", c == null ? null : c.equals("LR-5"))
                .put("mri_lr_m", c == null ? null : c.equals("LR-M"));
    }

    public static FeatureRow pathology(PostOperativeInputs in) {
        PathologyFindings f = in.pathology();
        return new FeatureRow()
                .put("path_mvi_present", f.mvi() == null ? null : f.mvi().present())
                .put("path_mvi_m2", f.mvi() == null ? null : f.mvi() == MviGrade.M2)
                .put("path_edmondson_grade", f.edmondsonGrade())
                .put("path_poor_grade", f.edmondsonGrade() == null ? null : f.edmondsonGrade() >= 3)
                .put("path_satellites", f.satelliteNodules())
                .put("path_capsule_complete", f.capsuleComplete())
                .put("path_margin_r1", f.margin() == null ? null : f.margin() == ResectionMargin.R1)
                .put("path_icc", f.diagnosis() == null ? null : f.diagnosis() == Diagnosis.ICC)
                .put("neoadjuvant", in.neoadjuvant());
    }

    private static Double lab(Patient p, Analyte a) {
        var v = p.labs().canonical(a);
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
