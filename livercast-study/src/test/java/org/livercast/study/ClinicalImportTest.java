package org.livercast.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalDataException;
import org.livercast.core.model.PatientRecord;
import org.livercast.study.db.Database;
import org.livercast.study.importer.ClinicalImporter;
import org.livercast.study.importer.ImportSummary;
import org.livercast.study.store.PatientStore;

/** Imports the bundled example CSVs into a real PostgreSQL and checks what a data manager relies on. */
class ClinicalImportTest {
    static final Path EXAMPLES = Path.of("..", "examples", "clinical");
    static final Path PATIENTS = EXAMPLES.resolve("patients.csv");
    static final Path EVENTS = EXAMPLES.resolve("events.csv");

    Database db;
    ClinicalImporter importer;
    PatientStore store;

    @BeforeEach
    void open() {
        db = TestDatabases.freshSchema();
        importer = new ClinicalImporter(db.jdbi());
        store = new PatientStore(db.jdbi());
    }

    @AfterEach
    void close() { db.close(); }

    @Test
    void storedRecordsReadBackEqualToTheFile() throws Exception {
        ImportSummary s = importer.importFiles(PATIENTS, EVENTS);
        List<PatientRecord> parsed = ClinicalCsv.read(PATIENTS, EVENTS).records();
        assertThat(s.added()).isEqualTo(parsed.size()).isEqualTo(16);
        for (PatientRecord r : parsed) {
            assertThat(store.find(r.patient().centreId(), r.id())).as(r.id()).contains(r);
        }
    }

    @Test
    void importingTheSameFilesTwiceChangesNothing() throws Exception {
        importer.importFiles(PATIENTS, EVENTS);
        var before = Snapshot.of(db);
        ImportSummary again = importer.importFiles(PATIENTS, EVENTS);
        assertThat(again.unchanged()).isEqualTo(16);
        assertThat(again.changedAnything()).isFalse();
        assertThat(again.filesSeenBefore()).isTrue();
        assertThat(Snapshot.of(db)).isEqualTo(before);
    }

    @Test
    void aFileWithAnyBadRowChangesNothingAndListsEveryBadRow(@TempDir Path tmp) throws Exception {
        importer.importFiles(PATIENTS, EVENTS);
        var before = Snapshot.of(db);
        List<String> lines = Files.readAllLines(PATIENTS);
        // line 3 is EX01's row: change a valid value, then break two other rows
        lines.set(2, lines.get(2).replaceFirst(",male,", ",female,"));
        lines.set(4, lines.get(4).replaceFirst(",g/L,", ",mmol/L,"));
        lines.set(6, lines.get(6).replaceFirst(",ZS,", ",ZS,robot_sex_marker,").replaceFirst(",robot_sex_marker,male,", ",robot,"));
        Path bad = tmp.resolve("patients.csv");
        Files.write(bad, lines);
        assertThatThrownBy(() -> importer.importFiles(bad, EVENTS)).isInstanceOf(ClinicalDataException.class)
                .satisfies(e -> {
                    var errors = ((ClinicalDataException) e).errors();
                    assertThat(errors).anySatisfy(r -> assertThat(r.line()).isEqualTo(5))
                            .anySatisfy(r -> assertThat(r.line()).isEqualTo(7));
                    assertThat(e.getMessage()).contains("labs.albumin.unit").contains("nothing was imported");
                });
        assertThat(Snapshot.of(db)).isEqualTo(before);
    }

    @Test
    void aDatabaseFailureMidImportRollsBackEveryPatient() throws Exception {
        // A real PostgreSQL error on the 9th patient, after eight were written in the same transaction.
        db.jdbi().useHandle(h -> h.execute("""
                create function refuse_ex09() returns trigger language plpgsql as $$
                begin
                  if new.patient_id = 'EX09' then raise exception 'disk full (simulated)'; end if;
                  return new;
                end $$;
                create trigger refuse_ex09 before insert on patient for each row execute function refuse_ex09();"""));
        var before = Snapshot.of(db);
        assertThatThrownBy(() -> importer.importFiles(PATIENTS, EVENTS)).hasMessageContaining("disk full");
        assertThat(Snapshot.of(db)).isEqualTo(before);
        assertThat(store.count()).isZero();
    }

    @Test
    void aCorrectedRowUpdatesThatPatientInPlace(@TempDir Path tmp) throws Exception {
        importer.importFiles(PATIENTS, EVENTS);
        long pk = store.key("ZS", "EX01").orElseThrow().pk();
        List<String> lines = Files.readAllLines(PATIENTS);
        lines.set(2, lines.get(2).replaceFirst(",yes,no,yes,0,", ",yes,no,yes,1,")); // EX01's ECOG 0 -> 1
        Path corrected = tmp.resolve("patients.csv");
        Files.write(corrected, lines);
        ImportSummary s = importer.importFiles(corrected, EVENTS);
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.unchanged()).isEqualTo(15);
        assertThat(store.key("ZS", "EX01").orElseThrow().pk()).isEqualTo(pk);
        assertThat(store.find("ZS", "EX01").orElseThrow().patient().ecog()).isEqualTo(1);
        // the follow-up events are still there after the replacement
        assertThat(store.find("ZS", "EX01").orElseThrow().events()).hasSize(10);
    }
}
