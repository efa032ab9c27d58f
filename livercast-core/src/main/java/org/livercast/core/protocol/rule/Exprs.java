package org.livercast.core.protocol.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.livercast.core.protocol.rule.Rule.Expr;
import org.livercast.core.protocol.rule.Rule.Value;

/** The node types of a {@link Rule}; package-private, built only by {@link RuleParser}. */
final class Exprs {
    private Exprs() {}

    record Literal(Object value) implements Expr {
        public Value eval(Facts facts) { return new Value.Known(value); }

        public void collectFacts(Set<String> into) {}
    }

    record FactRef(String name) implements Expr {
        public Value eval(Facts facts) {
            Fact f = facts.get(name);
            if (f instanceof Fact.Missing m) return new Value.Unknown(m.fields());
            return new Value.Known(((Fact.Known) f).value());
        }

        public void collectFacts(Set<String> into) { into.add(name); }
    }

    record ListExpr(List<Expr> items) implements Expr {
        public Value eval(Facts facts) {
            List<Object> values = new ArrayList<>();
            for (Expr e : items) {
                Value v = e.eval(facts);
                if (v instanceof Value.Unknown) return v;
                values.add(((Value.Known) v).value());
            }
            return new Value.Known(values);
        }

        public void collectFacts(Set<String> into) { items.forEach(i -> i.collectFacts(into)); }
    }

    enum Logic { AND, OR }

    record Junction(Logic logic, List<Expr> parts) implements Expr {
        public Value eval(Facts facts) {
            List<Truth> truths = parts.stream().map(p -> truthOf(p.eval(facts))).toList();
            return fromTruth(logic == Logic.AND ? Truth.and(truths) : Truth.or(truths));
        }

        public void collectFacts(Set<String> into) { parts.forEach(p -> p.collectFacts(into)); }
    }

    record Not(Expr inner) implements Expr {
        public Value eval(Facts facts) { return fromTruth(truthOf(inner.eval(facts)).not()); }

        public void collectFacts(Set<String> into) { inner.collectFacts(into); }
    }

    /** {@code present(a, b)}: true when every named fact is known; never unknown itself. */
    record Present(List<String> names) implements Expr {
        public Value eval(Facts facts) {
            return new Value.Known(names.stream().allMatch(n -> facts.get(n) instanceof Fact.Known));
        }

        public void collectFacts(Set<String> into) { into.addAll(names); }
    }

    enum Op { EQ, NE, LT, LE, GT, GE, IN, CONTAINS_ALL, CONTAINS_ANY }

    record Compare(Expr left, Op op, Expr right) implements Expr {
        public Value eval(Facts facts) {
            Value l = left.eval(facts);
            Value r = right.eval(facts);
            List<String> missing = new ArrayList<>();
            if (l instanceof Value.Unknown u) missing.addAll(u.fields());
            if (r instanceof Value.Unknown u) missing.addAll(u.fields());
            if (!missing.isEmpty()) return new Value.Unknown(List.copyOf(new LinkedHashSet<>(missing)));
            Object a = ((Value.Known) l).value();
            Object b = ((Value.Known) r).value();
            return new Value.Known(apply(a, b));
        }

        private boolean apply(Object a, Object b) {
            return switch (op) {
                case EQ -> equal(a, b);
                case NE -> !equal(a, b);
                case LT -> number(a) < number(b);
                case LE -> number(a) <= number(b);
                case GT -> number(a) > number(b);
                case GE -> number(a) >= number(b);
                case IN -> collection(b).stream().anyMatch(x -> equal(a, x));
                case CONTAINS_ALL -> collection(b).stream().allMatch(x -> collection(a).stream().anyMatch(y -> equal(x, y)));
                case CONTAINS_ANY -> collection(b).stream().anyMatch(x -> collection(a).stream().anyMatch(y -> equal(x, y)));
            };
        }

        public void collectFacts(Set<String> into) {
            left.collectFacts(into);
            right.collectFacts(into);
        }
    }

    static Truth truthOf(Value v) {
        if (v instanceof Value.Unknown u) return Truth.unknown(u.fields());
        Object o = ((Value.Known) v).value();
        if (o instanceof Boolean b) return Truth.of(b);
        throw new IllegalArgumentException("expected true/false but found " + o);
    }

    static Value fromTruth(Truth t) {
        if (t.isUnknown()) return new Value.Unknown(List.copyOf(t.missingFields()));
        return new Value.Known(t.isTrue());
    }

    /** Text compares case-insensitively (centres write 'a' and 'A'); numbers compare numerically. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        if (a instanceof String x && b instanceof String y) return x.toLowerCase(Locale.ROOT).equals(y.toLowerCase(Locale.ROOT));
        return a.equals(b);
    }

    static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("expected a number but found " + o);
    }

    static Collection<?> collection(Object o) {
        if (o instanceof Collection<?> c) return c;
        throw new IllegalArgumentException("expected a list but found " + o);
    }
}
