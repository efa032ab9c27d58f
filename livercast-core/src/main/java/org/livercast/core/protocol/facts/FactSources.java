package org.livercast.core.protocol.facts;

import java.util.ArrayList;
import java.util.List;
import org.livercast.core.protocol.FactDefinition;

/** All fact definitions, in the order they are documented. */
public final class FactSources {
    private FactSources() {}

    public static List<FactDefinition> all() {
        List<FactDefinition> all = new ArrayList<>();
        all.addAll(BaselineFacts.all());
        all.addAll(StagingFacts.all());
        all.addAll(ImagingFacts.all());
        all.addAll(PathologyFacts.all());
        all.addAll(OutcomeFacts.all());
        return all;
    }
}
