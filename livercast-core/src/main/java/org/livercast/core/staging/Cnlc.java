package org.livercast.core.staging;

import org.livercast.core.Checks;
import org.livercast.core.model.TumourBurden;
import org.livercast.core.staging.ChildPugh.ChildPughClass;

/**
 * China Liver Cancer staging (CNLC, guideline 2019/2022/2024). Stages I-III need ECOG 0-2 and Child-Pugh A/B;
 * ECOG 3-4 or Child-Pugh C is IV. IIIb = extrahepatic spread; IIIa = macrovascular invasion; Ia = single ≤50 mm;
 * Ib = single &gt;50 mm or 2-3 nodules each ≤30 mm; IIa = 2-3 nodules with the largest &gt;30 mm; IIb = ≥4 nodules.
 */
public final class Cnlc {
    private Cnlc() {}

    public enum Stage {
        IA("Ia"), IB("Ib"), IIA("IIa"), IIB("IIb"), IIIA("IIIa"), IIIB("IIIb"), IV("IV");

        private final String label;

        Stage(String label) { this.label = label; }

        public String label() { return label; }
    }

    public static Stage stage(TumourBurden burden, int ecog, ChildPughClass liver) {
        Checks.inRange("ecog", ecog, 0, 5);
        Checks.required("child_pugh_class", liver);
        burden.requireNodules("preoperative_burden");
        if (ecog >= 3 || liver == ChildPughClass.C) return Stage.IV;
        if (burden.extrahepaticSpread()) return Stage.IIIB;
        if (burden.macrovascularInvasion()) return Stage.IIIA;
        int n = burden.count();
        if (n == 1) return burden.largestMm() <= 50 ? Stage.IA : Stage.IB;
        if (n <= 3) return burden.largestMm() <= 30 ? Stage.IB : Stage.IIA;
        return Stage.IIB;
    }
}
