package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.deid.PseudonymKey;
import org.livercast.ingest.store.StoreDigest;
import org.livercast.study.db.Database;
import org.livercast.study.db.DatabaseConfig;

/**
 * {@code livercast ingest} killed with SIGKILL mid-way (a real process), twice, then run again, stores exactly what an
 * uninterrupted run stores: the same rows and the same files, nothing duplicated or lost.
 */
class IngestKillTest {
    @TempDir Path tmp;

    @Test
    void aKilledIngestFinishesOnRerunWithTheSameResultAsAnUninterruptedOne() throws Exception {
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "10", "--centres", "1", "--seed", "21", "--out", cohort.toString()).exitCode()).isZero();
        Path export = cohort.resolve("centre-01");
        Path key = tmp.resolve("C01.key");
        PseudonymKey.loadOrCreate(key);
        String url = System.getenv("LIVERCAST_TEST_DB_URL");
        try (Database server = Database.connect(url != null && !url.isBlank()
                ? new DatabaseConfig(null, url, System.getenv(DatabaseConfig.ENV_USER), System.getenv(DatabaseConfig.ENV_PASSWORD), null)
                : DatabaseConfig.embedded(tmp.resolve("pg")))) {
            String jdbc = server.jdbcUrl();
            String refSchema = "kill_ref_" + ProcessHandle.current().pid();
            String killedSchema = "kill_run_" + ProcessHandle.current().pid();
            List<String> ref = args(tmp.resolve("home-ref"), jdbc, refSchema, key, export);
            Cli uninterrupted = Cli.runRaw(ref.toArray(String[]::new));
            // 3: some patients rejected (the generator leaves a phase out now and then); the rest stored.
            assertThat(uninterrupted.exitCode()).as(uninterrupted.out() + uninterrupted.err()).isIn(0, 3);

            Database killed = server.inSchema(killedSchema);
            List<String> run = args(tmp.resolve("home-killed"), jdbc, killedSchema, key, export);
            int[] killAfter = {2, 5};
            for (int target : killAfter) {
                Process p = start(run);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (stored(killed) < target && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
                assertThat(p.isAlive()).as("still running when killed (stored " + stored(killed) + ")").isTrue();
                p.destroyForcibly();                                    // SIGKILL: no shutdown hook, no cleanup
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isEqualTo(137);
            }
            assertThat(stored(killed)).isBetween(5, 9);
            Cli rerun = Cli.runRaw(run.toArray(String[]::new));
            assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isEqualTo(uninterrupted.exitCode());
            assertThat(rerun.out()).contains("unchanged");

            Database reference = server.inSchema(refSchema);
            Map<String, String> expected = StoreDigest.of(reference.jdbi());
            assertThat(StoreDigest.of(killed.jdbi())).isEqualTo(expected);
            assertThat(expected.get("patient")).contains("C01-");
            // The centre, holding the key, finds its patients' pseudonyms again.
            String hospitalNumber = Files.readAllLines(export.resolve("clinical/patients.csv")).get(1).split(",")[0];
            Cli pseudonyms = Cli.runRaw("pseudonyms", "--centre", "C01", "--key", key.toString(), hospitalNumber);
            String pseudonym = pseudonyms.out().strip().split("\t")[1];
            assertThat(expected.get("patient")).contains("\"" + pseudonym + "\"");
            assertThat(files(tmp.resolve("home-killed"))).isEqualTo(files(tmp.resolve("home-ref"))).hasSizeGreaterThan(500);
        }
    }

    private static List<String> args(Path home, String url, String schema, Path key, Path export) {
        return new ArrayList<>(List.of("--home", home.toString(), "--db-url", url, "--db-schema", schema,
                "ingest", "--centre", "C01", "--key", key.toString(), "--threads", "1", "--quiet", export.toString()));
    }

    private static Process start(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.livercast.app.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int stored(Database db) {
        try {
            return db.jdbi().withHandle(h -> h.createQuery("select count(*) from ingested_patient").mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            return 0;                                                   // the schema is being created
        }
    }

    private static List<String> files(Path home) throws Exception {
        try (Stream<Path> s = Files.walk(home.resolve("store/sha256"))) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}")).sorted().toList();
        }
    }
}
