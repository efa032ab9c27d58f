package org.livercast.synth;

import static org.livercast.synth.Parameters.*;

import org.livercast.core.model.AdjuvantStrategy;

/**
 * The recurrence model: a Weibull proportional-hazards model whose linear predictor combines the measured risk
 * factors (MVI, AFP &gt; 400, size ≥ 5 cm, multinodular, satellites, poor grade, cirrhosis), the hidden biology
 * (aggressiveness, immune infiltration) and the adjuvant strategy's effect, which depends on the tumour:
 * TACE helps MVI-positive tumours ≤ 5 cm (HR 0.70) and intermediate-risk ones (HR 0.80), not low-risk ones, and
 * slightly harms large MVI+ tumours (HR 1.17); systemic therapy helps by immune infiltration (HR 0.55 hot, 0.75
 * intermediate, none cold). Fatal toxicity, the other side of the balance, is in {@link TreatmentHarm}.
 */
final class Hazards {
    private Hazards() {}

    record Risk(boolean mvi, boolean afp400, boolean large, boolean multinodular, boolean satellites, boolean poorGrade,
                boolean cirrhosis, double aggressiveness, double immune) {}

    static double baseLogHazard(Risk r) {
        return (r.mvi() ? LOG_HR_MVI : 0) + (r.afp400() ? LOG_HR_AFP_400 : 0) + (r.large() ? LOG_HR_SIZE_50 : 0)
                + (r.multinodular() ? LOG_HR_MULTINODULAR : 0) + (r.satellites() ? LOG_HR_SATELLITE : 0)
                + (r.poorGrade() ? LOG_HR_POOR_GRADE : 0) + (r.cirrhosis() ? LOG_HR_CIRRHOSIS : 0)
                + LOG_HR_AGGRESSIVENESS * r.aggressiveness() + LOG_HR_IMMUNE * r.immune()
                // Centring: the average patient has about this sum, so the Weibull scale stays interpretable.
                - 1.0;
    }

    static double treatmentEffect(Risk r, AdjuvantStrategy s, TreatmentTruth truth) {
        if (truth == TreatmentTruth.NONE) return 0;
        double e = 0;
        if (s.includesTace()) {
            if (r.mvi() && !r.large()) e += LOG_HR_TACE_BENEFIT;
            else if (r.mvi()) e += LOG_HR_TACE_MVI_LARGE;
            else if (r.large() || r.multinodular()) e += Math.log(0.80);
            else e += LOG_HR_TACE_NONE;
        }
        if (s.includesSystemic()) {
            if (r.immune() > 0.5) e += LOG_HR_SYSTEMIC_HIGH_IMMUNE;
            else if (r.immune() > -0.5) e += LOG_HR_SYSTEMIC_MID_IMMUNE;
            else e += LOG_HR_SYSTEMIC_COLD;
        }
        return e;
    }

    /** P(recurrence by t) under log hazard lp. */
    static double recurrenceCdf(double t, double lp) {
        return 1 - Math.exp(-Math.pow(t / WEIBULL_SCALE_DAYS, WEIBULL_SHAPE) * Math.exp(lp));
    }

    /** A recurrence time drawn by inversion. */
    static double drawRecurrence(double u, double lp) {
        return WEIBULL_SCALE_DAYS * Math.pow(-Math.log(1 - u) / Math.exp(lp), 1 / WEIBULL_SHAPE);
    }

    /** True RFS (recurrence or death) at t: recurrence and background death are independent. */
    static double rfs(double t, double lp) { return (1 - recurrenceCdf(t, lp)) * Math.exp(-DEATH_HAZARD * t); }

    /**
     * True overall survival at t: background death, and after a recurrence at u the post-recurrence death hazard
     * (a mixture of the within- and beyond-Milan rates by the patient's probability), integrated in 5-day steps.
     */
    static double os(double t, double lp, double pBeyond) {
        double step = 5;
        double afterWithin = DEATH_AFTER_RECURRENCE;
        double afterBeyond = DEATH_AFTER_AGGRESSIVE;
        double alive = Double.isInfinite(lp) && lp < 0 ? 1 : 1 - recurrenceCdf(t, lp);
        if (!(Double.isInfinite(lp) && lp < 0)) {
            for (double u = 0; u < t; u += step) {
                double density = recurrenceCdf(Math.min(t, u + step), lp) - recurrenceCdf(u, lp);
                double mid = Math.min(t, u + step / 2);
                alive += density * (pBeyond * Math.exp(-afterBeyond * (t - mid)) + (1 - pBeyond) * Math.exp(-afterWithin * (t - mid)));
            }
        }
        return alive * Math.exp(-DEATH_HAZARD * t);
    }

    /**
     * True probability that the first recurrence is beyond Milan and confirmed at a scan within 730 days, alive:
     * scans every 91 days, beyond-Milan probability independent of timing.
     */
    static double pAggressive2y(double lp, double pBeyond) {
        double p = 0;
        double previous = 0;
        for (int s = SCAN_INTERVAL_DAYS; s <= 730; s += SCAN_INTERVAL_DAYS) {
            double f = recurrenceCdf(s, lp);
            p += (f - previous) * Math.exp(-DEATH_HAZARD * s);
            previous = f;
        }
        return p * pBeyond;
    }
}
