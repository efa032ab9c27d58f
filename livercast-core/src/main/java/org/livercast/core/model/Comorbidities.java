package org.livercast.core.model;

/**
 * The general-health facts the protocols screen on. Each is a {@link Boolean} (or Integer) so that "not recorded"
 * stays distinguishable from "no" — a screening engine must say unknown, not assume health.
 *
 * @param nyhaClass New York Heart Association class 1-4
 */
public record Comorbidities(Boolean severeVitalOrganDisease, Integer nyhaClass, Boolean severeRenalDysfunction,
                            Boolean uncontrolledHypertension, Boolean otherMalignancyWithin5Years,
                            Boolean otherPrimaryMalignancy, Boolean regimenHypersensitivity) {
    public Comorbidities {
        if (nyhaClass != null) org.livercast.core.Checks.inRange("nyha_class", nyhaClass, 1, 4);
    }

    public static Comorbidities unknown() {
        return new Comorbidities(null, null, null, null, null, null, null);
    }
}
