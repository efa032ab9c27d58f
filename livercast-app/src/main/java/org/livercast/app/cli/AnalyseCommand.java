package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.livercast.core.io.Folders;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.analysis.AnalysisData;
import org.livercast.study.analysis.AnalysisReport;
import org.livercast.study.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast analyse --protocol P1 [--cutoff DATE | --cutoff-days N] [--out DIR]}: the endpoint analysis as HTML and PDF. */
@Command(name = "analyse", mixinStandardHelpOptions = true,
        description = {"Analyse a protocol's endpoints on the stored patients: KM of RFS and OS by cohort and by PRE risk group with log-rank "
                + "and Cox HR, AUC / sensitivity / specificity of the PRE and POST scores at 0.5, C-index, calibration, subgroups (centre, "
                + "BCLC stage, neoadjuvant) as a forest plot, grade >= 3 adverse events by cohort, performance by centre. Writes "
                + "OUT/<protocol>-analysis.html and, with Debian's chromium installed, the same as PDF.",
                "Stored dates are days from surgery, surgery on 2000-01-01: --cutoff 2002-01-01 censors everyone 731 days after surgery."})
final class AnalyseCommand extends Leaf {
    @Option(names = "--protocol", required = true, paramLabel = "ID", description = "The protocol to analyse: P1, P2, P3, P4 or P5.") String protocolId;

    @Option(names = "--cutoff", paramLabel = "YYYY-MM-DD", description = "Data cut-off on the store's calendar (surgery = 2000-01-01).") LocalDate cutoff;

    @Option(names = "--cutoff-days", paramLabel = "N", description = "Data cut-off as days after surgery.") Integer cutoffDays;

    @Option(names = "--centre", paramLabel = "C", description = "One centre only (default: all).") String centre;

    @Option(names = "--population", paramLabel = "P", defaultValue = "protocol",
            description = "Whom to analyse: protocol (enrolled if any, else eligible; default), enrolled, eligible or all.") String population;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Output folder (default: the current one).") Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Protocol p = Protocols.bundled().find(protocolId).orElseThrow(() -> new NotFoundException("no protocol " + protocolId));
        if (cutoff != null && cutoffDays != null) throw new org.livercast.core.InvalidValueException("--cutoff", cutoff, "give --cutoff or --cutoff-days, not both");
        Integer days = cutoffDays != null ? cutoffDays : cutoff == null ? null : (int) ChronoUnit.DAYS.between(org.livercast.core.model.StoredDates.SURGERY_DAY, cutoff);
        if (days != null && days < 0) throw new org.livercast.core.InvalidValueException("--cutoff", cutoff, "lies before surgery (2000-01-01 in the store)");
        AnalysisData data;
        try (Database db = root().openDatabase()) {
            data = AnalysisData.collect(db.jdbi(), p, days, centre, population(population));
        }
        Files.createDirectories(out);
        Path html = out.resolve(p.id() + "-analysis.html");
        Files.writeString(html, AnalysisReport.html(data, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        out().printf("%s: %d screened, %d eligible, %d enrolled, %d analysed%n", p.id(), data.screened(), data.eligible(), data.enrolled(), data.rows().size());
        out().println("wrote " + html);
        Path pdf = out.resolve(p.id() + "-analysis.pdf");
        String why = Pdf.print(html, pdf);
        if (why == null) out().println("wrote " + pdf);
        else out().println("no PDF: " + why);
        return ExitCodes.OK;
    }

    private static AnalysisData.Population population(String v) {
        try {
            return AnalysisData.Population.parse(v);
        } catch (IllegalArgumentException e) {
            throw new org.livercast.core.InvalidValueException("--population", v, "expected protocol, enrolled, eligible or all");
        }
    }

    /** HTML to PDF with headless Chromium (the browser renders the SVG plots exactly as on screen). */
    static final class Pdf {
        private Pdf() {}

        /** @return null when written, else why not */
        static String print(Path html, Path pdf) throws IOException, InterruptedException {
            Path chromium = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome")).stream()
                    .filter(Files::isExecutable).findFirst().orElse(null);
            if (chromium == null) return "install Debian's chromium to print the report as PDF";
            // A private, throw-away browser profile (a few MB; one per print, removed after it).
            Path profile = Files.createTempDirectory("livercast-pdf");
            try {
                Process proc = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                        "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(), html.toAbsolutePath().toUri().toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                boolean done = proc.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
                if (!done) proc.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                if (!done || proc.exitValue() != 0 || !Files.exists(pdf)) return "chromium could not print " + html;
                return null;
            } finally {
                // Quietly: a browser helper may still be writing there, and the PDF is what matters.
                Folders.deleteTreeQuietly(profile);
            }
        }
    }
}
