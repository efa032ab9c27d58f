package org.livercast.learn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import org.livercast.learn.model.ModelKind;

/**
 * Run in a fresh JVM by {@link TrainingRunTest}, as `livercast train` runs: trains PRE on the cohort (default
 * configuration, seed 1) into the folder and prints the report as JSON.
 */
public final class TrainMain {
    private TrainMain() {}

    public static void main(String[] args) throws Exception {
        var r = TrainingRun.run(new TrainingRun.Options(ModelKind.PRE, Path.of(args[0]), Path.of(args[1]), null, FitConfig.defaults(1),
                LocalDate.of(2026, 6, 30)), line -> { });
        r.model().close();
        System.out.println(new ObjectMapper().writeValueAsString(r.report()));
    }
}
