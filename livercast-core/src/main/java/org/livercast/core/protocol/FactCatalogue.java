package org.livercast.core.protocol;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.livercast.core.protocol.rule.Fact;
import org.livercast.core.protocol.rule.Facts;

/**
 * Every fact a protocol rule may name, with its type and meaning. {@code livercast protocols facts} prints it; a
 * protocol naming anything else fails to load.
 */
public final class FactCatalogue {
    private static final Map<String, FactDefinition> DEFINITIONS = new LinkedHashMap<>();

    static {
        for (FactDefinition d : org.livercast.core.protocol.facts.FactSources.all()) {
            if (DEFINITIONS.put(d.name(), d) != null) throw new IllegalStateException("fact defined twice: " + d.name());
        }
    }

    private FactCatalogue() {}

    public static Collection<FactDefinition> definitions() { return DEFINITIONS.values(); }

    public static boolean defines(String name) { return DEFINITIONS.containsKey(name); }

    public static FactDefinition definition(String name) {
        FactDefinition d = DEFINITIONS.get(name);
        if (d == null) throw new IllegalArgumentException("unknown fact: " + name);
        return d;
    }

    /** The facts of one screening context; each is derived when first asked and then remembered. */
    public static Facts of(ScreeningContext context) {
        Map<String, Fact> cache = new LinkedHashMap<>();
        return name -> cache.computeIfAbsent(name, n -> definition(n).derive().apply(context));
    }
}
