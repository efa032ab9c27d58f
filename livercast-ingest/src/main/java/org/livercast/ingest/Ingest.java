package org.livercast.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.io.Folders;
import org.livercast.core.io.TableFile;
import org.livercast.ingest.deid.ClinicalTables;
import org.livercast.ingest.deid.PseudonymKey;
import org.livercast.ingest.discover.Export;
import org.livercast.ingest.discover.ExportFile;
import org.livercast.ingest.discover.ExportScanner;
import org.livercast.ingest.discover.FileKind;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.qc.Finding;
import org.livercast.ingest.qc.QcPolicy;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.ingest.report.ReportWriter;
import org.livercast.ingest.store.ContentStore;
import org.livercast.ingest.store.IngestStore;

/**
 * Ingests one centre's export: discover, read the tables, then for each patient (in parallel) read, check,
 * de-identify and store all-or-nothing. A patient whose inputs are unchanged since it was stored is skipped, so a
 * re-run after a crash finishes the job and a re-run of a finished export changes nothing.
 */
public final class Ingest {
    /**
     * @param storeDir  the content-addressed file store
     * @param keyFile   the centre's pseudonym key (created if absent); keep it with the centre, away from the store
     * @param reportDir where ingest-report.json/.html go (the centre's private area: it names hospital numbers)
     * @param rejectFailedSlides reject a patient none of whose slides passes QC (P4's exclusion); else store it flagged
     * @param ocr       reads reports sent as scans (a PDF without text, a PNG or JPEG of a page); {@link Ocr#OFF}: such
     *                  files are named and not read
     */
    public record Options(String centre, Path exportDir, Path storeDir, Path keyFile, Path reportDir, int threads, boolean rejectFailedSlides, Ocr ocr) {
        public Options {
            if (centre == null || !centre.matches("[A-Za-z0-9_-]{1,32}")) throw new IllegalArgumentException("centre must be 1-32 letters, digits, _ or -: " + centre);
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
            if (ocr == null) throw new IllegalArgumentException("ocr: Ocr.OFF, not null");
        }

        /** Without OCR. */
        public Options(String centre, Path exportDir, Path storeDir, Path keyFile, Path reportDir, int threads, boolean rejectFailedSlides) {
            this(centre, exportDir, storeDir, keyFile, reportDir, threads, rejectFailedSlides, Ocr.OFF);
        }

        /** These options, scans read by {@code ocr}. */
        public Options withOcr(Ocr ocr) { return new Options(centre, exportDir, storeDir, keyFile, reportDir, threads, rejectFailedSlides, ocr); }
    }

    private Ingest() {}

    public static IngestReport run(Options o, Jdbi jdbi, Consumer<String> progress) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        if (!Files.isDirectory(o.exportDir())) throw new IOException(o.exportDir() + ": not a folder");
        Timings timings = new Timings();
        PseudonymKey key = PseudonymKey.loadOrCreate(o.keyFile());
        ContentStore files = new ContentStore(o.storeDir());
        IngestStore store = new IngestStore(jdbi, files);
        store.checkKey(o.centre(), key.fingerprint());

        long td = System.nanoTime();
        Export export = ExportScanner.scan(o.exportDir(), o.ocr());
        timings.add("discovery", td);
        List<String> problems = new ArrayList<>(export.problems());
        ClinicalTables tables = null;
        Path fhirReports = null;
        if (export.patientsTable() != null) {
            try {
                // A table sent as an Excel workbook is read, and kept de-identified, as the CSV of its sheet; without an events
                // file, the events are the patients workbook's events sheet, if it has one.
                Path patients = export.patientsTable().path();
                tables = ClinicalTables.read(patients, TableFile.load(patients, export.eventsTable() == null ? null : export.eventsTable().path()));
            } catch (ClinicalTables.TableException e) {
                problems.add(e.getMessage());
            }
        } else if (!export.fhirFiles().isEmpty()) {
            try {
                FhirTables.Read fhir = FhirTables.read(export, o.centre(), files.staging(), o.ocr(), progress);
                tables = fhir.tables();
                fhirReports = fhir.reportsFolder();
                export = export.with(fhir.reports());
            } catch (ClinicalTables.TableException e) {
                problems.add(e.getMessage());
            } catch (org.livercast.core.io.fhir.ClinicalTablesReader.FhirTablesException e) {
                problems.addAll(e.errors());
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        Set<String> patients = new TreeSet<>(export.byPatient().keySet());
        if (tables != null) patients.addAll(tables.hospitalNumbers());
        List<PatientOutcome> outcomes = new ArrayList<>();
        if (tables == null || !problems.isEmpty()) {
            // Without readable tables no patient can be linked to its clinical data: nothing is stored.
            for (String hn : patients) {
                outcomes.add(new PatientOutcome(hn, key.patientPseudonym(o.centre(), hn), PatientOutcome.Status.REJECTED,
                        problems.stream().map(p -> new Finding(null, null, p)).toList(), List.of(), null, Map.of()));
            }
        } else {
            boolean anyMri = export.byPatient().values().stream().flatMap(List::stream).anyMatch(f -> f.kind() == FileKind.DICOM);
            boolean anySlides = export.byPatient().values().stream().flatMap(List::stream).anyMatch(f -> f.kind() == FileKind.SLIDE || f.kind() == FileKind.DICOM_SLIDE);
            Path staging = runStaging(files);
            try {
                PatientIngest pi = new PatientIngest(o.centre(), key, tables, QcPolicy.forExport(anyMri, anySlides, o.rejectFailedSlides()), staging, timings, o.ocr());
                outcomes.addAll(ingestAll(pi, store, export, patients, o.threads(), timings, progress));
            } finally {
                Folders.deleteTree(staging);
            }
        }
        // The reports a FHIR export carried inline, written out for ingest to read as report files, are not kept (a run that
        // dies before this leaves them to the next run's clean-up of staging folders, named by process id).
        if (fhirReports != null) Folders.deleteTree(fhirReports);
        outcomes.sort(Comparator.comparing(PatientOutcome::hospitalNumber));
        Map<String, Integer> actions = new TreeMap<>();
        for (PatientOutcome p : outcomes) p.deidActions().forEach((k, v) -> actions.merge(k, v, Integer::sum));
        long bytes = 0;
        for (List<ExportFile> l : export.byPatient().values()) for (ExportFile f : l) bytes += f.sizeBytes();
        IngestReport report = new IngestReport(o.centre(), o.exportDir().toAbsolutePath().toString(), started.truncatedTo(ChronoUnit.SECONDS).toString(),
                Math.round((System.nanoTime() - t0) / 1e7) / 100.0,
                count(outcomes, PatientOutcome.Status.ADDED), count(outcomes, PatientOutcome.Status.UPDATED),
                count(outcomes, PatientOutcome.Status.UNCHANGED), count(outcomes, PatientOutcome.Status.REJECTED), problems, outcomes,
                export.unlinked().stream().map(IngestReport.UnlinkedFile::of).toList(), actions, timings.seconds(), bytes);
        ReportWriter.write(report, o.reportDir());
        return report;
    }

    private static List<PatientOutcome> ingestAll(PatientIngest pi, IngestStore store, Export export, Set<String> patients, int threads,
                                                  Timings timings, Consumer<String> progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        List<Future<PatientOutcome>> futures = new ArrayList<>();
        for (String hn : patients) {
            futures.add(pool.submit(() -> {
                PatientOutcome out = one(pi, store, hn, export.byPatient().getOrDefault(hn, List.of()), timings);
                int n = done.incrementAndGet();
                progress.accept(String.format("[%d/%d] %s %s", n, patients.size(), out.pseudonym(), out.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (out.reasons().isEmpty() ? "" : ": " + out.reasons().get(0))));
                return out;
            }));
        }
        pool.shutdown();
        List<PatientOutcome> out = new ArrayList<>();
        try {
            for (Future<PatientOutcome> f : futures) out.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("ingest interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private static PatientOutcome one(PatientIngest pi, IngestStore store, String hn, List<ExportFile> files, Timings timings) throws IOException {
        String centre = pi.centre();
        String pseudonym = pi.pseudonym(hn);
        String input = pi.inputSha256(hn, files);
        if (store.storedInput(centre, pseudonym).filter(input::equals).isPresent()) {
            return new PatientOutcome(hn, pseudonym, PatientOutcome.Status.UNCHANGED, List.of(), List.of(), null, Map.of());
        }
        PreparedPatient p;
        try {
            p = pi.prepare(hn, files, input);
        } catch (IOException | RuntimeException e) {
            return new PatientOutcome(hn, pseudonym, PatientOutcome.Status.REJECTED,
                    List.of(new Finding(null, null, "could not be read: " + e)), List.of(), null, Map.of());
        }
        if (!p.accepted()) {
            discard(p);
            return new PatientOutcome(hn, pseudonym, PatientOutcome.Status.REJECTED, p.rejections(), p.warnings(), p.summary(), p.deidActions());
        }
        long ts = System.nanoTime();
        boolean isNew = store.store(p);
        timings.add("store (files and database)", ts);
        return new PatientOutcome(hn, pseudonym, isNew ? PatientOutcome.Status.ADDED : PatientOutcome.Status.UPDATED, List.of(),
                p.warnings(), p.summary(), p.deidActions());
    }

    private static void discard(PreparedPatient p) throws IOException {
        for (PreparedPatient.Staged s : p.files()) if (s.staged() != null) Files.deleteIfExists(s.staged());
    }

    /** This run's staging folder; folders left by runs whose process is gone (killed) are removed. */
    private static Path runStaging(ContentStore files) throws IOException {
        Path root = files.staging();
        try (Stream<Path> s = Files.list(root)) {
            for (Path d : s.toList()) {
                String name = d.getFileName().toString();
                long pid = name.matches("\\d+-.*") ? Long.parseLong(name.substring(0, name.indexOf('-'))) : -1;
                if (pid > 0 && ProcessHandle.of(pid).isEmpty()) Folders.deleteTree(d);
            }
        }
        return Files.createTempDirectory(root, ProcessHandle.current().pid() + "-");
    }

    private static int count(List<PatientOutcome> l, PatientOutcome.Status s) { return (int) l.stream().filter(p -> p.status() == s).count(); }
}
