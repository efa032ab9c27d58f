package org.livercast.core.model;

import java.util.Locale;

/** The four post-operative strategies compared in protocol P4. */
public enum AdjuvantStrategy {
    SURGERY_ALONE, TACE, TACE_SYSTEMIC, SYSTEMIC;

    public String id() { return name().toLowerCase(Locale.ROOT); }

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
