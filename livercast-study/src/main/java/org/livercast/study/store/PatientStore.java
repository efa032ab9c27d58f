package org.livercast.study.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.model.PatientRecord;

/**
 * Patient records in PostgreSQL. {@link #upsert} is the one write path: a record identical to the stored one
 * (by {@link RecordHash}) is left alone, a changed one is replaced whole, a new one inserted. All writes run in the
 * caller's handle so that an import is one transaction.
 */
public final class PatientStore {
    public enum Change { ADDED, UPDATED, UNCHANGED }

    /** A stored patient's key and identity. */
    public record Key(long pk, String centreId, String patientId) {}

    private final Jdbi jdbi;

    public PatientStore(Jdbi jdbi) { this.jdbi = jdbi; }

    public Change upsert(Handle h, PatientRecord record) {
        String hash = RecordHash.of(record);
        String centre = record.patient().centreId();
        h.execute("insert into centre (id, name) values (?, ?) on conflict (id) do nothing", centre, centre);
        Optional<StoredHash> existing = h.createQuery(
                        "select pk, content_sha256 from patient where centre_id = :c and patient_id = :p for update")
                .bind("c", centre).bind("p", record.id())
                .map((rs, ctx) -> new StoredHash(rs.getLong("pk"), rs.getString("content_sha256"))).findOne();
        if (existing.isPresent() && existing.get().hash().equals(hash)) return Change.UNCHANGED;
        PatientWriter.write(h, record, hash);
        return existing.isEmpty() ? Change.ADDED : Change.UPDATED;
    }

    private record StoredHash(long pk, String hash) {}

    public Optional<PatientRecord> find(String centreId, String patientId) {
        return jdbi.withHandle(h -> key(h, centreId, patientId).flatMap(k -> PatientReader.read(h, k.pk())));
    }

    /** Finds by patient id alone; ambiguous ids across centres are an error naming the centres. */
    public Optional<PatientRecord> find(String patientId) {
        return jdbi.withHandle(h -> {
            List<Key> keys = keys(h).stream().filter(k -> k.patientId().equals(patientId)).toList();
            if (keys.size() > 1) {
                throw new IllegalArgumentException("patient id " + patientId + " exists in several centres: "
                        + keys.stream().map(Key::centreId).toList() + "; give the centre too");
            }
            return keys.stream().findFirst().flatMap(k -> PatientReader.read(h, k.pk()));
        });
    }

    public List<PatientRecord> all() {
        return jdbi.withHandle(h -> keys(h).stream().map(k -> PatientReader.read(h, k.pk()).orElseThrow()).toList());
    }

    public List<Key> keys() { return jdbi.withHandle(PatientStore::keys); }

    public Optional<Key> key(String centreId, String patientId) { return jdbi.withHandle(h -> key(h, centreId, patientId)); }

    public int count() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from patient").mapTo(Integer.class).one());
    }

    private static List<Key> keys(Handle h) {
        return h.createQuery("select pk, centre_id, patient_id from patient order by centre_id, patient_id")
                .map((rs, ctx) -> new Key(rs.getLong("pk"), rs.getString("centre_id"), rs.getString("patient_id"))).list();
    }

    private static Optional<Key> key(Handle h, String centreId, String patientId) {
        return h.createQuery("select pk, centre_id, patient_id from patient where centre_id = :c and patient_id = :p")
                .bind("c", centreId).bind("p", patientId)
                .map((rs, ctx) -> new Key(rs.getLong("pk"), rs.getString("centre_id"), rs.getString("patient_id"))).findOne();
    }
}
