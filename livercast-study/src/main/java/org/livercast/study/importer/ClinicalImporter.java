package org.livercast.study.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.io.ClinicalDataException;
import org.livercast.core.model.PatientRecord;
import org.livercast.study.store.PatientStore;
import org.livercast.study.store.RecordHash;

/**
 * Imports the clinical CSV template into the store, all or nothing: every row is validated first and a file with
 * any bad row changes nothing (the exception lists every bad row); the writes then run in one transaction.
 * Importing the same files again changes nothing.
 */
public final class ClinicalImporter {
    private final Jdbi jdbi;
    private final PatientStore store;

    public ClinicalImporter(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.store = new PatientStore(jdbi);
    }

    /**
     * The tables as the centre sent them: CSV in any of the template's dialects, or Excel workbooks (one may hold both
     * tables), read through the centre's columns.json beside the patients file (its column names, words and date order).
     * @param eventsFile may be null when there are no follow-up events yet (or they are a sheet of the patients workbook)
     */
    public ImportSummary importFiles(Path patientsFile, Path eventsFile) throws IOException {
        org.livercast.core.io.TableFile.Loaded t = org.livercast.core.io.TableFile.load(patientsFile, eventsFile);
        String names = patientsFile + (eventsFile == null ? "" : ", " + eventsFile);
        return importBytes(t.patientsName(), t.patients(), t.eventsName(), t.events(), names, org.livercast.core.io.ColumnMapping.beside(patientsFile));
    }

    public ImportSummary importBytes(String patientsName, byte[] patients, String eventsName, byte[] events, String names)
            throws IOException {
        return importBytes(patientsName, patients, eventsName, events, names, org.livercast.core.io.ColumnMapping.none());
    }

    /** The tables' bytes read through a centre's column mapping. */
    public ImportSummary importBytes(String patientsName, byte[] patients, String eventsName, byte[] events, String names,
                                     org.livercast.core.io.ColumnMapping columns) throws IOException {
        ClinicalData data = ClinicalCsv.read(patientsName, new ByteArrayInputStream(patients), eventsName,
                events == null ? null : new ByteArrayInputStream(events), columns);
        if (!data.valid()) throw new ClinicalDataException(data.errors());
        String filesSha = RecordHash.ofBytes(concat(RecordHash.ofBytes(patients), events == null ? "" : RecordHash.ofBytes(events)));
        return jdbi.inTransaction(h -> {
            int added = 0;
            int updated = 0;
            int unchanged = 0;
            for (PatientRecord r : data.records()) {
                switch (store.upsert(h, r)) {
                    case ADDED -> added++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            }
            int inserted = h.createUpdate("""
                    insert into import_batch (kind, files_sha256, file_names, patients_added, patients_updated, patients_unchanged)
                    values ('clinical', :sha, :names, :a, :u, :n) on conflict (files_sha256) do nothing""")
                    .bind("sha", filesSha).bind("names", names).bind("a", added).bind("u", updated).bind("n", unchanged)
                    .execute();
            return new ImportSummary(filesSha, added, updated, unchanged, inserted == 0);
        });
    }

    private static byte[] concat(String a, String b) {
        return (a + ":" + b).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
