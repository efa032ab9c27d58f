package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.model.ModelKind;

class TrainingRunTest {
    @TempDir Path out;

    @Test
    void preModelOnAHeldOutCentre() throws Exception {
        Path cohort = SmallCohort.clinical(1500, 3, 7);
        var r = TrainingRun.run(new TrainingRun.Options(ModelKind.PRE, cohort, out, null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30)),
                System.out::println);
        Map<String, Object> rep = r.report();
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rep));
        assertThat((double) rep.get("auc")).isGreaterThan(0.6);
        r.model().close();
    }

    @Test
    void postModelOnAHeldOutCentre() throws Exception {
        Path cohort = SmallCohort.clinical(1500, 3, 7);
        var r = TrainingRun.run(new TrainingRun.Options(ModelKind.POST, cohort, out.resolve("post"), null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30)),
                System.out::println);
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r.report()));
        r.model().close();
    }
}
