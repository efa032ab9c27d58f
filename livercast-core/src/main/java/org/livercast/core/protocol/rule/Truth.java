package org.livercast.core.protocol.rule;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kleene three-valued truth with the fields that made it unknown. FALSE and anything is FALSE, TRUE or anything is
 * TRUE, so a criterion is decided whenever the data that is present suffices.
 */
public record Truth(Value value, Set<String> missingFields) {
    public enum Value { TRUE, FALSE, UNKNOWN }

    public static final Truth TRUE = new Truth(Value.TRUE, Set.of());
    public static final Truth FALSE = new Truth(Value.FALSE, Set.of());

    public Truth {
        missingFields = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(missingFields));
    }

    public static Truth of(boolean b) { return b ? TRUE : FALSE; }

    public static Truth unknown(Collection<String> fields) { return new Truth(Value.UNKNOWN, new LinkedHashSet<>(fields)); }

    public boolean isTrue() { return value == Value.TRUE; }

    public boolean isFalse() { return value == Value.FALSE; }

    public boolean isUnknown() { return value == Value.UNKNOWN; }

    public Truth not() {
        return switch (value) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> this;
        };
    }

    public static Truth and(List<Truth> parts) {
        if (parts.stream().anyMatch(Truth::isFalse)) return FALSE;
        return combineUnknown(parts, TRUE);
    }

    public static Truth or(List<Truth> parts) {
        if (parts.stream().anyMatch(Truth::isTrue)) return TRUE;
        return combineUnknown(parts, FALSE);
    }

    private static Truth combineUnknown(List<Truth> parts, Truth otherwise) {
        Set<String> missing = new LinkedHashSet<>();
        parts.stream().filter(Truth::isUnknown).forEach(t -> missing.addAll(t.missingFields()));
        return parts.stream().anyMatch(Truth::isUnknown) ? new Truth(Value.UNKNOWN, missing) : otherwise;
    }
}
