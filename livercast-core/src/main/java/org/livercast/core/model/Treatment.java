package org.livercast.core.model;

import java.time.LocalDate;
import java.util.List;
import org.livercast.core.Checks;

/**
 * The treatment around surgery: neoadjuvant therapy (drugs, or none), the resection, and the adjuvant strategy
 * with its drugs (for example {@code lenvatinib}, {@code sintilimab}, {@code oxaliplatin}).
 */
public record Treatment(LocalDate surgeryDate, ResectionMargin margin, List<String> neoadjuvantDrugs,
                        AdjuvantStrategy adjuvantStrategy, List<String> adjuvantDrugs) {
    public Treatment {
        neoadjuvantDrugs = List.copyOf(neoadjuvantDrugs == null ? List.of() : neoadjuvantDrugs);
        adjuvantDrugs = List.copyOf(adjuvantDrugs == null ? List.of() : adjuvantDrugs);
        if (adjuvantStrategy != null && adjuvantStrategy.includesSystemic() && adjuvantDrugs.isEmpty()) {
            throw new org.livercast.core.InvalidValueException("adjuvant_drugs", "", "strategy "
                    + adjuvantStrategy.id() + " includes systemic therapy, so the drugs must be named");
        }
    }

    public boolean hadNeoadjuvantTherapy() { return !neoadjuvantDrugs.isEmpty(); }

    public static Treatment surgeryOn(LocalDate date) {
        return new Treatment(Checks.required("surgery_date", date), ResectionMargin.R0, List.of(),
                AdjuvantStrategy.SURGERY_ALONE, List.of());
    }
}
