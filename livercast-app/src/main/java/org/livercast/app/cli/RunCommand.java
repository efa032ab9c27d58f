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
import java.util.ArrayList;
import org.livercast.app.web.WebServer;
import org.livercast.ingest.Ingest;
import org.livercast.ingest.report.IngestReport;
import org.livercast.study.access.Role;
import org.livercast.study.access.User;
import org.livercast.study.ops.Enrolments;
import org.livercast.study.ops.LockedPredictions;
import org.livercast.study.store.PatientStore;
import org.livercast.study.screening.ScreeningService;
import org.livercast.synth.CohortGenerator;
import org.livercast.synth.Oracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on embedded defaults, the whole journey: generate (once) a synthetic two-centre cohort in the real
 * formats under {@code --home}; ingest each centre's export (de-identified, checked, stored all-or-nothing); screen
 * every stored patient against P1–P5; train (once) the PRE and POST models on a development cohort and score every
 * stored patient; enrol the patients eligible for P1 and lock their PRE predictions (as the demo investigator of their
 * centre); create demo users for every role; print the oracle metrics; then serve the web on localhost until stopped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run LiverCast end to end on its embedded defaults: generate a synthetic cohort (DICOM MRI, SVS slides, reports, "
                + "clinical CSVs) under --home, ingest it (de-identified), screen it against protocols P1-P5, train the PRE and POST "
                + "models once on a development cohort, score every patient, enrol P1's eligible patients and lock their PRE "
                + "predictions, then serve the patient and study pages with demo users for each role (printed with their passwords)."})
final class RunCommand extends Leaf {
    @Option(names = "--patients", defaultValue = "24", description = "Cohort size (default ${DEFAULT-VALUE}).") int patients;

    @Option(names = "--seed", defaultValue = "2026", description = "Cohort seed (default ${DEFAULT-VALUE}).") long seed;

    @Option(names = "--development-patients", defaultValue = "" + MainJobModels.DEVELOPMENT_PATIENTS, paramLabel = "N",
            description = "Size of the three-centre development cohort the models learn from (default ${DEFAULT-VALUE}; at least "
                    + MainJobModels.MIN_DEVELOPMENT_PATIENTS + "). Fewer trains faster and measures the held-out centre less precisely.")
    int developmentPatients;

    @Option(names = "--development-slides", defaultValue = "" + MainJobModels.DEVELOPMENT_SLIDES, paramLabel = "N",
            description = "How many of the development patients get an H&E slide for POST to learn from (default ${DEFAULT-VALUE}: "
                    + "enough for its attention heat map to single out the slide's own findings; 0 trains POST without slides, minutes faster).")
    int developmentSlides;

    @Option(names = "--development-images", defaultValue = "" + MainJobModels.DEVELOPMENT_IMAGES, paramLabel = "N",
            description = "How many of the development patients get an MRI exam, which the models read as its radiomic features (default "
                    + "${DEFAULT-VALUE}; 0 trains them on the MRI report alone, and no PRE prediction then has an MRI occlusion map).")
    int developmentImages;

    @Option(names = "--port", defaultValue = "7070", description = "Web port (default ${DEFAULT-VALUE}).") int port;

    @Option(names = "--no-serve", description = "Stop after the journey instead of serving the web (for scripts and CI).") boolean noServe;

    @Override
    public Integer call() throws Exception {
        if (developmentPatients < MainJobModels.MIN_DEVELOPMENT_PATIENTS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--development-patients " + developmentPatients
                    + ": at least " + MainJobModels.MIN_DEVELOPMENT_PATIENTS + " (each of the three centres trains or measures the models)");
        }
        if (developmentSlides < 0 || developmentSlides > developmentPatients) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--development-slides " + developmentSlides
                    + ": between 0 and the development cohort's " + developmentPatients + " patients");
        }
        if (developmentImages < 0 || developmentImages > developmentPatients) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--development-images " + developmentImages
                    + ": between 0 and the development cohort's " + developmentPatients + " patients");
        }
        Path home = root().home.toAbsolutePath();
        Path cohort = home.resolve("cohort-" + seed + "-" + patients);
        if (!Files.exists(cohort.resolve("truth").resolve("cohort.json"))) {
            // The second centre exports its slides from a digital-pathology PACS, as DICOM whole-slide images: ingest stores
            // both centres' slides alike. Each centre's tables and reports are written as a hospital's systems write them: the
            // first's as a Chinese hospital system's (one Excel 97-2003 workbook under its own column names, reports in GB18030),
            // the second's as a European hospital's (semicolons, decimal commas, day-first dates): ingest stores them alike too.
            var o = new CohortGenerator.Options(patients, 2, seed, cohort, LocalDate.of(2026, 6, 30), true, true,
                    Runtime.getRuntime().availableProcessors()).withSlideFormat(org.livercast.synth.SlideFormat.BY_CENTRE)
                    .withExportDialect(org.livercast.synth.ExportDialect.BY_CENTRE);
            out().printf("generating the synthetic cohort (%d patients, 2 centres, seed %d) in %s%n", patients, seed, cohort);
            long started = System.nanoTime();
            CohortGenerator.Summary s = CohortGenerator.generate(o, line -> out().println(line));
            out().printf("  %d DICOM series, %d slides (centre-02's as DICOM whole-slide images), reports and clinical tables written in %d s"
                            + " (centre-01's tables and reports as a Chinese hospital system writes them, centre-02's as a European hospital's)%n",
                    s.dicomSeries(), s.slides(),
                    MainJobModels.secondsSince(started));
        } else {
            out().println("using the synthetic cohort in " + cohort);
        }
        try (Database db = root().openDatabase()) {
            out().println("database: " + db.describe());
            List<String> centres = new ArrayList<>();
            try (Stream<Path> dirs = Files.list(cohort)) {
                for (Path c : dirs.filter(d -> d.getFileName().toString().startsWith("centre-")).sorted().toList()) {
                    String centre = centreId(c);
                    centres.add(centre);
                    Path centreHome = home.resolve("centres").resolve(centre);
                    IngestReport r = Ingest.run(new Ingest.Options(centre, c, home.resolve("store"), centreHome.resolve("pseudonym.key"),
                            centreHome.resolve("ingest-reports").resolve("main-job"), Runtime.getRuntime().availableProcessors(), false), db.jdbi(), line -> { });
                    out().printf("ingested %s as centre %s: %d added, %d updated, %d unchanged, %d rejected (report: %s)%n", c.getFileName(), centre,
                            r.patientsAdded(), r.patientsUpdated(), r.patientsUnchanged(), r.patientsRejected(),
                            centreHome.resolve("ingest-reports/main-job/ingest-report.html"));
                }
            }
            ScreeningService service = new ScreeningService(db.jdbi());
            out().println();
            out().println("screening each stored patient as of their last known date (dates are days from surgery)");
            Map<String, Map<Decision, Long>> byProtocol = new java.util.LinkedHashMap<>();
            PatientStore store = new PatientStore(db.jdbi());
            List<String[]> p1Eligible = new ArrayList<>();
            for (Protocol p : Protocols.bundled().all()) {
                Map<Decision, Long> counts = new java.util.EnumMap<>(Decision.class);
                for (PatientStore.Key k : store.keys()) {
                    var r = store.find(k.centreId(), k.patientId()).orElseThrow();
                    LocalDate asOf = r.lastKnownDate().orElse(null);
                    if (asOf == null) continue;
                    Decision d = service.screen(p, k, r, asOf).result().decision();
                    counts.merge(d, 1L, Long::sum);
                    // Consent for a prospective study is given at screening, before surgery.
                    LocalDate consent = r.patient().screeningDate() != null ? r.patient().screeningDate() : asOf;
                    if (p.id().equals("P1") && d == Decision.ELIGIBLE) p1Eligible.add(new String[] {k.centreId(), k.patientId(), consent.toString()});
                }
                byProtocol.put(p.id(), counts);
                out().printf("  %-3s %-62s %s%n", p.id(), p.title(), counts);
            }
            out().println();
            Map<String, Long> preIds = MainJobModels.run(home, seed, new MainJobModels.Development(developmentPatients, developmentSlides, developmentImages), db, new org.livercast.study.models.ModelRegistry(db.jdbi()), out());
            Map<String, String> passwords = DemoUsers.ensure(db, centres);
            int enrolled = 0;
            int locked = 0;
            Enrolments enrolments = new Enrolments(db.jdbi());
            LockedPredictions locks = new LockedPredictions(db.jdbi());
            for (String[] e : p1Eligible) {
                User investigator = new User(DemoUsers.investigator(e[0]), Role.SITE_INVESTIGATOR, e[0]);
                if (enrolments.enrolled("P1", e[0]).stream().noneMatch(x -> x.patientId().equals(e[1]))) {
                    enrolments.enrol(investigator, Protocols.bundled().get("P1"), e[0], e[1], LocalDate.parse(e[2]));
                    enrolled++;
                }
                Long pre = preIds.get(e[0] + "/" + e[1]);
                if (pre != null && locks.current(e[0], e[1], "P1", "pre").isEmpty()) {
                    locks.lock(investigator, e[0], e[1], "P1", "pre", pre);
                    locked++;
                }
            }
            out().printf("P1: %d eligible, %d newly enrolled, %d PRE predictions newly locked%n", p1Eligible.size(), enrolled, locked);
            // P2 screens on the PRE score locked for it (before surgery): lock each patient's, then screen again.
            int lockedP2 = 0;
            Map<Decision, Long> p2 = new java.util.EnumMap<>(Decision.class);
            for (PatientStore.Key k : store.keys()) {
                Long pre = preIds.get(k.centreId() + "/" + k.patientId());
                if (pre != null && locks.current(k.centreId(), k.patientId(), "P2", "pre").isEmpty()) {
                    locks.lock(new User(DemoUsers.investigator(k.centreId()), Role.SITE_INVESTIGATOR, k.centreId()), k.centreId(), k.patientId(), "P2", "pre", pre);
                    lockedP2++;
                }
                var r = store.find(k.centreId(), k.patientId()).orElseThrow();
                LocalDate before = r.surgeryDate().map(d -> d.minusDays(1)).orElse(r.lastKnownDate().orElse(null));
                if (before != null) p2.merge(service.screen(Protocols.bundled().get("P2"), k, r, before).result().decision(), 1L, Long::sum);
            }
            out().printf("P2: %d PRE predictions newly locked; screened the day before surgery with them: %s%n", lockedP2, p2);
            // What a hospital's EHR would load: every patient's assessments as FHIR R4 Bulk Data (also served under /fhir).
            Path fhirDir = home.resolve("fhir");
            var fhir = org.livercast.fhir.BulkExport.write(db.jdbi(), fhirDir, c -> true, org.livercast.learn.model.ModelStore.codeVersion());
            new org.livercast.study.audit.AuditLog(db.jdbi()).append("livercast run", "fhir.export", "every centre",
                    org.livercast.core.io.fhir.FhirJson.JSON.valueToTree(fhir.countsByType()).toString());
            out().printf("FHIR R4 export of %d patients in %s: %s%s%n", fhir.patients(), fhirDir, fhir.countsByType(),
                    fhir.concealed() > 0 ? " (" + fhir.concealed() + " patients' recommendations concealed by their protocol)" : "");
            var audit = new org.livercast.study.audit.AuditLog(db.jdbi()).verify();
            out().printf("audit log: %d entries, %s, head %s%n", audit.entries(), audit.intact() ? "intact" : "TAMPERED: " + audit.problem(), audit.headHash());
            out().println();
            SynthCommand.OracleCommand.print(out(), Oracle.compute(cohort));
            if (noServe) return ExitCodes.OK;
            try (WebServer web = WebServer.start(db, home.resolve("store"), port)) {
                out().println();
                out().printf("LiverCast is serving on http://localhost:%d/ — sign in as (Ctrl-C to stop):%n", web.port());
                passwords.forEach((u, pw) -> out().printf("  %-16s %s%n", u, pw));
                out().printf("FHIR R4 endpoint: http://localhost:%d/fhir/metadata (docs/fhir.md)%n", web.port());
                out().flush();
                Thread.currentThread().join();
            }
        }
        return ExitCodes.OK;
    }

    /** The centre id the export's clinical table gives (its first patient's centre_id), else the folder name. */
    private static String centreId(Path centreDir) throws java.io.IOException {
        var table = org.livercast.core.io.TableFile.patientsTableIn(centreDir.resolve("clinical"));
        if (table.isPresent()) {
            var records = org.livercast.core.io.ClinicalCsv.read(table.get(), null).records();
            if (!records.isEmpty() && records.get(0).patient().centreId() != null) return records.get(0).patient().centreId();
        }
        return centreDir.getFileName().toString();
    }
}
