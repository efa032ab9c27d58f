package org.livercast.ingest.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.livercast.ingest.PreparedPatient;
import org.livercast.study.audit.AuditLog;
import org.livercast.study.store.PatientStore;

/**
 * Stores an accepted patient: its files into the {@link ContentStore} first (each atomic; a crash leaves only unused
 * hash-named files, which the next run reuses), then the record and the file list in one database transaction. So a
 * patient is either wholly stored or not at all, and killing the process at any moment loses nothing already stored.
 */
public final class IngestStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final ContentStore files;
    private final PatientStore patients;
    private final AuditLog audit;

    public IngestStore(Jdbi jdbi, ContentStore files) {
        this.jdbi = jdbi;
        this.files = files;
        this.patients = new PatientStore(jdbi);
        this.audit = new AuditLog(jdbi);
    }

    public ContentStore files() { return files; }

    /**
     * Records the centre's key fingerprint, or refuses a key other than the one the centre's data was stored with
     * (its pseudonyms would not match, and the same patient would be stored twice).
     */
    public void checkKey(String centre, String fingerprint) {
        jdbi.useTransaction(h -> {
            h.execute("insert into centre (id, name) values (?, ?) on conflict (id) do nothing", centre, centre);
            Optional<String> stored = h.createQuery("select key_fingerprint from ingest_centre_key where centre_id = :c for update")
                    .bind("c", centre).mapTo(String.class).findOne();
            if (stored.isPresent() && !stored.get().equals(fingerprint)) {
                throw new IllegalStateException("centre " + centre + "'s data is stored under another pseudonym key (fingerprint "
                        + stored.get() + "; this key's is " + fingerprint + "): use the key it was ingested with");
            }
            if (stored.isEmpty()) h.execute("insert into ingest_centre_key (centre_id, key_fingerprint) values (?, ?)", centre, fingerprint);
        });
    }

    /** The input hash a patient was stored with, if it was. */
    public Optional<String> storedInput(String centre, String pseudonym) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select i.input_sha256 from ingested_patient i join patient p on p.pk = i.patient_pk
                        where p.centre_id = :c and p.patient_id = :p""")
                .bind("c", centre).bind("p", pseudonym).mapTo(String.class).findOne());
    }

    /** @return whether the patient was new (else updated) */
    public boolean store(PreparedPatient p) throws IOException {
        if (!p.accepted()) throw new IllegalArgumentException("patient " + p.pseudonym() + " was rejected: " + p.rejections());
        List<Object[]> rows = new ArrayList<>();
        for (PreparedPatient.Staged f : p.files()) {
            String sha = f.bytes() != null ? files.put(f.bytes()) : files.putFile(f.staged());
            long size = java.nio.file.Files.size(files.pathOf(sha));
            rows.add(new Object[] {sha, f.kind().id(), size, f.seriesUid(), f.phase(), json(f.detail())});
        }
        return jdbi.inTransaction(h -> {
            boolean isNew = patients.key(p.record().patient().centreId(), p.pseudonym()).isEmpty();
            patients.upsert(h, p.record());
            long pk = h.createQuery("select pk from patient where centre_id = :c and patient_id = :p")
                    .bind("c", p.record().patient().centreId()).bind("p", p.pseudonym()).mapTo(Long.class).one();
            h.execute("delete from stored_file where patient_pk = ?", pk);
            var batch = h.prepareBatch("""
                    insert into stored_file (patient_pk, sha256, kind, size_bytes, series_uid, phase, detail)
                    values (:pk, :sha, :kind, :size, :series, :phase, cast(:detail as jsonb)) on conflict do nothing""");
            for (Object[] r : rows) {
                batch.bind("pk", pk).bind("sha", (String) r[0]).bind("kind", (String) r[1]).bind("size", (long) r[2])
                        .bind("series", (String) r[3]).bind("phase", (String) r[4]).bind("detail", (String) r[5]).add();
            }
            if (!rows.isEmpty()) batch.execute();
            h.createUpdate("""
                    insert into ingested_patient (patient_pk, input_sha256, qc, deid_actions)
                    values (:pk, :sha, cast(:qc as jsonb), cast(:deid as jsonb))
                    on conflict (patient_pk) do update set input_sha256 = excluded.input_sha256, qc = excluded.qc,
                    deid_actions = excluded.deid_actions""")
                    .bind("pk", pk).bind("sha", p.inputSha256()).bind("qc", json(qc(p))).bind("deid", json(p.deidActions())).execute();
            audit.append(h, "ingest " + p.record().patient().centreId(), isNew ? "patient.ingest" : "patient.reingest",
                    "patient " + p.record().patient().centreId() + "/" + p.pseudonym(), json(Map.of("input_sha256", p.inputSha256(), "files", rows.size())));
            return isNew;
        });
    }

    /** The QC facts stored with the patient: no file names (they can carry hospital numbers), only results. */
    private static Map<String, Object> qc(PreparedPatient p) {
        List<Map<String, Object>> slides = new ArrayList<>();
        for (PreparedPatient.SlideQc s : p.summary().slides()) {
            slides.add(Map.of("accepted", s.accepted(), "reasons", s.reasons(), "tissue_area_mm2", s.tissueAreaMm2()));
        }
        return Map.of("phases_found", p.summary().phasesFound(), "dicom_files", p.summary().dicomFiles(), "slides", slides,
                "reports", p.summary().reports());
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
