package org.livercast.learn.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named numeric features of one patient in a fixed order; a missing value is null (not 0, not a mean). */
public final class FeatureRow {
    private final Map<String, Double> values = new LinkedHashMap<>();

    public FeatureRow put(String name, Double value) {
        if (values.containsKey(name)) throw new IllegalArgumentException("feature " + name + " given twice");
        values.put(name, value == null || value.isNaN() ? null : value);
        return this;
    }

    public FeatureRow put(String name, Boolean value) { return put(name, value == null ? null : value ? 1.0 : 0.0); }

    public FeatureRow put(String name, Integer value) { return put(name, value == null ? null : value.doubleValue()); }

    public FeatureRow putAll(FeatureRow other) {
        other.values.forEach(this::put);
        return this;
    }

    public Map<String, Double> values() { return Collections.unmodifiableMap(values); }
}
