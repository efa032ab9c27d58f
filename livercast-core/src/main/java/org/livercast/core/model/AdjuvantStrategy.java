package org.livercast.core.model;

import java.util.Locale;

/** The four post-operative strategies compared in protocol P4. */
public enum AdjuvantStrategy {
    SURGERY_ALONE, TACE, TACE_SYSTEMIC, SYSTEMIC;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** As a clinician names it after a resection: "surgery alone", "TACE", "TACE + systemic", "systemic". */
    public String label() {
        return switch (this) {
            case SURGERY_ALONE -> "surgery alone";
            case TACE -> "TACE";
            case TACE_SYSTEMIC -> "TACE + systemic";
            case SYSTEMIC -> "systemic";
        };
    }

    /** The label of a strategy stored by its id or enum name; anything else as it was written, so nothing is hidden. */
    public static String labelOf(String idOrName) {
        for (AdjuvantStrategy s : values()) if (s.name().equalsIgnoreCase(idOrName.strip())) return s.label();
        return idOrName;
    }

    public boolean includesTace() { return this == TACE || this == TACE_SYSTEMIC; }

    public boolean includesSystemic() { return this == SYSTEMIC || this == TACE_SYSTEMIC; }

    public static AdjuvantStrategy fromId(String id) {
        try {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.livercast.core.InvalidValueException("adjuvant_strategy", id,
                    "expected surgery_alone, tace, tace_systemic or systemic");
        }
    }
}
