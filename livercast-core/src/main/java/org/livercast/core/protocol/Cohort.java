package org.livercast.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.livercast.core.protocol.rule.Rule;

/** A named cohort of a protocol, with the rule that puts an enrolled patient in it. */
public record Cohort(String id, String text, String rule) {
    @JsonIgnore
    public Rule parsedRule() { return Rule.parse(rule); }
}
