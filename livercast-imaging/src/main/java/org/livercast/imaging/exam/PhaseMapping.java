package org.livercast.imaging.exam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.livercast.core.model.Phase;

/**
 * A centre's own naming of its series, checked before the built-in keywords. JSON:
 * <pre>{"centre": "ZS", "rules": [{"pattern": "(?i)^vibe_fs_20s$", "phase": "arterial"}, …]}</pre>
 * Patterns are Java regular expressions matched (find) against the series description and the protocol name.
 */
public record PhaseMapping(String centre, List<Rule> rules) {
    public record Rule(Pattern pattern, Phase phase) {}

    public static PhaseMapping none() { return new PhaseMapping("", List.of()); }

    public static PhaseMapping read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Rule> rules = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.path("rules")) {
            i++;
            String pattern = r.path("pattern").asText(null);
            String phase = r.path("phase").asText(null);
            if (pattern == null || phase == null) throw new IOException(file + ": rule " + i + " needs 'pattern' and 'phase'");
            try {
                rules.add(new Rule(Pattern.compile(pattern), Phase.fromId(phase)));
            } catch (PatternSyntaxException e) {
                throw new IOException(file + ": rule " + i + " pattern '" + pattern + "' is not a regular expression: " + e.getDescription());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": rule " + i + ": " + e.getMessage());
            }
        }
        return new PhaseMapping(root.path("centre").asText(""), List.copyOf(rules));
    }

    Optional<Rule> match(String text) {
        if (text == null) return Optional.empty();
        return rules.stream().filter(r -> r.pattern().matcher(text).find()).findFirst();
    }
}
