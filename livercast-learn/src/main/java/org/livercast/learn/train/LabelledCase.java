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
 * aggressive recurrence (null when not evaluable) and RFS with recurrence as the event (the oracle's definition).
 *
 * @param hcc histologically HCC: the population the protocols evaluate the scores in
 */
public record LabelledCase(PatientCase patient, Boolean aggressive, double rfsDays, boolean rfsEvent, boolean hcc) {
    public static LabelledCase of(PatientCase c, LocalDate cutoff) {
        Endpoints e = Endpoints.of(c.record(), cutoff);
        BinaryOutcome a = e.aggressiveRecurrence();
        TimeToEvent rfs = e.rfs(RfsEvents.RECURRENCE);
        return new LabelledCase(c, a.evaluable() ? a.value() == BinaryOutcome.Value.YES : null, rfs.days(), rfs.event(),
                c.record().pathology().diagnosis() == Diagnosis.HCC);
    }
}
