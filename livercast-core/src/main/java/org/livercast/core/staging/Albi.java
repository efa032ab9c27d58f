package org.livercast.core.staging;

import org.livercast.core.Checks;

/**
 * ALBI score (Johnson et al., JCO 2015): 0.66 × log10(bilirubin µmol/L) − 0.085 × albumin g/L.
 * Grade 1 ≤ −2.60 &lt; grade 2 ≤ −1.39 &lt; grade 3.
 */
public final class Albi {
    private Albi() {}

    public static final double GRADE_1_MAX = -2.60;
    public static final double GRADE_2_MAX = -1.39;

    public static double score(double bilirubinUmolPerL, double albuminGPerL) {
        Checks.positive("total_bilirubin", bilirubinUmolPerL);
        Checks.inRange("albumin", albuminGPerL, 0, 70);
        return 0.66 * Math.log10(bilirubinUmolPerL) - 0.085 * albuminGPerL;
    }

    /** Cut-offs absorb floating-point error (1e-9) so a score printed as exactly −2.60 is grade 1. */
    private static final double EPSILON = 1e-9;

    public static int grade(double score) {
        if (Double.isNaN(score)) throw new org.livercast.core.InvalidValueException("albi_score", score, "is not a number");
        if (score <= GRADE_1_MAX + EPSILON) return 1;
        return score <= GRADE_2_MAX + EPSILON ? 2 : 3;
    }
}
