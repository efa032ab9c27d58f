package org.livercast.core.staging;

import java.util.Optional;
import org.livercast.core.model.TumourBurden;

/**
 * IMbrave050 high risk of recurrence after resection (Qin et al., Lancet 2023), as applied in the AASLD comparison:
 * (1) ≤3 tumours with the largest &gt;50 mm; (2) ≥4 tumours with the largest ≤50 mm; (3) ≤3 tumours ≤50 mm with
 * vascular invasion (micro or macro) and/or poor differentiation (Edmondson 3-4). The trial's wording leaves ≥4
 * tumours with the largest &gt;50 mm unnamed (such patients were rarely resected); LiverCast calls them high risk,
 * since their burden exceeds both (1) and (2). Trial eligibility adds Child-Pugh A and ECOG 0-1
 * ({@link #eligibleLiverAndPerformance}).
 */
public final class Imbrave050 {
    private Imbrave050() {}

    /** The rule that made a patient high risk; empty when low risk. */
    public static Optional<String> highRiskReason(TumourBurden burden, boolean vascularInvasion,
                                                  boolean poorDifferentiation) {
        burden.requireNodules("tumour_burden");
        int n = burden.count();
        boolean large = burden.largestMm() > 50;
        if (n <= 3 && large) return Optional.of("up to 3 tumours with the largest > 5 cm");
        if (n >= 4 && !large) return Optional.of(">= 4 tumours with the largest <= 5 cm");
        if (n >= 4) return Optional.of(">= 4 tumours with the largest > 5 cm (beyond both burden rules)");
        if (vascularInvasion || poorDifferentiation) {
            return Optional.of("up to 3 tumours <= 5 cm with vascular invasion and/or poor differentiation");
        }
        return Optional.empty();
    }

    public static boolean highRisk(TumourBurden burden, boolean vascularInvasion, boolean poorDifferentiation) {
        return highRiskReason(burden, vascularInvasion, poorDifferentiation).isPresent();
    }

    public static boolean eligibleLiverAndPerformance(ChildPugh.ChildPughClass liver, int ecog) {
        return liver == ChildPugh.ChildPughClass.A && ecog <= 1;
    }
}
