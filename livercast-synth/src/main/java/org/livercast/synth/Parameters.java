package org.livercast.synth;

/**
 * Every number the generator uses, with where it comes from (shared/knowledge/hcc-clinical-reference.md, "ref"
 * section numbers). Log hazard ratios are ln(HR). Values the literature leaves open are marked "chosen" with the
 * target they were tuned to.
 */
public final class Parameters {
    private Parameters() {}

    // ---- Demographics and liver (ref §3)
    /** Male 83–87% (PMC4396049: 86.8%; IMbrave050 ~83%). */
    public static final double MALE = 0.85;
    /** Median age 52–60 (PMC11102894: 52; IMbrave050: 59–60). */
    public static final double AGE_MEAN = 56;
    public static final double AGE_SD = 10;
    /** HBV seropositive 84.4% (frontiersin fonc.2022.906778). */
    public static final double HBV = 0.844;
    /** Anti-HCV among HBV-negative 13.2% (same source). */
    public static final double HCV_AMONG_HBV_NEGATIVE = 0.132;
    /** Cirrhosis 64.6% (PMC4396049). */
    public static final double CIRRHOSIS = 0.646;

    // ---- Tumour (ref §3, §5; sizes chosen: median 38 mm for resected early-stage HCC)
    public static final double SIZE_MEDIAN_MM = 38;
    public static final double SIZE_LOG_SD = 0.55;
    /** Share of multinodular tumours among resections (chosen: ~20%, BCLC A with up to 3 nodules dominant). */
    public static final double MULTINODULAR = 0.20;
    /** MVI 25.3% overall (PMC5240309), driven by the vascular-invasion propensity and size. */
    public static final double MVI_INTERCEPT = -1.35;
    public static final double MVI_PER_PROPENSITY = 1.1;
    public static final double MVI_LARGE_TUMOUR = 0.5;
    /** Edmondson III–IV 32–57% (ref §3): chosen 45% through the differentiation latent. */
    public static final double POOR_GRADE = 0.45;
    /** AFP: log10 AFP ~ N(1.3 + 0.5·aggressiveness, 0.9): AFP > 20 ≈ 59% (PMC4396049), AFP > 400 ≈ 16%. */
    public static final double LOG10_AFP_MEAN = 1.3;
    public static final double LOG10_AFP_SD = 0.9;
    /** PIVKA-II early-stage median 104.5 mAU/mL (PMC5580438). */
    public static final double PIVKA_MEDIAN = 104.5;

    // ---- Recurrence hazard: Weibull, early-recurrence-heavy (shape < 1). Log-HRs (multivariable, ref §3 table)
    public static final double WEIBULL_SHAPE = 0.85;
    /** Scale tuned so that recurrence by 2 years ≈ 40% (ref §3: 28–55%) and by 5 years ≈ 60% (47–67%). */
    public static final double WEIBULL_SCALE_DAYS = 1650;
    /** MVI HR 1.40 (PMC5240309). */
    public static final double LOG_HR_MVI = Math.log(1.40);
    /** AFP > 400 HR ≈ 2.0 (PMC7979599: 1.975; pubmed 33022551: 2.071). */
    public static final double LOG_HR_AFP_400 = Math.log(2.0);
    /** Tumour ≥ 5 cm HR 1.82 (s12885-021-08483-3). */
    public static final double LOG_HR_SIZE_50 = Math.log(1.82);
    /** Multinodular HR 1.31 (Italian resections). */
    public static final double LOG_HR_MULTINODULAR = Math.log(1.31);
    /** Satellite nodules: ER HR 2.78 (PMC7979599); used for recurrence overall at a tempered 1.8 (chosen). */
    public static final double LOG_HR_SATELLITE = Math.log(1.8);
    /** Poor differentiation RR 1.46 (zpwz 201901003). */
    public static final double LOG_HR_POOR_GRADE = Math.log(1.46);
    /** Cirrhosis HR 1.52 (Italian resections). */
    public static final double LOG_HR_CIRRHOSIS = Math.log(1.52);
    /** Aggressiveness beyond its measured signs, and protective immune infiltration (TIL HR 0.18 high vs low, tempered). */
    public static final double LOG_HR_AGGRESSIVENESS = 0.35;
    public static final double LOG_HR_IMMUNE = -0.30;

    // ---- Treatment effects on recurrence (ref §2; rules chosen from the RCT and observational anchors)
    /** TACE HR 0.68–0.70 in MVI+ or intermediate/high risk with tumours ≤ 5 cm (Wang 2018; Wei 2018). */
    public static final double LOG_HR_TACE_BENEFIT = Math.log(0.70);
    /** TACE in single ≤ 5 cm without MVI (TNM I–II): HR 0.88, not significant → 1.0. */
    public static final double LOG_HR_TACE_NONE = 0.0;
    /** TACE in MVI-positive tumours &gt; 5 cm: adjusted OR 1.17 (0.84–1.62) for recurrence (Oncologist 2019), taken as the HR. */
    public static final double LOG_HR_TACE_MVI_LARGE = Math.log(1.17);
    /** Systemic (PD-1 ± anti-VEGF): HR 0.53–0.72 (sintilimab, IMbrave050) where immune infiltration is high. */
    public static final double LOG_HR_SYSTEMIC_HIGH_IMMUNE = Math.log(0.55);
    public static final double LOG_HR_SYSTEMIC_MID_IMMUNE = Math.log(0.75);
    /** Sorafenib-like null effect in immune-cold tumours (STORM HR 0.94, not significant → 1.0). */
    public static final double LOG_HR_SYSTEMIC_COLD = 0.0;

    // ---- Fatal toxicity of adjuvant therapy (chosen: post-TACE liver failure ~1% with a healthy liver, ~9% at 1.5 SD of
    // latent damage, ~17% at 2 SD, as in Child-Pugh B; fatal systemic toxicity ~1%, as in the IMbrave050 safety data)
    public static final double LOGIT_TACE_LIVER_FAILURE = -4.6;
    public static final double LOGIT_TACE_LIVER_FAILURE_PER_DAMAGE = 1.5;
    public static final double SYSTEMIC_FATAL_TOXICITY = 0.01;

    // ---- Recurrence burden: ~40% of recurrences beyond Milan (ref §3: 39.5% beyond UCSF)
    public static final double BEYOND_MILAN_INTERCEPT = -0.85;
    public static final double BEYOND_MILAN_PER_AGGRESSIVENESS = 0.9;
    public static final double BEYOND_MILAN_MVI = 0.6;

    // ---- Death and follow-up (ref §3: 5-y OS ≈ 45–60%)
    /** Background death hazard without recurrence, per day (≈ 2%/year). */
    public static final double DEATH_HAZARD = 0.02 / 365;
    /** After a recurrence within Milan / beyond Milan: 25%/year and 60%/year. */
    public static final double DEATH_AFTER_RECURRENCE = 0.25 / 365;
    public static final double DEATH_AFTER_AGGRESSIVE = 0.60 / 365;
    /** Loss to follow-up 3%/year (chosen). */
    public static final double LOSS_HAZARD = 0.03 / 365;
    /** Surveillance imaging every 12–13 weeks for 3 years, then 6-monthly (IMbrave050 protocol, ref §3). */
    public static final int SCAN_INTERVAL_DAYS = 91;
    public static final int SCAN_JITTER_DAYS = 10;

    // ---- Adverse events (CTCAE v5; ref §2 toxicity columns; rates chosen within the reported ranges)
    public static final double TACE_POSTEMBOLISATION_FEVER = 0.50;
    public static final double TACE_ALT_GRADE3 = 0.08;
    public static final double SYSTEMIC_HYPERTENSION_GRADE3 = 0.15;
    public static final double SYSTEMIC_ALT_GRADE3 = 0.05;
    public static final double SYSTEMIC_HFSR_GRADE3 = 0.05;
}
