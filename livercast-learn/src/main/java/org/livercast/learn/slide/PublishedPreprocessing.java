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
 * A network's preprocessing as its publisher wrote it down beside the weights, so a user need not copy numbers: Hugging
 * Face's {@code preprocessor_config.json} ({@code image_mean}, {@code image_std}, {@code do_normalize}, {@code crop_size} or
 * {@code size}; Phikon), timm's {@code config.json} ({@code pretrained_cfg.mean} / {@code std} / {@code input_size}; UNI,
 * Virchow, H-optimus-0) or open_clip's {@code open_clip_config.json} ({@code preprocess_cfg.mean} / {@code std},
 * {@code model_cfg.vision_cfg.image_size}; CONCH-like models) — the first of them that states it, in the model file's
 * folder. The numbers found, not the file, go into the encoder's id.
 */
public final class PublishedPreprocessing {
    private PublishedPreprocessing() {}

    /** The files looked for, in order. */
    static final List<String> FILES = List.of("preprocessor_config.json", "config.json", "open_clip_config.json");

    /** What a config file states, or empty; throws when what it states cannot be right. */
    private interface Reading<T> {
        Optional<T> from(Path file, JsonNode root) throws UnusableInputException;
    }

    /**
     * @throws UnusableInputException naming the folder when none of the files is there or none states the statistics, or
     *     naming the file when its statistics are not three numbers on the [0, 1] scale
     */
    public static TileNormalisation normalisation(Path modelFile) throws IOException {
        return first(modelFile, PublishedPreprocessing::statistics, "--tile-encoder-normalise auto found no normalisation",
                "image_mean/image_std, pretrained_cfg.mean/std or preprocess_cfg.mean/std");
    }

    /**
     * The square tile side the network takes.
     *
     * @throws UnusableInputException naming the folder when no file states it, or the file when its size is not square
     */
    public static int sidePx(Path modelFile) throws IOException {
        return first(modelFile, PublishedPreprocessing::side, "--tile-encoder-px auto found no input size",
                "crop_size or size, pretrained_cfg.input_size or model_cfg.vision_cfg.image_size");
    }

    private static <T> T first(Path modelFile, Reading<T> reading, String failure, String fields) throws IOException {
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
            Optional<T> found = reading.from(f, root);
            if (found.isPresent()) return found.get();
        }
        throw new UnusableInputException(modelFile + ": " + failure + " beside it (looked for " + String.join(", ", FILES) + " in " + dir
                + " with " + fields + ")");
    }

    private static Optional<Integer> side(Path file, JsonNode root) throws UnusableInputException {
        // Hugging Face: the crop is what reaches the network; size alone when there is no crop.
        for (String field : List.of("crop_size", "size")) {
            JsonNode s = root.get(field);
            if (s == null) continue;
            if (s.isInt()) return Optional.of(checked(file, field, s.asInt(), s.asInt()));
            if (s.has("height") || s.has("width")) return Optional.of(checked(file, field, s.path("height").asInt(-1), s.path("width").asInt(-1)));
            if (s.has("shortest_edge") && field.equals("size")) return Optional.of(checked(file, field, s.get("shortest_edge").asInt(-1), s.get("shortest_edge").asInt(-1)));
        }
        JsonNode timm = root.path("pretrained_cfg").get("input_size");
        if (timm != null) {
            if (!timm.isArray() || timm.size() != 3) throw new UnusableInputException(file + ": pretrained_cfg.input_size is " + timm + ", not [3, H, W]");
            return Optional.of(checked(file, "pretrained_cfg.input_size", timm.get(1).asInt(-1), timm.get(2).asInt(-1)));
        }
        JsonNode clip = root.path("model_cfg").path("vision_cfg").get("image_size");
        if (clip != null) return Optional.of(checked(file, "model_cfg.vision_cfg.image_size", clip.asInt(-1), clip.asInt(-1)));
        return Optional.empty();
    }

    private static int checked(Path file, String field, int height, int width) throws UnusableInputException {
        if (height != width) throw new UnusableInputException(file + ": " + field + " is " + height + " x " + width + " px; a tile is square");
        if (height < 8 || height > 4096) throw new UnusableInputException(file + ": " + field + " is " + height + " px; expected 8 to 4096");
        return height;
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
