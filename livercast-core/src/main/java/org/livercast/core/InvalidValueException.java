package org.livercast.core;

/**
 * A value that cannot be right: a negative size, an impossible laboratory value, an unknown unit, dates out of
 * order. The message always names the field and the offending value so a data manager can find and fix it.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private final String field;
    private final String value;
    private final String reason;

    public InvalidValueException(String field, Object value, String reason) {
        super(field + " = " + value + ": " + reason);
        this.field = field;
        this.value = String.valueOf(value);
        this.reason = reason;
    }

    public String field() { return field; }

    public String value() { return value; }

    public String reason() { return reason; }

    /** The same error, with the field name prefixed by where it sits (for example {@code nodules[1].}). */
    public InvalidValueException within(String prefix) {
        return new InvalidValueException(prefix + field, value, reason);
    }
}
