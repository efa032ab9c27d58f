package org.livercast.study.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Screening;
import org.livercast.core.protocol.ScreeningContext;
import org.livercast.core.protocol.ScreeningResult;
import org.livercast.study.ops.LockedPredictions;
import org.livercast.study.store.PatientStore;

/**
 * Screens stored patients against a protocol and records each result. A criterion on {@code pre_score} (P2: PRE ≥ 0.5)
 * reads the PRE prediction locked for that protocol; without a lock it stays UNKNOWN and says so — an unlocked score
 * may still change, so it never decides eligibility.
 */
public final class ScreeningService {
    private final PatientStore patients;
    private final ScreeningStore results;
    private final LockedPredictions locks;

    public ScreeningService(Jdbi jdbi) {
        this.patients = new PatientStore(jdbi);
        this.results = new ScreeningStore(jdbi);
        this.locks = new LockedPredictions(jdbi);
    }

    public record Screened(PatientStore.Key patient, ScreeningResult result) {}

    public List<Screened> screenAll(Protocol protocol, LocalDate asOf) {
        List<Screened> out = new ArrayList<>();
        for (PatientStore.Key key : patients.keys()) {
            PatientRecord r = patients.find(key.centreId(), key.patientId()).orElseThrow();
            out.add(screen(protocol, key, r, asOf));
        }
        return out;
    }

    /** Screens and stores the result (the study's screening log). */
    public Screened screen(Protocol protocol, PatientStore.Key key, PatientRecord record, LocalDate asOf) {
        Screened s = evaluate(protocol, key, record, asOf);
        results.save(key, s.result());
        return s;
    }

    /** Screens without storing: what a page shows when someone looks, which is not a screening event of the study. */
    public Screened evaluate(Protocol protocol, PatientStore.Key key, PatientRecord record, LocalDate asOf) {
        Map<String, Double> outputs = locks.current(key.centreId(), key.patientId(), protocol.id(), "pre")
                .map(l -> Map.of("pre_score", l.probabilityAggressive2y())).orElse(Map.of());
        return new Screened(key, Screening.screen(protocol, new ScreeningContext(record, asOf, outputs)));
    }
}
