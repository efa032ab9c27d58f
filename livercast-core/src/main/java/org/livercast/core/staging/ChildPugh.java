package org.livercast.core.staging;

import org.livercast.core.Checks;
import org.livercast.core.model.Ascites;
import org.livercast.core.model.Encephalopathy;

/**
 * Child-Pugh score (5-15) and class (A 5-6, B 7-9, C 10-15).
 *
 * <p>Albumin band: sources disagree on the 2-point band (2.8-3.5 g/dL in the Cleveland Clinic table, 3.0-3.5 in
 * Harrison's). LiverCast uses <b>28-35 g/L</b>, the band of the Chinese guideline's table in g/L, which matches the
 * g/L units our centres send. Bands: albumin &gt;35 g/L = 1, 28-35 = 2, &lt;28 = 3; bilirubin &lt;34 µmol/L = 1,
 * 34-51 = 2, &gt;51 = 3; INR &lt;1.7 = 1, 1.7-2.3 = 2, &gt;2.3 = 3.
 */
public final class ChildPugh {
    private ChildPugh() {}

    public enum ChildPughClass { A, B, C }

    public record Result(int score, ChildPughClass childPughClass) {}

    public static Result of(double bilirubinUmolPerL, double albuminGPerL, double inr, Ascites ascites,
                            Encephalopathy encephalopathy) {
        Checks.inRange("total_bilirubin", bilirubinUmolPerL, 0, 1500);
        Checks.inRange("albumin", albuminGPerL, 0, 70);
        Checks.inRange("inr", inr, 0.5, 15);
        Checks.required("ascites", ascites);
        Checks.required("encephalopathy", encephalopathy);
        int score = bilirubinPoints(bilirubinUmolPerL) + albuminPoints(albuminGPerL) + inrPoints(inr)
                + ascites.ordinal() + 1 + encephalopathy.ordinal() + 1;
        return new Result(score, classOf(score));
    }

    static int bilirubinPoints(double umolPerL) {
        if (umolPerL < 34) return 1;
        return umolPerL <= 51 ? 2 : 3;
    }

    static int albuminPoints(double gPerL) {
        if (gPerL > 35) return 1;
        return gPerL >= 28 ? 2 : 3;
    }

    static int inrPoints(double inr) {
        if (inr < 1.7) return 1;
        return inr <= 2.3 ? 2 : 3;
    }

    public static ChildPughClass classOf(int score) {
        Checks.inRange("child_pugh_score", score, 5, 15);
        if (score <= 6) return ChildPughClass.A;
        return score <= 9 ? ChildPughClass.B : ChildPughClass.C;
    }
}
