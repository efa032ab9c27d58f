package org.livercast.pathology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one of the test resources' Python scripts (oracle/NAME) with Debian's python3, where Pillow and pydicom live. */
public final class PythonOracle {
    private PythonOracle() {}

    /** Copies oracle/{@code script} into {@code dir} and runs it with {@code args}; fails the test if it does not exit 0. */
    public static void run(Path dir, String script, String... args) throws Exception {
        Path copy = dir.resolve(script);
        try (var in = PythonOracle.class.getResourceAsStream("/oracle/" + script)) {
            Files.write(copy, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", copy.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }
}
