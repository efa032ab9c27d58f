package org.livercast.core.protocol;

import java.util.ArrayList;
import java.util.List;
import org.livercast.core.protocol.CriterionResult.Kind;
import org.livercast.core.protocol.CriterionResult.Outcome;
import org.livercast.core.protocol.ScreeningResult.Decision;
import org.livercast.core.protocol.rule.Facts;
import org.livercast.core.protocol.rule.Truth;

/** Screens one patient against one protocol. Pure: the same record, date and model outputs give the same result. */
public final class Screening {
    private Screening() {}

    public static ScreeningResult screen(Protocol protocol, ScreeningContext context) {
        Facts facts = FactCatalogue.of(context);
        List<CriterionResult> results = new ArrayList<>();
        protocol.inclusion().forEach(c -> results.add(evaluate(c, Kind.INCLUSION, facts, context)));
        protocol.exclusion().forEach(c -> results.add(evaluate(c, Kind.EXCLUSION, facts, context)));
        List<String> cohorts = new ArrayList<>();
        for (Cohort cohort : protocol.cohorts()) {
            if (cohort.parsedRule().evaluate(facts).isTrue()) cohorts.add(cohort.id());
        }
        return new ScreeningResult(protocol.id(), protocol.version(), context.record().id(), context.asOf(),
                decide(results), results, cohorts);
    }

    static Decision decide(List<CriterionResult> results) {
        if (results.stream().anyMatch(CriterionResult::excludes)) return Decision.NOT_ELIGIBLE;
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.UNKNOWN)) return Decision.INCOMPLETE;
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.NEEDS_PERSON)) return Decision.NEEDS_REVIEW;
        return Decision.ELIGIBLE;
    }

    private static CriterionResult evaluate(Criterion c, Kind kind, Facts facts, ScreeningContext context) {
        if (c.needsPerson()) return new CriterionResult(c.id(), kind, c.text(), Outcome.NEEDS_PERSON, List.of());
        Truth t;
        try {
            t = c.parsedRule().evaluate(facts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("criterion " + c.id() + " on patient " + context.record().id() + ": " + e.getMessage(), e);
        }
        Outcome o = t.isUnknown() ? Outcome.UNKNOWN : t.isTrue() ? Outcome.MET : Outcome.NOT_MET;
        return new CriterionResult(c.id(), kind, c.text(), o, List.copyOf(t.missingFields()));
    }
}
