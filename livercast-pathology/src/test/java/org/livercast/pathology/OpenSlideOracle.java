package org.livercast.pathology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** OpenSlide itself (Debian's python3-openslide), run from the tests as the reference reader. */
public final class OpenSlideOracle {
    private OpenSlideOracle() {}

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/openslide"));
    }

    /** First element: the slide summary; then one element per region "level:x0:y0:w:h". */
    public static List<JsonNode> read(Path slide, List<String> regions) throws IOException, InterruptedException {
        Path script = Files.createTempFile("openslide_regions", ".py");
        Path out = Files.createTempFile("openslide", ".out");
        try {
            try (var in = OpenSlideOracle.class.getResourceAsStream("/oracle/openslide_regions.py")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), slide.toString()));
            cmd.addAll(regions);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("OpenSlide timed out on " + slide);
            }
            if (p.exitValue() != 0) throw new IOException("OpenSlide failed on " + slide + " (exit " + p.exitValue() + ")");
            List<JsonNode> lines = new ArrayList<>();
            ObjectMapper m = new ObjectMapper();
            for (String line : Files.readAllLines(out)) if (!line.isBlank()) lines.add(m.readTree(line));
            return lines;
        } finally {
            // Every call wrote two files; left behind, a test run added ~250 of them to /tmp.
            Files.deleteIfExists(script);
            Files.deleteIfExists(out);
        }
    }
}
