package org.livercast.core.staging;

import org.livercast.core.model.TumourBurden;

/**
 * AJCC 8th edition TNM for hepatocellular carcinoma.
 * T1a solitary ≤20 mm (with or without vascular invasion); T1b solitary &gt;20 mm without vascular invasion;
 * T2 solitary &gt;20 mm with vascular invasion, or multiple none &gt;50 mm; T3 multiple with at least one &gt;50 mm;
 * T4 major branch of the portal or hepatic vein, or direct invasion of adjacent organs other than the gallbladder,
 * or perforation of the visceral peritoneum.
 */
public final class Ajcc8 {
    private Ajcc8() {}

    public enum T { T1A, T1B, T2, T3, T4 }

    public enum Stage {
        IA("IA"), IB("IB"), II("II"), IIIA("IIIA"), IIIB("IIIB"), IVA("IVA"), IVB("IVB");

        private final String label;

        Stage(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** Pathological TNM: the T category, node status (N1 = regional nodes) and distant metastasis (M1). */
    public record Tnm(T t, boolean n1, boolean m1, Stage stage) {
        public String label() {
            return t.name().replace("T1A", "T1a").replace("T1B", "T1b") + (n1 ? "N1" : "N0") + (m1 ? "M1" : "M0");
        }
    }

    /**
     * @param vascularInvasion micro- or macroscopic vascular invasion
     * @param majorVesselOrAdjacentOrgan T4 findings: major portal/hepatic vein branch, adjacent organ, perforation
     */
    public static T t(TumourBurden burden, boolean vascularInvasion, boolean majorVesselOrAdjacentOrgan) {
        burden.requireNodules("tumour_burden");
        if (majorVesselOrAdjacentOrgan) return T.T4;
        if (burden.isSolitary()) {
            if (burden.largestMm() <= 20) return T.T1A;
            return vascularInvasion ? T.T2 : T.T1B;
        }
        return burden.largestMm() > 50 ? T.T3 : T.T2;
    }

    public static Stage stage(T t, boolean n1, boolean m1) {
        if (m1) return Stage.IVB;
        if (n1) return Stage.IVA;
        return switch (t) {
            case T1A -> Stage.IA;
            case T1B -> Stage.IB;
            case T2 -> Stage.II;
            case T3 -> Stage.IIIA;
            case T4 -> Stage.IIIB;
        };
    }

    public static Tnm tnm(TumourBurden burden, boolean vascularInvasion, boolean majorVesselOrAdjacentOrgan,
                          boolean n1, boolean m1) {
        T t = t(burden, vascularInvasion, majorVesselOrAdjacentOrgan);
        return new Tnm(t, n1, m1, stage(t, n1, m1));
    }
}
