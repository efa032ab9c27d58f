package org.livercast.learn.train;

import java.time.LocalDate;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.endpoint.RfsEvents;
import org.livercast.core.endpoint.TimeToEvent;
import org.livercast.core.model.Diagnosis;
import org.livercast.learn.data.PatientCase;

/**
 * A patient with the outcomes a model learns from, derived at the data cut-off by the core endpoint rules:
 * aggressive recurrence (null when not evaluable) and RFS with recurrence as the event (the oracle's definition), or,
 * for the therapy model, recurrence or death (P4's definition: a strategy's fatal toxicity must count against it); and
 * overall survival (death from any cause).
 *
 * @param hcc histologically HCC: the population the protocols evaluate the scores in
 */
public record LabelledCase(PatientCase patient, Boolean aggressive, double rfsDays, boolean rfsEvent, double osDays, boolean osEvent, boolean hcc) {
    public static LabelledCase of(PatientCase c, LocalDate cutoff) {
        return of(c, cutoff, RfsEvents.RECURRENCE);
    }

    /** @param rfsEvents what ends RFS: recurrence (P3, the risk models) or recurrence or death (P4, the therapy model) */
    public static LabelledCase of(PatientCase c, LocalDate cutoff, RfsEvents rfsEvents) {
        Endpoints e = Endpoints.of(c.record(), cutoff);
        BinaryOutcome a = e.aggressiveRecurrence();
        TimeToEvent rfs = e.rfs(rfsEvents);
        TimeToEvent os = e.os();
        return new LabelledCase(c, a.evaluable() ? a.value() == BinaryOutcome.Value.YES : null, rfs.days(), rfs.event(), os.days(), os.event(),
                c.record().pathology().diagnosis() == Diagnosis.HCC);
    }
}
