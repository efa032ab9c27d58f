package org.livercast.core.protocol.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.FactType;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;

/** Small helper to declare facts compactly, one line each. */
final class FactList {
    private final List<FactDefinition> defs = new ArrayList<>();

    FactList add(String name, FactType type, String description, Function<ScreeningContext, Fact> derive) {
        defs.add(new FactDefinition(name, type, description, derive));
        return this;
    }

    List<FactDefinition> list() { return List.copyOf(defs); }
}
