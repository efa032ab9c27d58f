package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;
import org.livercast.core.protocol.ScreeningResult.Decision;
import org.livercast.study.db.Database;
import org.livercast.study.importer.ClinicalImporter;
import org.livercast.study.importer.ImportSummary;
import org.livercast.study.screening.ScreeningService;
import org.livercast.study.screening.ScreeningService.Screened;
import org.livercast.synth.CohortGenerator;
import org.livercast.synth.Oracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on embedded defaults: generate (once) a small synthetic multicentre cohort in the real formats under
 * {@code --home}, import each centre's clinical export into the embedded PostgreSQL, screen every patient against
 * protocols P1–P5, train (once) the PRE and POST models on a development cohort and score every patient with them,
 * and print the cohort's oracle metrics. The study analyses join this job as they land.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run LiverCast end to end on its embedded defaults: generate a synthetic cohort (DICOM MRI, SVS slides, reports, "
                + "clinical CSVs) under --home, import it into the database, screen it against protocols P1-P5, train the PRE and POST "
                + "models once on a development cohort, score every patient before and after surgery, and print the oracle metrics.",
                "Later releases add locked predictions and the study analyses to this job."})
final class RunCommand extends Leaf {
    @Option(names = "--patients", defaultValue = "24", description = "Cohort size (default ${DEFAULT-VALUE}).") int patients;

    @Option(names = "--seed", defaultValue = "2026", description = "Cohort seed (default ${DEFAULT-VALUE}).") long seed;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Screening date (default: ${DEFAULT-VALUE}, the cohort's cut-off).")
    LocalDate asOf = LocalDate.of(2026, 6, 30);

    @Override
    public Integer call() throws IOException {
        Path cohort = root().home.toAbsolutePath().resolve("cohort-" + seed + "-" + patients);
        if (!Files.exists(cohort.resolve("truth").resolve("cohort.json"))) {
            var o = new CohortGenerator.Options(patients, 2, seed, cohort, LocalDate.of(2026, 6, 30), true, true,
                    Runtime.getRuntime().availableProcessors());
            out().printf("generating the synthetic cohort (%d patients, 2 centres, seed %d) in %s%n", patients, seed, cohort);
            CohortGenerator.Summary s = CohortGenerator.generate(o, line -> out().println(line));
            out().printf("  %d DICOM series, %d slides, reports and clinical tables written%n", s.dicomSeries(), s.slides());
        } else {
            out().println("using the synthetic cohort in " + cohort);
        }
        try (Database db = root().openDatabase()) {
            out().println("database: " + db.describe());
            ClinicalImporter importer = new ClinicalImporter(db.jdbi());
            try (Stream<Path> centres = Files.list(cohort)) {
                for (Path c : centres.filter(d -> d.getFileName().toString().startsWith("centre-")).sorted().toList()) {
                    ImportSummary s = importer.importFiles(c.resolve("clinical").resolve("patients.csv"), c.resolve("clinical").resolve("events.csv"));
                    out().printf("imported %s: %d patients (%d added, %d updated, %d unchanged)%n", c.getFileName(), s.total(), s.added(),
                            s.updated(), s.unchanged());
                }
            }
            ScreeningService service = new ScreeningService(db.jdbi());
            out().println();
            out().printf("screening as of %s%n", asOf);
            for (Protocol p : Protocols.bundled().all()) {
                List<Screened> screened = service.screenAll(p, asOf);
                Map<Decision, Long> counts = new java.util.EnumMap<>(Decision.class);
                screened.forEach(s -> counts.merge(s.result().decision(), 1L, Long::sum));
                out().printf("  %-3s %-62s %s%n", p.id(), p.title(), counts);
            }
            out().println();
            MainJobModels.run(root().home.toAbsolutePath(), seed, cohort, new org.livercast.study.models.ModelRegistry(db.jdbi()), out());
        }
        out().println();
        SynthCommand.OracleCommand.print(out(), Oracle.compute(cohort));
        return ExitCodes.OK;
    }
}
