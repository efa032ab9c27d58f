package org.livercast.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.db.Database;
import org.livercast.study.importer.ClinicalImporter;
import org.livercast.study.importer.ImportSummary;
import org.livercast.study.screening.ScreeningService;
import org.livercast.study.screening.ScreeningService.Screened;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on embedded defaults. Today: import the bundled example patients into the store and screen them
 * against every protocol. It grows as the synthetic cohort, the models and the studies land.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run LiverCast end to end on its embedded defaults: start the database, import the bundled example "
                + "patients (examples/clinical), screen them against protocols P1-P5 and record the results.",
                "Later releases add the synthetic cohort, model training and the study analyses to this job."})
final class RunCommand extends Leaf {
    static final String EXAMPLES = "/org/livercast/core/examples/clinical/";

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Screening date (default: ${DEFAULT-VALUE}, "
            + "fixed so the example results are reproducible).")
    LocalDate asOf = LocalDate.of(2026, 11, 1);

    @Override
    public Integer call() throws IOException {
        try (Database db = root().openDatabase()) {
            out().println("database: " + db.describe());
            ImportSummary s = new ClinicalImporter(db.jdbi()).importBytes("examples/clinical/patients.csv",
                    resource("patients.csv"), "examples/clinical/events.csv", resource("events.csv"),
                    "bundled examples/clinical");
            out().printf("imported %d example patients: %d added, %d updated, %d unchanged%n", s.total(), s.added(),
                    s.updated(), s.unchanged());
            ScreeningService service = new ScreeningService(db.jdbi());
            for (Protocol p : Protocols.bundled().all()) {
                out().println();
                List<Screened> screened = service.screenAll(p, asOf);
                ScreeningReport.print(out(), p, asOf, screened, false);
            }
        }
        return ExitCodes.OK;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RunCommand.class.getResourceAsStream(EXAMPLES + name)) {
            if (in == null) throw new IOException("bundled example " + name + " is missing from the jar");
            return in.readAllBytes();
        }
    }
}
