package org.livercast.app.cli;

import java.nio.file.Path;
import org.livercast.core.InvalidValueException;
import org.livercast.core.io.ClinicalDataException;
import org.livercast.core.protocol.ProtocolException;
import org.livercast.study.db.Database;
import org.livercast.study.db.DatabaseConfig;
import org.livercast.study.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code livercast} command: global options and the subcommands. */
@Command(name = "livercast", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Recurrence prediction and clinical studies for resected hepatocellular carcinoma.",
        subcommands = {RunCommand.class, DbCommand.class, ImportCommand.class, FhirCommand.class, ScreenCommand.class, ProtocolsCommand.class, StatsCommand.class, DicomCommand.class, SlideCommand.class, SynthCommand.class, IngestCommand.class, PseudonymsCommand.class, UsersCommand.class, AuditCommand.class, AnalyseCommand.class, ServeCommand.class, TrainCommand.class, RecalibrateCommand.class, TileEncoderCommand.class, TileFeaturesCommand.class, PredictCommand.class, ModelsCommand.class,
                CommandLine.HelpCommand.class})
public final class LiverCastCommand {
    @Option(names = "--home", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder holding the embedded database and the file store (default: ${DEFAULT-VALUE}).")
    Path home = Path.of(System.getProperty("user.home"), ".livercast");

    @Option(names = "--db-url", paramLabel = "JDBC_URL", scope = CommandLine.ScopeType.INHERIT,
            description = "Use this PostgreSQL server instead of the embedded one (also: $" + DatabaseConfig.ENV_URL
                    + ", with $" + DatabaseConfig.ENV_USER + " and $" + DatabaseConfig.ENV_PASSWORD + ").")
    String dbUrl;

    @Option(names = "--db-schema", paramLabel = "NAME", scope = CommandLine.ScopeType.INHERIT,
            description = "Schema holding LiverCast's tables (default: " + DatabaseConfig.DEFAULT_SCHEMA + "; also $"
                    + DatabaseConfig.ENV_SCHEMA + "), to share one server between installations.")
    String dbSchema;

    /** Opens the configured store, migrated. */
    Database openDatabase() { return Database.open(databaseConfig()); }

    /**
     * Where slide tile embeddings are cached under a home: one folder for training, prediction, recalibration and the
     * main job, so a slide embedded by one is read by the others.
     */
    static Path tileCache(Path home) { return home.resolve("tile-cache"); }

    Path tileCache() { return tileCache(home); }

    DatabaseConfig databaseConfig() { return DatabaseConfig.fromEnvironment(home.toAbsolutePath(), dbUrl, dbSchema); }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LiverCastCommand());
        cl.setExecutionExceptionHandler(LiverCastCommand::handle);
        return cl;
    }

    /** Turns the errors users can fix into one clear message and an exit code, without a stack trace. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        var err = cl.getErr();
        if (e instanceof ClinicalDataException || e instanceof InvalidValueException || e instanceof ProtocolException) {
            err.println("livercast: input rejected: " + e.getMessage());
            return ExitCodes.INPUT_REJECTED;
        }
        if (e instanceof DatabaseException) {
            err.println("livercast: database: " + e.getMessage());
            return ExitCodes.DATABASE;
        }
        if (e instanceof NotFoundException) {
            err.println("livercast: " + e.getMessage());
            return ExitCodes.NOT_FOUND;
        }
        if (e instanceof org.livercast.imaging.dicom.DicomFileException || e instanceof org.livercast.imaging.series.SeriesException
                || e instanceof org.livercast.imaging.nifti.NiftiException || e instanceof org.livercast.pathology.tiff.TiffException) {
            err.println("livercast: input rejected: " + e.getMessage());
            return ExitCodes.INPUT_REJECTED;
        }
        if (e instanceof org.livercast.learn.inputs.InputRefusedException || e instanceof org.livercast.learn.data.UnusableInputException) {
            err.println("livercast: input rejected: " + e.getMessage());
            return ExitCodes.INPUT_REJECTED;
        }
        if (e instanceof org.livercast.core.io.fhir.ClinicalTablesReader.FhirTablesException || e instanceof org.livercast.core.io.fhir.FhirNdjson.FhirFileException) {
            err.println("livercast: input rejected: " + e.getMessage() + (e.getMessage().contains("\n") ? "\n" : " ") + "(nothing was imported)");
            return ExitCodes.INPUT_REJECTED;
        }
        if (e instanceof org.livercast.core.io.TextEncoding.NotTextException) {
            err.println("livercast: input rejected: " + e.getMessage());
            return ExitCodes.INPUT_REJECTED;
        }
        if (e instanceof java.nio.file.NoSuchFileException nf) {
            err.println("livercast: no such file: " + nf.getFile());
            return ExitCodes.INPUT_REJECTED;
        }
        err.println("livercast: failed: " + e);
        e.printStackTrace(err);
        return ExitCodes.FAILURE;
    }
}
