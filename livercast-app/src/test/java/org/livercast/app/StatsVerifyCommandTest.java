package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsVerifyCommandTest {
    static final Path SHARED = Path.of("..", "..", "shared", "reference", "stats");

    @Test
    void everySharedCasePassesAndTheSummaryLineCountsThem() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED));
        Cli r = Cli.runRaw("stats", "verify", "--cases", SHARED.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("pass cox_lung_efron").containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    @Test
    void aCaseThatDisagreesWithRFailsNamingTheValueAndExitsNonZero(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED));
        for (String name : new String[] {"km_lung", "logrank_lung_sex"}) copy(SHARED.resolve(name), tmp.resolve(name));
        Path json = tmp.resolve("logrank_lung_sex").resolve("case.json");
        Files.writeString(json, Files.readString(json).replace("\"chisq\": 10.3267419548856", "\"chisq\": 10.4"));
        Cli r = Cli.runRaw("stats", "verify", "--cases", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL logrank_lung_sex").contains("/chisq: expected 10.4").contains("pass km_lung")
                .contains("1 passed, 1 failed");
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
