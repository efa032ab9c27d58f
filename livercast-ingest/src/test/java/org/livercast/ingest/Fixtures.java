package org.livercast.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.livercast.ingest.report.IngestReport;
import org.livercast.study.db.Database;
import org.livercast.study.db.DatabaseConfig;
import org.livercast.synth.CohortGenerator;

/**
 * What the ingest tests share: one synthetic cohort in the real formats (MRI as DICOM, slides as SVS, reports, CSVs,
 * with names, hospital numbers, phones and birth dates everywhere), one PostgreSQL (embedded, or
 * LIVERCAST_TEST_DB_URL) with a fresh schema per caller, and helpers to copy an export and snapshot the store.
 */
final class Fixtures {
    static final int PATIENTS = 6;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Path cohort;
    private static Database server;

    private Fixtures() {}

    static synchronized Path cohort() {
        if (cohort == null) {
            try {
                cohort = org.livercast.core.io.Folders.deleteTreeOnExit(Files.createTempDirectory("ingest-cohort"));
                CohortGenerator.generate(new CohortGenerator.Options(PATIENTS, 1, 11, cohort, LocalDate.of(2026, 6, 30), true, true, 2), s -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cohort;
    }

    static synchronized Database freshSchema() {
        if (server == null) {
            try {
                String url = System.getenv("LIVERCAST_TEST_DB_URL");
                Path data = Files.createTempDirectory("ingest-pg");
                server = Database.connect(url != null && !url.isBlank()
                        ? new DatabaseConfig(null, url, System.getenv(DatabaseConfig.ENV_USER), System.getenv(DatabaseConfig.ENV_PASSWORD), null)
                        : DatabaseConfig.embedded(data));
                // One hook, in order: the server stops before its data folder goes.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    org.livercast.core.io.Folders.deleteTreeQuietly(data);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server.inSchema("ingest_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
    }

    /** A writable copy of the cohort's first centre. */
    static Path copyOfExport(Path into) throws IOException {
        Path src = cohort().resolve("centre-01");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = into.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return into;
    }

    static IngestReport ingest(Database db, Path export, Path home) throws IOException {
        return Ingest.run(new Ingest.Options("C01", export, home.resolve("store"), home.resolve("keys/C01.key"),
                home.resolve("reports/" + COUNTER.incrementAndGet()), 2, false), db.jdbi(), s -> { });
    }

    static Map<String, String> snapshot(Database db) { return org.livercast.ingest.store.StoreDigest.of(db.jdbi()); }

    /** An export and a variant of it (another encoding, dialect or file format), each ingested into a fresh schema. */
    record Twins(Database original, IngestReport originalReport, Database variant, IngestReport variantReport) {}

    /** Both ingested with one key (one home): the same pseudonyms, so their stores can be compared row for row. */
    static Twins ingestTwins(Path original, Path variant, Path home) throws IOException {
        Database a = freshSchema();
        Database b = freshSchema();
        IngestReport ra = ingest(a, original, home);
        return new Twins(a, ra, b, ingest(b, variant, home));
    }

    /** The twins' stores hold the same rows in every table but the ingest runs' and those named. */
    static void assertSameStore(Twins twins, String... except) {
        Map<String, String> a = snapshotWithout(twins.original(), except);
        Map<String, String> b = snapshotWithout(twins.variant(), except);
        for (String t : a.keySet()) org.assertj.core.api.Assertions.assertThat(b.get(t)).as(t).isEqualTo(a.get(t));
    }

    /**
     * The twins' stores hold the same rows but for the reports' text and bytes: every other table is the same, and the
     * patients' rows differ only in the hash of what was ingested for them (a report kept in another script).
     */
    static void assertSameStoreButReportText(Twins twins) {
        assertSameStore(twins, "report", "stored_file", "patient");
        String inputHash = "\"content_sha256\": \"[0-9a-f]{64}\"";
        org.assertj.core.api.Assertions.assertThat(snapshot(twins.variant()).get("patient").replaceAll(inputHash, ""))
                .isEqualTo(snapshot(twins.original()).get("patient").replaceAll(inputHash, ""));
    }

    /** Rewrites every file of an export whose name ends with one of {@code suffixes}: its UTF-8 text through {@code edit}, saved in {@code charset}. */
    static void rewriteTexts(Path export, List<String> suffixes, java.util.function.UnaryOperator<String> edit, java.nio.charset.Charset charset)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(export)) {
            files = s.filter(p -> suffixes.stream().anyMatch(x -> p.toString().endsWith(x))).toList();
        }
        for (Path p : files) Files.write(p, edit.apply(Files.readString(p, java.nio.charset.StandardCharsets.UTF_8)).getBytes(charset));
    }

    /** Every table of two stores as {@link #snapshot} digests it, but the ingest runs' and those named, by table. */
    static Map<String, String> snapshotWithout(Database db, String... tables) {
        Map<String, String> s = new java.util.TreeMap<>(snapshot(db));
        s.keySet().removeIf(t -> t.startsWith("ingest") || List.of(tables).contains(t));
        return s;
    }

    /** Runs a Python script with Debian's python3 (python-docx, openpyxl make fixtures); its standard error, empty when it ran. */
    static String python(String script, String... args) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return "no /usr/bin/python3";
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? "" : err.isEmpty() ? "exit " + p.exitValue() : err;
    }

    /** The stored reports of one kind (pathology, radiology), by pseudonym. */
    static Map<String, String> reportBodies(Database db, String kind) {
        Map<String, String> out = new java.util.TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery("select p.patient_id, r.body from report r join patient p on p.pk = r.patient_pk where r.kind = :k")
                .bind("k", kind).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Names of the files in the content store (hash-named only). */
    static List<String> storedFiles(Path home) throws IOException {
        Path root = home.resolve("store/sha256");
        if (!Files.exists(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            List<String> out = new ArrayList<>(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9a-f]{64}")).sorted().toList());
            return out;
        }
    }

    /** The export's SVS files, sorted by name (the first patients' slides). */
    static List<Path> svsSlides(Path export) throws IOException {
        try (Stream<Path> s = Files.list(export.resolve("slides"))) {
            return s.filter(p -> p.toString().endsWith(".svs")).sorted().toList();
        }
    }

    /** The patient's name as the centre's MRI carries it (DICOM PN, "FAMILY^GIVEN"). */
    static String patientName(Path export, String mrn) throws IOException {
        try (Stream<Path> s = Files.walk(export.resolve("imaging").resolve(mrn))) {
            Path first = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
            return org.livercast.imaging.dicom.DicomReader.read(first).string(org.livercast.imaging.dicom.Tag.PatientName);
        }
    }

    /** The stored (de-identified) slide file of the patient with this pseudonym, its hash checked. */
    static Path storedSlide(Database db, Path home, String pseudonym) throws IOException {
        String sha = db.jdbi().withHandle(h -> h.createQuery("select f.sha256 from stored_file f join patient p on p.pk = f.patient_pk"
                + " where p.patient_id = :p and f.kind = 'slide'").bind("p", pseudonym).mapTo(String.class).one());
        return new org.livercast.ingest.store.ContentStore(home.resolve("store")).verify(sha);
    }
}
