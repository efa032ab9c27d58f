package org.livercast.study.screening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.protocol.ScreeningResult;
import org.livercast.study.store.PatientStore;

/**
 * Screening results kept per protocol version, patient and as-of date. Screening again on the same day with the
 * same data writes nothing new; a changed result replaces that day's row.
 */
public final class ScreeningStore {
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private final Jdbi jdbi;

    public ScreeningStore(Jdbi jdbi) { this.jdbi = jdbi; }

    public void save(PatientStore.Key patient, ScreeningResult r) {
        String criteria;
        try {
            criteria = JSON.writeValueAsString(r.criteria());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        jdbi.useHandle(h -> h.createUpdate("""
                insert into screening_result (protocol_id, protocol_version, patient_pk, as_of, decision, criteria, cohorts)
                values (:p, :v, :pk, :asOf, :decision, :criteria, :cohorts)
                on conflict (protocol_id, protocol_version, patient_pk, as_of) do update
                  set decision = excluded.decision, criteria = excluded.criteria, cohorts = excluded.cohorts, screened_at = now()
                  where (screening_result.decision, screening_result.criteria, screening_result.cohorts)
                        is distinct from (excluded.decision, excluded.criteria, excluded.cohorts)""")
                .bind("p", r.protocolId()).bind("v", r.protocolVersion()).bind("pk", patient.pk()).bind("asOf", r.asOf())
                .bind("decision", r.decision().name().toLowerCase(Locale.ROOT)).bind("criteria", criteria)
                .bindArray("cohorts", String.class, r.cohorts()).execute());
    }

    /** Decision counts for a protocol, e.g. {eligible=3, not_eligible=10}, from the latest screening of each patient. */
    public java.util.Map<String, Integer> decisionCounts(String protocolId) {
        return jdbi.withHandle(h -> h.createQuery("""
                select decision, count(*) as n from (
                  select distinct on (patient_pk) decision from screening_result where protocol_id = :p
                  order by patient_pk, as_of desc, screened_at desc) latest
                group by decision order by decision""").bind("p", protocolId)
                .reduceRows(new java.util.TreeMap<String, Integer>(), (m, row) -> {
                    m.put(row.getColumn("decision", String.class), row.getColumn("n", Integer.class));
                    return m;
                }));
    }

    public int count() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from screening_result").mapTo(Integer.class).one());
    }
}
