package org.livercast.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.livercast.core.protocol.rule.Rule;

/**
 * One inclusion or exclusion criterion: its id, the protocol's own wording, and either a rule the engine evaluates
 * or {@code judgement: true} for what only a person can decide (investigator judgement).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Criterion(String id, String text, String rule, Boolean judgement) {
    @JsonIgnore
    public boolean needsPerson() { return Boolean.TRUE.equals(judgement); }

    @JsonIgnore
    public Rule parsedRule() { return rule == null ? null : Rule.parse(rule); }
}
