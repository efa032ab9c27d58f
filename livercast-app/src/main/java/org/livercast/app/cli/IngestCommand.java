package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.livercast.ingest.Ingest;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast ingest --centre C DIR}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest a centre's export (DICOM studies, slides, report text, clinical and follow-up tables): discover it by "
                + "content, de-identify it (DICOM PS3.15 Basic Profile with dates kept as offsets from surgery; slide labels and "
                + "macros removed; names, numbers and dates scrubbed from text), check it (MRI phases, slide QC, clinical fields) "
                + "and store each accepted patient all-or-nothing.",
                "Re-running finishes an interrupted ingest; re-running a finished one changes nothing. The report "
                        + "(ingest-report.json and .html) and the centre's pseudonym key stay in the centre's folder under --home, "
                        + "apart from the store. Exit code 3 when any patient was rejected."})
final class IngestCommand extends Leaf {
    @Option(names = "--centre", required = true, paramLabel = "C", description = "The centre sending the export (e.g. C01).")
    String centre;

    @Parameters(index = "0", paramLabel = "DIR", description = "The export folder.")
    Path dir;

    @Option(names = "--key", paramLabel = "FILE", description = "The centre's pseudonym key (default: HOME/centres/C/pseudonym.key; created if absent).")
    Path key;

    @Option(names = "--report", paramLabel = "DIR", description = "Where the report goes (default: HOME/centres/C/ingest-reports/TIMESTAMP).")
    Path report;

    @Option(names = "--threads", paramLabel = "N", description = "Patients processed at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--reject-failed-slides", description = "Reject a patient none of whose slides passes QC (P4's exclusion of "
            + "faded, folded, blurred slides or too little tissue). Default: store the slide with its QC result, flagged.")
    boolean rejectFailedSlides;

    @Option(names = "--ocr", description = "Read reports sent as scans (a PDF without a text layer, a PNG or JPEG of a page) with "
            + "Tesseract OCR (Debian: tesseract-ocr tesseract-ocr-chi-sim; or name the program in LIVERCAST_TESSERACT): simplified "
            + "Chinese, else English. A report read with under 80%% mean confidence is named, not stored; one stored says it was "
            + "read by OCR. Default: scans are named in the report and not read.")
    boolean ocr;

    @Option(names = "--quiet", description = "No line per patient.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Path home = root().home.toAbsolutePath();
        Path centreDir = home.resolve("centres").resolve(centre);
        Path reportDir = report != null ? report : centreDir.resolve("ingest-reports")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Ingest.Options o = new Ingest.Options(centre, dir, home.resolve("store"), key != null ? key : centreDir.resolve("pseudonym.key"),
                reportDir, threads, rejectFailedSlides);
        if (ocr) {
            Ocr engine;
            try {
                engine = Ocr.onThisMachine(threads);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // Not a usage error: the machine lacks the engine, and says what to install.
                spec.commandLine().getErr().println("--ocr: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            out().println("OCR: " + engine.describe());
            o = o.withOcr(engine);
        }
        IngestReport r;
        try (Database db = root().openDatabase()) {
            r = Ingest.run(o, db.jdbi(), line -> { if (!quiet) out().println(line); });
        }
        out().printf("centre %s: %d added, %d updated, %d unchanged, %d rejected in %.1f s%n", r.centre(), r.patientsAdded(),
                r.patientsUpdated(), r.patientsUnchanged(), r.patientsRejected(), r.seconds());
        r.exportProblems().forEach(p -> out().println("  export: " + p));
        for (PatientOutcome p : r.patients()) {
            if (p.status() == PatientOutcome.Status.REJECTED) p.reasons().forEach(f -> out().println("  rejected " + p.hospitalNumber() + ": " + f));
        }
        out().println("report: " + reportDir.resolve("ingest-report.html"));
        return r.patientsRejected() > 0 ? ExitCodes.INPUT_REJECTED : ExitCodes.OK;
    }
}
