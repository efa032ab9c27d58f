package org.livercast.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.db.Database;
import org.livercast.study.importer.ClinicalImporter;
import org.livercast.study.screening.ScreeningService;
import org.livercast.study.screening.ScreeningStore;

class ScreeningStoreTest {
    static final Path EXAMPLES = Path.of("..", "examples", "clinical");
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    @Test
    void screeningTheStoredExamplesRecordsOneResultPerPatientAndRepeatsChangeNothing() throws Exception {
        try (Database db = TestDatabases.freshSchema()) {
            new ClinicalImporter(db.jdbi()).importFiles(EXAMPLES.resolve("patients.csv"), EXAMPLES.resolve("events.csv"));
            ScreeningService service = new ScreeningService(db.jdbi());
            ScreeningStore store = new ScreeningStore(db.jdbi());
            var p1 = Protocols.bundled().get("P1");
            service.screenAll(p1, AS_OF);
            assertThat(store.count()).isEqualTo(16);
            Map<String, Integer> counts = store.decisionCounts("P1");
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(16);
            assertThat(counts).containsKeys("eligible", "not_eligible", "incomplete");
            var before = Snapshot.of(db);
            service.screenAll(p1, AS_OF);
            assertThat(Snapshot.of(db)).isEqualTo(before);
            service.screenAll(p1, AS_OF.plusDays(1));
            assertThat(store.count()).isEqualTo(32);
        }
    }
}
