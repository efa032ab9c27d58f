package org.livercast.core.model;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The pre-operative laboratory values of a patient, at most one per analyte, read in canonical units. */
public final class LabPanel {
    private final Map<Analyte, LabValue> values;

    public LabPanel(Collection<LabValue> values) {
        EnumMap<Analyte, LabValue> map = new EnumMap<>(Analyte.class);
        for (LabValue v : values) {
            if (map.put(v.analyte(), v) != null) {
                throw new org.livercast.core.InvalidValueException("labs." + v.analyte().fieldName(),
                        v.reportedValue(), "given twice; keep the pre-operative value closest to surgery");
            }
        }
        this.values = map;
    }

    public static LabPanel empty() { return new LabPanel(List.of()); }

    public OptionalDouble canonical(Analyte analyte) {
        LabValue v = values.get(analyte);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v.canonicalValue());
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public List<LabValue> all() { return List.copyOf(values.values()); }

    @Override public boolean equals(Object o) { return o instanceof LabPanel p && p.values.equals(values); }

    @Override public int hashCode() { return values.hashCode(); }

    @Override public String toString() { return "LabPanel" + values.values(); }
}
