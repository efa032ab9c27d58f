package org.livercast.core.model;

import java.util.Locale;
import java.util.Map;
import org.livercast.core.InvalidValueException;

/**
 * Laboratory analytes LiverCast reads, each with its canonical unit, the other units centres send (with the
 * factor that converts them to canonical), and the range outside which a value is physiologically impossible
 * (a unit or typing error, not a sick patient).
 */
public enum Analyte {
    /** Serum albumin; g/dL × 10 = g/L. */
    ALBUMIN("g/L", Map.of("g/L", 1.0, "g/dL", 10.0), 5, 70),
    /** Total bilirubin; mg/dL × 17.1 = µmol/L (ALBI and Child-Pugh use µmol/L). */
    TOTAL_BILIRUBIN("umol/L", Map.of("umol/L", 1.0, "µmol/L", 1.0, "mg/dL", 17.1), 0.5, 1500),
    /** International normalised ratio (unitless). */
    INR("ratio", Map.of("ratio", 1.0, "1", 1.0, "", 1.0), 0.5, 15),
    /** Alpha-fetoprotein; µg/L = ng/mL; 1 IU/mL = 1.21 ng/mL. */
    AFP("ng/mL", Map.of("ng/mL", 1.0, "ug/L", 1.0, "µg/L", 1.0, "IU/mL", 1.21), 0, 10_000_000),
    /** PIVKA-II (des-gamma-carboxy prothrombin). */
    PIVKA_II("mAU/mL", Map.of("mAU/mL", 1.0), 0, 10_000_000),
    /** Platelet count. */
    PLATELETS("10^9/L", Map.of("10^9/L", 1.0, "x10^9/L", 1.0, "10^3/uL", 1.0, "10^3/µL", 1.0), 1, 3000),
    /** Serum creatinine; mg/dL × 88.4 = µmol/L. */
    CREATININE("umol/L", Map.of("umol/L", 1.0, "µmol/L", 1.0, "mg/dL", 88.4), 5, 3000);

    private final String canonicalUnit;
    private final Map<String, Double> toCanonical;
    private final double minCanonical;
    private final double maxCanonical;

    Analyte(String canonicalUnit, Map<String, Double> toCanonical, double minCanonical, double maxCanonical) {
        this.canonicalUnit = canonicalUnit;
        this.toCanonical = toCanonical;
        this.minCanonical = minCanonical;
        this.maxCanonical = maxCanonical;
    }

    public String canonicalUnit() { return canonicalUnit; }

    /** The field name used in errors, CSV columns and facts: {@code albumin}, {@code total_bilirubin}, … */
    public String fieldName() { return name().toLowerCase(Locale.ROOT); }

    /** Converts {@code value} in {@code unit} to the canonical unit, rejecting unknown units and impossible values. */
    public double toCanonical(double value, String unit) {
        String field = "labs." + fieldName();
        Double factor = factor(unit);
        if (factor == null) {
            throw new InvalidValueException(field + ".unit", unit,
                    "unknown unit for " + fieldName() + "; accepted: " + String.join(", ", toCanonical.keySet()));
        }
        double canonical = value * factor;
        if (Double.isNaN(value) || canonical < minCanonical || canonical > maxCanonical) {
            throw new InvalidValueException(field, value + " " + unit, "impossible value; plausible range is "
                    + minCanonical + "-" + maxCanonical + " " + canonicalUnit);
        }
        return canonical;
    }

    /**
     * The factor of {@code unit} as a laboratory system may write it: case aside ("ng/ml"), micro as µ, the Greek μ a
     * Chinese input method gives, or u ("μmol/L"), the power of ten as 10^9, 10*9, ×10⁹ or x10^9, spaces anywhere.
     */
    private Double factor(String unit) {
        String wanted = normalised(unit == null ? "" : unit);
        for (var e : toCanonical.entrySet()) if (normalised(e.getKey()).equals(wanted)) return e.getValue();
        return null;
    }

    static String normalised(String unit) {
        return unit.toLowerCase(Locale.ROOT).replace('\u00B5', 'u').replace('\u03BC', 'u').replace('\u00D7', 'x').replace('\u2079', '9')
                .replace('\u00B3', '3').replaceAll("\\s+", "").replaceFirst("^x(?=10)", "").replace("^", "").replace("*", "");
    }
}
