package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.model.ModelKind;

class HeldOutCentreTest {
    @TempDir Path out;

    @Test
    void aSingleCentreOrAnUnknownHeldOutCentreIsRefusedBeforeTraining() {
        Path one = SmallCohort.clinical(20, 1, 3);
        assertThatThrownBy(() -> TrainingRun.run(new TrainingRun.Options(ModelKind.PRE, one, out, null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30)),
                l -> { })).hasMessageContaining("one centre only");
        Path two = SmallCohort.clinical(40, 2, 3);
        for (ModelKind kind : ModelKind.values()) {
            var o = new TrainingRun.Options(kind, two, out, "centre-09", FitConfig.defaults(1), LocalDate.of(2026, 6, 30));
            assertThatThrownBy(() -> {
                switch (kind) {
                    case THERAPY -> TherapyRun.run(o, l -> { });
                    case DIAGNOSIS -> DiagnosisRun.run(o, l -> { });
                    default -> TrainingRun.run(o, l -> { });
                }
            }).as(kind.id()).hasMessageContaining("held-out centre centre-09 is not in").hasMessageContaining("centre-01, centre-02");
        }
    }
}
