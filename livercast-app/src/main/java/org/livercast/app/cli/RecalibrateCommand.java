package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.livercast.learn.train.RecalibrationRun;
import org.livercast.stats.calibration.ModelUpdating;
import org.livercast.study.db.Database;
import org.livercast.study.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast recalibrate}: a PRE or POST model updated for a centre from the centre's first patients, registered as a new model. */
@Command(name = "recalibrate", mixinStandardHelpOptions = true,
        description = {"Update a PRE or POST model for a centre whose patients differ from the training centres': its aggressive-recurrence "
                + "probability is recalibrated on the centre's first resected HCC patients whose 2-year outcome is known (in order of surgery). "
                + "A closed test (Vergouwe 2017) keeps the model, recalibrates it in the large or fits a new calibration slope, and the RFS and "
                + "OS hazards are shifted when the centre's first 3 years of follow-up show it; the networks and the ranking are unchanged. Writes OUT/recalibration.json and .html and OUT/model/ and registers the new model; "
                + "the centre's later patients, not used for the update, measure it."})
final class RecalibrateCommand extends Leaf {
    @Option(names = "--model", required = true, paramLabel = "ID|DIR", description = "The PRE or POST model: its id (≥ 8 hex characters) or its folder.")
    String model;

    @Option(names = "--cohort", required = true, paramLabel = "DIR", description = "Cohort export holding the centre's patients.") Path cohort;

    @Option(names = "--centre", required = true, paramLabel = "CENTRE", description = "The centre folder the model is updated for.") String centre;

    @Option(names = "--patients", defaultValue = "300", paramLabel = "N",
            description = "How many of the centre's first evaluable patients estimate the update (default ${DEFAULT-VALUE}; at 15%% "
                    + "aggressive recurrence that is about 45 events; with fewer, only a large miscalibration is detected).") int patients;

    @Option(names = "--method", paramLabel = "closed-test|intercept|logistic|shrunk", defaultValue = "closed-test",
            description = "closed-test chooses (default); intercept or logistic forces that update; shrunk is logistic recalibration "
                    + "pulled toward the model by priors on a centre's miscalibration.") String method;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the report and the updated model go.") Path out;

    @picocli.CommandLine.Mixin TileEncoderOptions tileEncoder;

    @Option(names = "--cutoff", defaultValue = "2026-06-30", paramLabel = "YYYY-MM-DD",
            description = "Data cut-off when the export does not state one (default ${DEFAULT-VALUE}).") LocalDate cutoff;

    @Override
    public Integer call() throws IOException {
        ModelUpdating.Method forced = null;
        if (!method.equals("closed-test")) {
            try {
                forced = ModelUpdating.Method.parse(method);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--method: " + e.getMessage());
            }
        }
        if (!Files.isDirectory(cohort)) throw new java.nio.file.NoSuchFileException(cohort.toString());
        try (Database db = root().openDatabase()) {
            ModelRegistry registry = new ModelRegistry(db.jdbi());
            Path from = ModelArgument.folder(model, registry, root().home);
            // The tile encoder given, else the one the model's card says it was trained with.
            try (var encoder = tileEncoder.loadFor(spec, from)) {
                RecalibrationRun.Result r;
                try {
                    r = RecalibrationRun.run(new RecalibrationRun.Options(from, cohort, centre, patients, forced, out, cutoff, root().tileCache(),
                            encoder), line -> out().println(line));
                } catch (IllegalArgumentException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                printLater(r.report());
                boolean isNew = ModelArgument.register(r.modelDir(), registry);
                out().printf("model %s (%s, %s for %s) %s in the store; report: %s%n", r.card().modelId().substring(0, 12), r.card().kind().id(),
                        r.update().chosen().id(), centre, isNew ? "registered" : "already", out.resolve("recalibration.json"));
            }
        }
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private void printLater(Map<String, Object> report) {
        Map<String, Object> later = (Map<String, Object>) report.get("later_patients");
        if (!later.containsKey("before")) {
            out().printf("later patients: %s of them, %s events: %s%n", later.get("n"), later.get("events"), later.get("note"));
            return;
        }
        Map<String, Double> before = (Map<String, Double>) later.get("before");
        Map<String, Double> after = (Map<String, Double>) later.get("after");
        out().printf(Locale.ROOT, "later patients (%s, %s events): calibration slope %.2f -> %.2f, in the large %.2f -> %.2f, Brier %.4f -> %.4f%n",
                later.get("n"), later.get("events"), before.get("calibration_slope"), after.get("calibration_slope"), before.get("calibration_in_the_large"),
                after.get("calibration_in_the_large"), before.get("brier"), after.get("brier"));
    }
}
