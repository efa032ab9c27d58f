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

    /** The "no effect here" side of a robust prior: HR 1, 95% within 0.91–1.10. */
    public static final double NO_EFFECT_SD = 0.05;

    /**
     * A prior on one component's log hazard ratio: with probability {@code transferProbability} the trials' effect
     * transfers (normal, mean and SD from the trials), otherwise there is no effect here (normal at 0, SD
     * {@link #NO_EFFECT_SD}). A plain normal prior has transfer probability 1.
     */
    public record Prior(String component, double meanLogHr, double sdLogHr, String source, double transferProbability) {
        public Prior {
            if (!(transferProbability > 0 && transferProbability <= 1)) {
                throw new IllegalArgumentException(component + ": a transfer probability is in (0, 1], not " + transferProbability);
            }
        }

        public Prior(String component, double meanLogHr, double sdLogHr, String source) { this(component, meanLogHr, sdLogHr, source, 1); }

        public double hazardRatio() { return Math.exp(meanLogHr); }

        public boolean robust() { return transferProbability < 1; }

        /**
         * The posterior probability that the trials' effect transfers, given the data's estimate and precision (a
         * normal likelihood): each side's prior probability times its marginal density of the estimate, N(β̂; μ, 1/P + σ²).
         * Without data (P = 0) the prior probability.
         */
        public double posteriorTransferProbability(double dataEstimate, double dataPrecision) {
            if (!(dataPrecision > 0)) return transferProbability;
            double trials = transferProbability * normalDensity(dataEstimate - meanLogHr, 1 / dataPrecision + sdLogHr * sdLogHr);
            double none = (1 - transferProbability) * normalDensity(dataEstimate, 1 / dataPrecision + NO_EFFECT_SD * NO_EFFECT_SD);
            return trials + none == 0 ? (Math.abs(dataEstimate - meanLogHr) < Math.abs(dataEstimate) ? 1 : 0) : trials / (trials + none);
        }

        /**
         * The posterior mean of the log hazard ratio under this prior and a normal likelihood (β̂, 1/P): the mixture of the
         * two sides' conjugate posteriors, weighted by {@link #posteriorTransferProbability}. The mean, not the mode,
         * because the policy compares expected RFS, which is linear in the effect to first order; and a two-sided
         * prior's posterior can have two modes.
         */
        public double posteriorMeanLogHr(double dataEstimate, double dataPrecision) {
            if (!(dataPrecision > 0)) return transferProbability * meanLogHr;
            double pTransfer = posteriorTransferProbability(dataEstimate, dataPrecision);
            double trials = (dataEstimate * dataPrecision + meanLogHr / (sdLogHr * sdLogHr)) / (dataPrecision + 1 / (sdLogHr * sdLogHr));
            double none = dataEstimate * dataPrecision / (dataPrecision + 1 / (NO_EFFECT_SD * NO_EFFECT_SD));
            return pTransfer * trials + (1 - pTransfer) * none;
        }

        private static double normalDensity(double x, double variance) {
            return Math.exp(-x * x / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
        }
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

    /** The prior probability that a trial's effect transfers to the cohort, in {@link #robust()}: equipoise. */
    public static final double TRANSFER_PROBABILITY = 0.5;

    /**
     * The trials' priors made robust: each effect transfers with probability {@code transfer}, otherwise it is nil here
     * (a mixture with a narrow normal at HR 1). Why: with the trials' prior alone, a cohort in which no strategy works
     * still got systemic therapy recommended to nearly everyone (the prior's pull is not undone by 3,000 patients, and
     * the prior–data conflict check cannot see it; BENCHMARKS.md); a sharp "no effect" alternative lets data that sit
     * near zero say so (Schmidli et al. 2014's robust prior, with the null in place of a vague component, which would
     * only hand the estimate back to the noisy data).
     */
    public static List<Prior> robust(double transfer) {
        return components().stream().map(p -> new Prior(p.component(), p.meanLogHr(), p.sdLogHr(),
                p.source() + String.format(java.util.Locale.ROOT, "; transfers with probability %.2f, else HR 1 (SD %.2f)", transfer, NO_EFFECT_SD),
                transfer)).toList();
    }

    /**
     * The priors by the name `livercast train --effect-prior` takes: trials, robust (or robust:P, P the transfer
     * probability), sceptical, or none (an empty list).
     */
    public static List<Prior> named(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("robust:")) {
            double p;
            try {
                p = Double.parseDouble(n.substring("robust:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("robust:P takes a transfer probability in (0, 1], not " + name.substring(7));
            }
            if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("robust:P takes a transfer probability in (0, 1], not " + p);
            return robust(p);
        }
        return switch (n) {
            case "trials" -> components();
            case "robust" -> robust(TRANSFER_PROBABILITY);
            case "sceptical" -> sceptical();
            case "none" -> List.of();
            default -> throw new IllegalArgumentException("an effect prior is trials, robust[:P], sceptical or none, not " + name);
        };
    }

    private static Prior contrast(String component, Reported subgroup) {
        return new Prior(component, subgroup.mean() - TACE_REFERENCE.mean(), Math.hypot(subgroup.sd(), TACE_REFERENCE.sd()),
                subgroup.source() + ", against the TNM I-II reference");
    }
}
