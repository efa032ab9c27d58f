package org.livercast.ingest.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Every row of every LiverCast table as canonical JSON, keyed by centre and pseudonym instead of surrogate keys and
 * without timestamps or run ids: two stores with equal digests hold the same data, however the rows got there (an
 * interrupted and resumed ingest against an uninterrupted one; the same export ingested twice). The audit log and
 * sessions record events, not data, and are left out.
 */
public final class StoreDigest {
    private StoreDigest() {}

    public static Map<String, String> of(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            Map<String, String> out = new TreeMap<>();
            List<String> tables = h.createQuery("select table_name from information_schema.tables where table_schema = current_schema()"
                    + " and table_name not in ('flyway_schema_history', 'audit_log', 'user_session')").mapTo(String.class).list();
            for (String t : tables) {
                boolean perPatient = h.createQuery("select count(*) from information_schema.columns where table_schema = current_schema()"
                        + " and table_name = :t and column_name = 'patient_pk'").bind("t", t).mapTo(Integer.class).one() > 0;
                String rows = perPatient
                        ? "select jsonb_build_object('patient', p.centre_id || '/' || p.patient_id) || (to_jsonb(x) - 'patient_pk') as r from "
                                + t + " x join patient p on p.pk = x.patient_pk"
                        : "select to_jsonb(x) - 'pk' - 'imported_at' - 'updated_at' - 'created_at' - 'id' as r from " + t + " x";
                out.put(t, h.createQuery("select coalesce(json_agg(r order by r::text), '[]')::text from (" + rows + ") y").mapTo(String.class).one());
            }
            return out;
        });
    }
}
