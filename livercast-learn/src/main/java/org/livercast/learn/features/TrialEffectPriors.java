package org.livercast.learn.features;

import java.util.List;

/**
 * What the trials say about each component of the therapy model's strategy coding (TACE, systemic, TACE × each of
 * {@link TaceEffectModifiers#NAMES}), as a normal prior on its RFS log hazard ratio. The therapy model is then fitted
 * to the posterior mode: the observational data move an effect away from the trials' in proportion to how much they
 * know. Why: at 3,000 patients the data alone put the systemic effect anywhere from HR 0.8 to 1.0 depending on the draw
 * (the policy then recovered −2% to 96% of the oracle's gain; BENCHMARKS.md), while several randomised trials bound it.
 * Sources and intervals from ../shared/knowledge/hcc-clinical-reference.md; an interval's log width / 3.92 is its SD.
 * A subgroup's TACE effect is a contrast with the reference's, so its component prior is the difference of the two
 * log hazard ratios, with their variances added (the trials are independent).
 */
public final class TrialEffectPriors {
    private TrialEffectPriors() {}

    /** A normal prior on one component's log hazard ratio. */
    public record Prior(String component, double meanLogHr, double sdLogHr, String source) {
        public double hazardRatio() { return Math.exp(meanLogHr); }
    }

    /** An effect reported as a hazard ratio (or odds ratio) with its 95% interval. */
    record Reported(double ratio, double lower95, double upper95, String source) {
        double mean() { return Math.log(ratio); }

        double sd() { return (Math.log(upper95) - Math.log(lower95)) / (2 * 1.959964); }
    }

    /** TACE in TNM I–II (no MVI, one tumour under 5 cm): the RCT was null. */
    static final Reported TACE_REFERENCE = new Reported(0.88, 0.62, 1.24, "RCT of adjuvant TACE in AJCC TNM I-II, n = 332: RFS HR 0.88 (0.62-1.24)");
    /** TACE with MVI and tumours under 5 cm, and in Wang 2018's intermediate/high-risk patients. */
    static final Reported TACE_HIGH_RISK = new Reported(0.68, 0.49, 0.93, "Wang 2018 RCT (Clin Cancer Res), n = 280: RFS HR 0.68 (0.49-0.93)");
    /** TACE with MVI and a tumour of 5 cm or more: no benefit. */
    static final Reported TACE_MVI_LARGE = new Reported(1.17, 0.84, 1.62, "Oncologist 2019 PSM of MVI+ resections, n = 444, size > 5 cm: OR 1.17 (0.84-1.62)");
    /**
     * Systemic therapy (PD-1 ± anti-VEGF): IMbrave050's interim HR 0.72 (0.56–0.93) and the 2025 real-world ICI cohort's 0.79
     * (0.66–0.95) pool to about 0.77 (SD 0.075); the later IMbrave050 update is reported nearer 0.90 (unverified), so the
     * prior is centred at 0.80 and widened to SD 0.15 (95%: 0.60–1.07) for that and for the trials' different drugs.
     */
    static final Prior SYSTEMIC = new Prior("systemic", Math.log(0.80), 0.15,
            "IMbrave050 interim RFS HR 0.72 (0.56-0.93); real-world adjuvant ICI HR 0.79 (0.66-0.95); later IMbrave050 update ~0.90 (unverified): HR 0.80, SD 0.15");

    /** The priors in the strategy coding's order: TACE, systemic, then TACE × each subgroup. */
    public static List<Prior> components() {
        return List.of(new Prior("tace", TACE_REFERENCE.mean(), TACE_REFERENCE.sd(), TACE_REFERENCE.source()), SYSTEMIC,
                contrast(TaceEffectModifiers.NAMES.get(0), TACE_HIGH_RISK), contrast(TaceEffectModifiers.NAMES.get(1), TACE_MVI_LARGE),
                contrast(TaceEffectModifiers.NAMES.get(2), TACE_HIGH_RISK));
    }

    /**
     * Spiegelhalter's sceptical prior: the trials' uncertainty, centred on no effect (HR 1 for every component). It
     * regularises as much as {@link #components()} without taking the trials' direction — the check that what the prior
     * buys is not only that it points the right way.
     */
    public static List<Prior> sceptical() {
        return components().stream().map(p -> new Prior(p.component(), 0, p.sdLogHr(), "sceptical: no effect, with the SD of " + p.source())).toList();
    }

    /** The priors by the name `livercast train --effect-prior` takes: trials, sceptical, or none (an empty list). */
    public static List<Prior> named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "trials" -> components();
            case "sceptical" -> sceptical();
            case "none" -> List.of();
            default -> throw new IllegalArgumentException("an effect prior is trials, sceptical or none, not " + name);
        };
    }

    private static Prior contrast(String component, Reported subgroup) {
        return new Prior(component, subgroup.mean() - TACE_REFERENCE.mean(), Math.hypot(subgroup.sd(), TACE_REFERENCE.sd()),
                subgroup.source() + ", against the TNM I-II reference");
    }
}
