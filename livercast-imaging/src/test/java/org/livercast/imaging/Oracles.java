package org.livercast.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The field's reference tools, run for real: pydicom (Debian's python3-pydicom) and dcmtk. */
public final class Oracles {
    public static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** shared/reference/imaging beside the repository. */
    public static final Path IMAGING = Path.of("..", "..", "shared", "reference", "imaging");

    private Oracles() {}

    public static boolean pydicomAvailable() {
        return Files.isDirectory(PYDICOM_FILES) && Files.isExecutable(PYTHON);
    }

    public static boolean dcmtkAvailable() { return Files.isExecutable(Path.of("/usr/bin/dcmdump")); }

    /** pydicom's view of the given files: tags and pixel statistics per file name. */
    public static JsonNode pydicom(List<Path> files) throws IOException, InterruptedException {
        Path script = Files.createTempFile("pydicom_dump", ".py");
        try {
            try (var in = Oracles.class.getResourceAsStream("/oracle/pydicom_dump.py")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
            files.forEach(f -> cmd.add(f.toString()));
            return new ObjectMapper().readTree(run(cmd));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Runs a command and returns its standard output; fails the test when it exits non-zero. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("oracle", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0) throw new IOException("exit " + p.exitValue() + ": " + cmd + "\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(out);  // one per call; a test run otherwise leaves a hundred in /tmp
        }
    }
}
