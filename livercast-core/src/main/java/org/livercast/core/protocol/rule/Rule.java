package org.livercast.core.protocol.rule;

import java.util.List;
import java.util.Set;

/**
 * A parsed eligibility rule: a small boolean language over named patient facts.
 *
 * <pre>
 *   age_years between 18 and 75
 *   bclc_stage in ['0', 'A'] and child_pugh_score &lt;= 7
 *   not severe_vital_organ_disease
 *   imaging_phases contains_all ['non_contrast', 'arterial', 'portal_venous', 'delayed']
 *   present(afp_ng_per_ml, pivka_ii_mau_per_ml)
 * </pre>
 *
 * Evaluation is three-valued: a comparison with a missing fact is UNKNOWN and carries the missing fields.
 */
public final class Rule {
    private final String source;
    private final Expr root;

    Rule(String source, Expr root) {
        this.source = source;
        this.root = root;
    }

    /** Parsed rules by source text: a rule is immutable and screening evaluates the same few rules for every patient. */
    private static final java.util.Map<String, Rule> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    public static Rule parse(String source) {
        Rule hit = PARSED.get(source);
        if (hit != null) return hit;
        Rule r = new RuleParser(source).parse();
        if (PARSED.size() < 4096) PARSED.put(source, r);
        return r;
    }

    public String source() { return source; }

    /** Every fact name the rule reads; checked against the catalogue when a protocol loads. */
    public Set<String> factNames() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        root.collectFacts(names);
        return names;
    }

    public Truth evaluate(Facts facts) {
        Value v = root.eval(facts);
        if (v instanceof Value.Unknown u) return Truth.unknown(u.fields());
        Object o = ((Value.Known) v).value();
        if (o instanceof Boolean b) return Truth.of(b);
        throw new IllegalStateException("rule does not yield true/false but " + o + ": " + source);
    }

    @Override public String toString() { return source; }

    /** An evaluated operand: a value, or unknown because the listed fields are missing. */
    sealed interface Value {
        record Known(Object value) implements Value {}

        record Unknown(List<String> fields) implements Value {}
    }

    interface Expr {
        Value eval(Facts facts);

        void collectFacts(Set<String> into);
    }
}
