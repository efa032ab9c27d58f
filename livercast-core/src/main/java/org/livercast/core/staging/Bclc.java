package org.livercast.core.staging;

import org.livercast.core.Checks;
import org.livercast.core.model.TumourBurden;
import org.livercast.core.staging.ChildPugh.ChildPughClass;

/**
 * BCLC 2022 (Reig et al., J Hepatol 2022). The 2022 text says "preserved liver function" rather than a Child-Pugh
 * class; LiverCast operationalises it as the classic table does: Child-Pugh A for stage 0, A or B for stages A-C,
 * and end-stage function (Child-Pugh C) or ECOG 3-4 for stage D. Size cut "≤2 cm" is ≤20 mm.
 */
public final class Bclc {
    private Bclc() {}

    public enum Stage {
        ZERO("0"), A("A"), B("B"), C("C"), D("D");

        private final String label;

        Stage(String label) { this.label = label; }

        public String label() { return label; }
    }

    public static Stage stage(TumourBurden burden, int ecog, ChildPughClass liver) {
        Checks.inRange("ecog", ecog, 0, 5);
        Checks.required("child_pugh_class", liver);
        burden.requireNodules("preoperative_burden");
        if (ecog >= 3 || liver == ChildPughClass.C) return Stage.D;
        if (burden.macrovascularInvasion() || burden.extrahepaticSpread() || ecog >= 1) return Stage.C;
        int n = burden.count();
        if (n == 1 && burden.largestMm() <= 20 && liver == ChildPughClass.A) return Stage.ZERO;
        if (n == 1) return Stage.A;
        if (n <= 3 && burden.largestMm() <= 30) return Stage.A;
        return Stage.B;
    }
}
