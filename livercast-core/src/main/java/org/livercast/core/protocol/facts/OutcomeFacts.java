package org.livercast.core.protocol.facts;

import static org.livercast.core.protocol.FactType.BOOLEAN;
import static org.livercast.core.protocol.FactType.NUMBER;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.protocol.FactDefinition;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.rule.Fact;

/** Follow-up facts as of the screening's date, and the locked model outputs. */
final class OutcomeFacts {
    private OutcomeFacts() {}

    static final int EARLY_WINDOW_DAYS = 90;

    static List<FactDefinition> all() {
        return new FactList()
                .add("follow_up_days", NUMBER, "days from surgery to the last follow-up, as of the screening date",
                        c -> c.record().surgeryDate().isEmpty() || c.asOf().isBefore(c.record().surgeryDate().get())
                                ? Fact.missing("surgery_date")
                                : Fact.of(days(c, Endpoints.of(c.record(), c.asOf()).lastFollowUp())))
                .add("died_or_lost_within_90_days", BOOLEAN, "death or loss to follow-up within 90 days after surgery",
                        OutcomeFacts::earlyDeathOrLoss)
                .add("died", BOOLEAN, "died (any cause) on or before the screening date",
                        c -> Fact.of(c.record().death().filter(d -> !d.date().isAfter(c.asOf())).isPresent()))
                .add("pre_score", NUMBER, "locked PRE model probability of aggressive recurrence", c -> model(c, "pre_score"))
                .add("post_score", NUMBER, "locked POST model probability of aggressive recurrence", c -> model(c, "post_score"))
                .list();
    }

    private static Fact model(ScreeningContext c, String name) {
        Double v = c.modelOutputs().get(name);
        return v == null ? Fact.missing("prediction." + name) : Fact.of(v);
    }

    /** Unknown until 90 days have passed: a patient operated last week is neither lost nor kept yet. */
    private static Fact earlyDeathOrLoss(ScreeningContext c) {
        if (c.record().surgeryDate().isEmpty()) return Fact.missing("surgery_date");
        LocalDate surgery = c.record().surgeryDate().get();
        var death = c.record().death().filter(d -> !d.date().isAfter(c.asOf()));
        if (death.isPresent()) return Fact.of(days(c, death.get().date()) <= EARLY_WINDOW_DAYS);
        if (ChronoUnit.DAYS.between(surgery, c.asOf()) < EARLY_WINDOW_DAYS) return Fact.missing("follow_up (90 days not yet passed)");
        return Fact.of(days(c, Endpoints.of(c.record(), c.asOf()).lastFollowUp()) < EARLY_WINDOW_DAYS);
    }

    private static long days(ScreeningContext c, LocalDate date) {
        return ChronoUnit.DAYS.between(c.record().surgeryDate().orElseThrow(), date);
    }
}
