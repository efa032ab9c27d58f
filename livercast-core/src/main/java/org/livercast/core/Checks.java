package org.livercast.core;

import java.time.LocalDate;
import java.util.Objects;

/** Guards shared by the domain types; each throws {@link InvalidValueException} naming the field. */
public final class Checks {
    private Checks() {}

    public static <T> T required(String field, T value) {
        if (value == null) throw new InvalidValueException(field, null, "is required");
        return value;
    }

    public static String requiredText(String field, String value) {
        if (value == null || value.isBlank()) throw new InvalidValueException(field, value, "is required");
        return value.strip();
    }

    public static double inRange(String field, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new InvalidValueException(field, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    public static double positive(String field, double value) {
        if (Double.isNaN(value) || value <= 0) throw new InvalidValueException(field, value, "must be positive");
        return value;
    }

    /** {@code later} must not be before {@code earlier}; both may be null (nothing to compare). */
    public static void notBefore(String laterField, LocalDate later, String earlierField, LocalDate earlier) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            throw new InvalidValueException(laterField, later, "is before " + earlierField + " (" + earlier + ")");
        }
    }

    public static boolean same(Object a, Object b) { return Objects.equals(a, b); }
}
