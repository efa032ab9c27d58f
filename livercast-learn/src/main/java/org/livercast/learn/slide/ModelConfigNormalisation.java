package org.livercast.learn.slide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.livercast.learn.data.UnusableInputException;

/**
 * A network's normalisation as its publisher wrote it down beside the weights, so a user need not copy numbers: Hugging
 * Face's {@code preprocessor_config.json} ({@code image_mean}, {@code image_std}, {@code do_normalize}; Phikon), timm's
 * {@code config.json} ({@code pretrained_cfg.mean} / {@code std}; UNI, Virchow, H-optimus-0) or open_clip's
 * {@code open_clip_config.json} ({@code preprocess_cfg.mean} / {@code std}; CONCH-like models) — the first of them
 * found in the model file's folder. The numbers found, not the file, go into the encoder's id.
 */
public final class ModelConfigNormalisation {
    private ModelConfigNormalisation() {}

    /** The files looked for, in order. */
    static final List<String> FILES = List.of("preprocessor_config.json", "config.json", "open_clip_config.json");

    /**
     * @throws UnusableInputException naming the folder when none of the files is there or none states the statistics, or
     *     naming the file when its statistics are not three numbers on the [0, 1] scale
     */
    public static TileNormalisation of(Path modelFile) throws IOException {
        Path dir = modelFile.toAbsolutePath().getParent();
        ObjectMapper json = new ObjectMapper();
        for (String name : FILES) {
            Path f = dir.resolve(name);
            if (!Files.isRegularFile(f)) continue;
            JsonNode root;
            try {
                root = json.readTree(f.toFile());
            } catch (IOException e) {
                throw new UnusableInputException(f + ": not JSON: " + e.getMessage(), e);
            }
            Optional<TileNormalisation> found = statistics(f, root);
            if (found.isPresent()) return found.get();
        }
        throw new UnusableInputException(modelFile + ": --tile-encoder-normalise auto found no normalisation beside it (looked for "
                + String.join(", ", FILES) + " in " + dir + " with image_mean/image_std, pretrained_cfg.mean/std or preprocess_cfg.mean/std)");
    }

    private static Optional<TileNormalisation> statistics(Path file, JsonNode root) throws UnusableInputException {
        if (root.has("image_mean") || root.has("image_std")) {
            if (root.path("do_normalize").isBoolean() && !root.get("do_normalize").asBoolean()) return Optional.of(TileNormalisation.NONE);
            return Optional.of(parse(file, "image_mean", root.get("image_mean"), "image_std", root.get("image_std")));
        }
        for (String section : List.of("pretrained_cfg", "preprocess_cfg")) {
            JsonNode s = root.path(section);
            if (s.has("mean") || s.has("std")) return Optional.of(parse(file, section + ".mean", s.get("mean"), section + ".std", s.get("std")));
        }
        return Optional.empty();
    }

    private static TileNormalisation parse(Path file, String meanField, JsonNode mean, String stdField, JsonNode std) throws UnusableInputException {
        try {
            return TileNormalisation.parse(channels(meanField, mean) + "/" + channels(stdField, std));
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(file + ": " + meanField + " / " + stdField + ": " + e.getMessage(), e);
        }
    }

    private static String channels(String field, JsonNode values) {
        if (values == null || !values.isArray() || values.size() != 3) throw new IllegalArgumentException(field + " is not a list of 3 numbers (R, G, B)");
        StringBuilder s = new StringBuilder();
        for (JsonNode v : values) {
            if (!v.isNumber()) throw new IllegalArgumentException(field + " holds " + v + ", not a number");
            if (s.length() > 0) s.append(',');
            s.append(v.asText());
        }
        return s.toString();
    }
}
