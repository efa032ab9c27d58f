package org.livercast.core.protocol.rule;

/** A rule that does not parse, or names a fact that does not exist; the message quotes the rule and position. */
public final class RuleSyntaxException extends IllegalArgumentException {
    public RuleSyntaxException(String rule, int position, String reason) {
        super(reason + " at position " + position + " in rule: " + rule);
    }
}
