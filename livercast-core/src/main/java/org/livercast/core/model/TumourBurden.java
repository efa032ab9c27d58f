package org.livercast.core.model;

import java.util.Comparator;
import java.util.List;
import org.livercast.core.InvalidValueException;

/**
 * Intrahepatic nodules plus the two findings that put any burden beyond the transplant criteria. Used for the
 * tumour before surgery and, with the same rules, for the burden of a recurrence.
 *
 * @param macrovascularInvasion gross invasion of the portal or hepatic veins (imaging or surgery)
 * @param extrahepaticSpread    regional nodal or distant metastasis
 */
public record TumourBurden(List<Nodule> nodules, boolean macrovascularInvasion, boolean extrahepaticSpread) {
    public TumourBurden {
        nodules = List.copyOf(nodules == null ? List.of() : nodules);
    }

    public static TumourBurden ofSizesMm(double... sizesMm) {
        return new TumourBurden(java.util.Arrays.stream(sizesMm).mapToObj(Nodule::ofMm).toList(), false, false);
    }

    public TumourBurden withMacrovascularInvasion(boolean value) {
        return new TumourBurden(nodules, value, extrahepaticSpread);
    }

    public TumourBurden withExtrahepaticSpread(boolean value) {
        return new TumourBurden(nodules, macrovascularInvasion, value);
    }

    public int count() { return nodules.size(); }

    public boolean isSolitary() { return nodules.size() == 1; }

    public double largestMm() {
        return nodules.stream().map(Nodule::sizeMm).max(Comparator.naturalOrder()).orElse(0.0);
    }

    public double totalDiameterMm() { return nodules.stream().mapToDouble(Nodule::sizeMm).sum(); }

    /** Staging a primary tumour needs at least one nodule; a recurrence may be extrahepatic only. */
    public TumourBurden requireNodules(String field) {
        if (nodules.isEmpty()) throw new InvalidValueException(field, "no nodules", "staging needs at least one nodule");
        return this;
    }
}
