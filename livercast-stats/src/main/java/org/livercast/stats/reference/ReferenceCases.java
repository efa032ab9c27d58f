package org.livercast.stats.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs reference cases: every folder under a directory that holds a {@code case.json} and a {@code data.csv}.
 * The format (see shared/reference/stats/README.md) is the contract; nothing here knows a particular case.
 */
public final class ReferenceCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, CaseKind> KINDS = Stream.of(new KmCase(), new LogRankCase(), new CoxCase(),
                    new ConcordanceCase(), new RocCase(), new TimeDependentCase(), new CalibrationCase(), new CifCase())
            .collect(Collectors.toMap(CaseKind::kind, Function.identity()));

    private ReferenceCases() {}

    public record Outcome(String name, String kind, boolean passed, double maxAbsDiff, List<String> failures) {}

    public static List<Path> find(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("case.json"))
                    .map(Path::getParent).filter(d -> Files.exists(d.resolve("data.csv"))).sorted().toList();
        }
    }

    public static List<Outcome> runAll(Path root) throws IOException {
        List<Outcome> out = new ArrayList<>();
        for (Path dir : find(root)) out.add(run(dir));
        return out;
    }

    /** Runs one case; any failure to compute is reported as a failed case naming the reason, never thrown. */
    public static Outcome run(Path dir) {
        String name = dir.getFileName().toString();
        String kind = "?";
        try {
            JsonNode spec = JSON.readTree(dir.resolve("case.json").toFile());
            kind = spec.path("kind").asText();
            CaseKind k = KINDS.get(kind);
            if (k == null) return new Outcome(name, kind, false, Double.NaN, List.of("unknown kind '" + kind + "'; known: " + KINDS.keySet()));
            JsonNode actual = k.compute(spec, CaseTable.read(dir.resolve("data.csv")));
            Comparison c = Comparison.of(spec.path("expected"), actual, spec.path("tolerance"));
            return new Outcome(name, kind, c.passed(), c.maxAbsDiff(), c.failures());
        } catch (IOException | RuntimeException e) {
            return new Outcome(name, kind, false, Double.NaN, List.of("could not run: " + e));
        }
    }
}
