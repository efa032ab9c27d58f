package org.livercast.core.protocol.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.livercast.core.model.Analyte;
import org.livercast.core.model.Patient;
import org.livercast.core.model.TumourBurden;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;
import org.livercast.core.staging.ChildPugh;

/**
 * Intermediate values several facts share (Child-Pugh, the tumour burden), returned as a value or the list of raw
 * fields that are missing. Each is a pure function of the context.
 */
final class Derived {
    private Derived() {}

    /** Either the value or the missing raw fields. */
    record Or<T>(T value, List<String> missing) {
        boolean known() { return value != null; }

        <R> Fact fact(Function<T, Object> f) { return known() ? Fact.of(f.apply(value)) : new Fact.Missing(missing); }
    }

    static Or<ChildPugh.Result> childPugh(ScreeningContext c) {
        Patient p = c.record().patient();
        List<String> missing = new ArrayList<>();
        OptionalDouble bili = lab(p, Analyte.TOTAL_BILIRUBIN, missing);
        OptionalDouble alb = lab(p, Analyte.ALBUMIN, missing);
        OptionalDouble inr = lab(p, Analyte.INR, missing);
        if (p.ascites() == null) missing.add("ascites");
        if (p.encephalopathy() == null) missing.add("encephalopathy");
        if (!missing.isEmpty()) return new Or<>(null, missing);
        return new Or<>(ChildPugh.of(bili.getAsDouble(), alb.getAsDouble(), inr.getAsDouble(), p.ascites(),
                p.encephalopathy()), List.of());
    }

    static Or<TumourBurden> burden(ScreeningContext c) {
        TumourBurden b = c.record().patient().preoperativeBurden();
        if (b == null || b.nodules().isEmpty()) return new Or<>(null, List.of("nodules"));
        return new Or<>(b, List.of());
    }

    /** Burden, ECOG and Child-Pugh class together, for BCLC and CNLC. */
    record StagingInputs(TumourBurden burden, int ecog, ChildPugh.ChildPughClass liver) {}

    static Or<StagingInputs> stagingInputs(ScreeningContext c) {
        Or<TumourBurden> b = burden(c);
        Or<ChildPugh.Result> cp = childPugh(c);
        Integer ecog = c.record().patient().ecog();
        List<String> missing = new ArrayList<>(b.missing());
        if (ecog == null) missing.add("ecog");
        missing.addAll(cp.missing());
        if (!missing.isEmpty()) return new Or<>(null, missing);
        return new Or<>(new StagingInputs(b.value(), ecog, cp.value().childPughClass()), List.of());
    }

    static OptionalDouble lab(Patient p, Analyte a, List<String> missing) {
        OptionalDouble v = p.labs().canonical(a);
        if (v.isEmpty()) missing.add("labs." + a.fieldName());
        return v;
    }
}
