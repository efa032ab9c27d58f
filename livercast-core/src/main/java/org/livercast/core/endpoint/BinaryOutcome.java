package org.livercast.core.endpoint;

/**
 * A yes/no endpoint that may not be evaluable: a patient censored before the horizon without the event has no
 * answer, and must be left out of (not counted as negative in) an AUC. {@code reason} explains the value.
 */
public record BinaryOutcome(Value value, String reason) {
    public enum Value { YES, NO, NOT_EVALUABLE }

    public static BinaryOutcome yes(String reason) { return new BinaryOutcome(Value.YES, reason); }

    public static BinaryOutcome no(String reason) { return new BinaryOutcome(Value.NO, reason); }

    public static BinaryOutcome notEvaluable(String reason) { return new BinaryOutcome(Value.NOT_EVALUABLE, reason); }

    public boolean evaluable() { return value != Value.NOT_EVALUABLE; }
}
