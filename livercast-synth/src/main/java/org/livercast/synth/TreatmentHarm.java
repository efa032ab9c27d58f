package org.livercast.synth;

import static org.livercast.synth.Draw.chance;
import static org.livercast.synth.Draw.logistic;
import static org.livercast.synth.Parameters.*;

import java.util.SplittableRandom;
import org.livercast.core.model.AdjuvantStrategy;

/**
 * Fatal toxicity of adjuvant therapy: what makes a heavier strategy worse than a lighter one for some patients, so that
 * "treat everyone with everything" is not the best policy. TACE after a hepatectomy can tip a damaged liver into
 * failure (the risk rises steeply with the liver's latent damage, which the laboratory values show only noisily);
 * systemic therapy carries a small, flat risk of fatal toxicity (immune-related hepatitis, bleeding on anti-VEGF).
 * Deaths happen 30–90 days after surgery, before the first surveillance scan, so they end RFS and OS alike.
 */
final class TreatmentHarm {
    private TreatmentHarm() {}

    /** First day after surgery a treatment-related death can happen, and the width of the window. */
    static final int FIRST_DAY = 30;
    static final int WINDOW_DAYS = 60;

    /** The probability that strategy {@code s} kills the patient, given the liver's latent damage (standard normal). */
    static double fatalProbability(AdjuvantStrategy s, double liverDamage) {
        double survive = 1;
        if (s.includesTace()) survive *= 1 - logistic(LOGIT_TACE_LIVER_FAILURE + LOGIT_TACE_LIVER_FAILURE_PER_DAMAGE * liverDamage);
        if (s.includesSystemic()) survive *= 1 - SYSTEMIC_FATAL_TOXICITY;
        return 1 - survive;
    }

    /**
     * The day after surgery of a treatment-related death, or +∞. Drawn from a stream of its own so that adding this
     * harm left every other draw of the patient (and every untreated patient) exactly as it was.
     */
    static double deathDay(long patientSeed, AdjuvantStrategy s, double liverDamage) {
        double p = fatalProbability(s, liverDamage);
        if (p == 0) return Double.POSITIVE_INFINITY;
        SplittableRandom r = new SplittableRandom(patientSeed ^ 0x7A3D_91C5_4E2B_06F1L);
        return chance(r, p) ? FIRST_DAY + r.nextInt(WINDOW_DAYS) : Double.POSITIVE_INFINITY;
    }
}
