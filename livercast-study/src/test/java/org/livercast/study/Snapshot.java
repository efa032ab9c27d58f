package org.livercast.study;

import java.util.Map;
import java.util.TreeMap;
import org.livercast.study.db.Database;

/** The full content of every LiverCast table in a schema, as text: equal snapshots mean nothing changed. */
final class Snapshot {
    private Snapshot() {}

    static Map<String, String> of(Database db) {
        return db.jdbi().withHandle(h -> {
            Map<String, String> out = new TreeMap<>();
            for (String table : h.createQuery("select table_name from information_schema.tables where table_schema = current_schema()"
                    + " and table_name <> 'flyway_schema_history'").mapTo(String.class).list()) {
                out.put(table, h.createQuery("select coalesce(json_agg(x order by x::text), '[]')::text from " + table + " x")
                        .mapTo(String.class).one());
            }
            return out;
        });
    }
}
