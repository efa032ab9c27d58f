package org.livercast.core.staging;

import org.livercast.core.model.TumourBurden;

/**
 * Milan, UCSF and up-to-7, applied the same way to a tumour before surgery and to the burden of a recurrence:
 * any macrovascular invasion or extrahepatic spread is beyond all three.
 */
public final class TransplantCriteria {
    private TransplantCriteria() {}

    /** Milan (Mazzaferro 1996): single ≤50 mm, or 2-3 nodules each ≤30 mm. */
    public static boolean withinMilan(TumourBurden b) {
        if (!confinedToLiver(b)) return false;
        int n = b.count();
        if (n == 1) return b.largestMm() <= 50;
        return n <= 3 && b.largestMm() <= 30;
    }

    /** UCSF (Yao 2001): single ≤65 mm, or ≤3 nodules with the largest ≤45 mm and total diameter ≤80 mm. */
    public static boolean withinUcsf(TumourBurden b) {
        if (!confinedToLiver(b)) return false;
        int n = b.count();
        if (n == 1) return b.largestMm() <= 65;
        return n <= 3 && b.largestMm() <= 45 && b.totalDiameterMm() <= 80;
    }

    /** Up-to-7 (Mazzaferro 2009): largest diameter in cm plus number of nodules ≤ 7. */
    public static boolean withinUpToSeven(TumourBurden b) {
        if (!confinedToLiver(b)) return false;
        // Compare in millimetres to avoid a floating-point miss at exactly 7 (e.g. 6.0 cm + 1).
        return b.largestMm() + 10.0 * b.count() <= 70.0;
    }

    public static boolean beyondMilan(TumourBurden b) { return !withinMilan(b); }

    private static boolean confinedToLiver(TumourBurden b) {
        return !b.macrovascularInvasion() && !b.extrahepaticSpread() && b.count() > 0;
    }
}
