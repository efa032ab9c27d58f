package org.livercast.core.model;

import java.util.Locale;

/** The phase or sequence of a liver MRI/CT series. {@link #UNKNOWN} is reported, never guessed away. */
public enum Phase {
    NON_CONTRAST, ARTERIAL, PORTAL_VENOUS, DELAYED, HEPATOBILIARY, T2, DWI, ADC, UNKNOWN;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Phase fromId(String id) {
        try {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.livercast.core.InvalidValueException("phase", id, "unknown phase; expected one of "
                    + java.util.Arrays.stream(values()).map(Phase::id).toList());
        }
    }
}
