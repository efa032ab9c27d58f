package org.livercast.core.protocol.rule;

import java.util.List;
import java.util.Set;

/**
 * A named value about a patient, or the reason it cannot be known: which recorded fields are missing. A derived
 * fact (BCLC stage) that lacks inputs names the raw fields (albumin, ecog), not itself, so a data manager knows
 * what to fill in.
 */
public sealed interface Fact {
    record Known(Object value) implements Fact {
        public Known {
            if (value instanceof Integer i) value = i.doubleValue();
            if (value instanceof Long l) value = l.doubleValue();
            if (value instanceof Set<?> s) value = Set.copyOf(s);
        }
    }

    record Missing(List<String> fields) implements Fact {
        public Missing {
            fields = List.copyOf(fields);
        }
    }

    static Fact of(Object value, String... fieldsIfNull) {
        return value == null ? new Missing(List.of(fieldsIfNull)) : new Known(value);
    }

    static Fact missing(String... fields) { return new Missing(List.of(fields)); }
}
