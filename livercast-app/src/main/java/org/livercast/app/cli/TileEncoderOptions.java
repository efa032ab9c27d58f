package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.livercast.learn.slide.PublishedPreprocessing;
import org.livercast.learn.slide.NetworkTiles;
import org.livercast.learn.slide.TileEncoder;
import org.livercast.learn.slide.TileNormalisation;
import org.livercast.learn.slide.TokenPooling;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The tile encoder a slide-reading model is trained with, or was (train, predict, recalibrate share these options): a
 * file, the tile side a network takes, how its tiles are normalised and how a transformer's tokens are pooled. All three
 * are part of the encoder's id, and the model's card records them with the file, so predict and recalibrate open the
 * same encoder unless told otherwise — and refuse any other.
 */
final class TileEncoderOptions {
    @Option(names = "--tile-encoder", paramLabel = "FILE|DIR", description = "Slide tiles' encoder when it is not the built-in histology "
            + "features: one trained here by `livercast tile-encoder`, a TorchScript model (e.g. a pathology foundation model exported with "
            + "torch.jit.trace), an ONNX model (a .onnx file, run by ONNX Runtime), or a folder of tile features extracted elsewhere, one "
            + "HDF5 file a slide named after it (TRIDENT's features_<encoder>/, CLAM's h5_files/ named after the encoder, or `livercast "
            + "tile-features`' output). predict and recalibrate open the one the model's card records unless given one, which must be that very "
            + "encoder (checked by the file's hash and the options; for features, the encoder's name, their width and tiling).") Path file;

    @Option(names = "--tile-encoder-px", defaultValue = "224", paramLabel = "N|auto",
            description = "The input side a TorchScript or ONNX --tile-encoder takes; tiles are resized to it (default ${DEFAULT-VALUE}; "
                    + "auto: as the model's config beside it says, e.g. 448 for a CONCH-like open_clip model).") String side;

    @Option(names = "--tile-encoder-normalise", defaultValue = "imagenet", paramLabel = "imagenet|clip|none|auto|R,G,B/R,G,B",
            description = "How a TorchScript or ONNX --tile-encoder wants its [0, 1] RGB tiles normalised: with ImageNet's mean and "
                    + "standard deviation (default; UNI, Virchow, CTransPath, Phikon), OpenAI CLIP's (CONCH-like models), not at all (an "
                    + "export that normalises inside), as the model's own config beside it says (auto: Hugging Face's "
                    + "preprocessor_config.json, timm's config.json or open_clip's open_clip_config.json), or with the model's own "
                    + "per-channel mean/std on the [0, 1] scale (e.g. 0.707223,0.578729,0.703617/0.211883,0.230117,0.177517).") String normalise;

    @Option(names = "--tile-encoder-tokens", defaultValue = "none", paramLabel = "none|cls|mean[:K]|cls+mean[:K]",
            description = "For a TorchScript or ONNX --tile-encoder that gives a transformer's tokens [N, T, D] rather than embeddings "
                    + "[N, D] (e.g. a ViT exported with its last_hidden_state): the class token (Phikon, UNI), the mean of the tokens "
                    + "after the first K (class and register tokens; default K 1), or both side by side (Virchow: cls+mean:5). "
                    + "Default none: the model's own [N, D] output.") String tokens;

    boolean given() { return file != null; }

    /**
     * The encoder for the model in {@code modelFolder}: the one given, else the one its card records it was trained with
     * (the same file and options, so they need not be given again), else null (the built-in features).
     */
    TileEncoder loadFor(CommandSpec spec, Path modelFolder) throws IOException {
        TileEncoder given = load(spec);
        if (given != null) return given;
        var recorded = org.livercast.learn.model.ModelStore.card(modelFolder).tileEncoder();
        return recorded == null ? null : recorded.load();
    }

    /** The encoder, or null when none was given (the built-in features); an unusable option is a usage error naming it. */
    TileEncoder load(CommandSpec spec) throws IOException {
        NetworkTiles reading;
        try {
            boolean auto = normalise.strip().equalsIgnoreCase("auto");
            if (auto && file == null) throw new ParameterException(spec.commandLine(), "--tile-encoder-normalise auto reads the --tile-encoder's config, and none was given");
            if (auto && java.nio.file.Files.isDirectory(file)) throw featuresRead(spec, "--tile-encoder-normalise auto");
            // auto: the numbers in the model's config (a file that cannot be read is rejected input, exit 3, naming it).
            TileNormalisation normalisation = auto ? PublishedPreprocessing.normalisation(file)
                    : option(spec, "--tile-encoder-normalise", () -> TileNormalisation.parse(normalise));
            reading = NetworkTiles.of(sidePx(spec)).withNormalisation(normalisation).withPooling(option(spec, "--tile-encoder-tokens", () -> TokenPooling.parse(tokens)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tile-encoder-px " + e.getMessage());
        }
        if (file == null) {
            if (!reading.normalisation().equals(TileNormalisation.IMAGENET) || reading.pooling().poolsTokens()) {
                throw new ParameterException(spec.commandLine(), "--tile-encoder-normalise and --tile-encoder-tokens apply to a --tile-encoder network, and none was given");
            }
            return null;
        }
        try {
            return TileEncoder.load(file, reading);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tile-encoder " + e.getMessage());
        }
    }

    /** The side given, or the one the model's config states (auto). */
    private int sidePx(CommandSpec spec) throws IOException {
        if (side.strip().equalsIgnoreCase("auto")) {
            if (file == null) throw new ParameterException(spec.commandLine(), "--tile-encoder-px auto reads the --tile-encoder's config, and none was given");
            if (java.nio.file.Files.isDirectory(file)) throw featuresRead(spec, "--tile-encoder-px auto");
            return PublishedPreprocessing.sidePx(file);
        }
        try {
            return Integer.parseInt(side.strip());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--tile-encoder-px: a number of pixels or auto, not '" + side + "'");
        }
    }

    /** A folder of features computed elsewhere has no network to read a config of: its tiles were read when they were extracted. */
    private ParameterException featuresRead(CommandSpec spec, String option) {
        return new ParameterException(spec.commandLine(), option + " reads a network's config, and " + file
                + " is a folder of tile features computed elsewhere: their side and normalisation were the extracting tool's");
    }

    private static <T> T option(CommandSpec spec, String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), name + " " + e.getMessage());
        }
    }

    /** For a refusal: what was given, in the words of the options. */
    String describe() {
        if (file == null) return "(not given: the built-in features)";
        return file + " at " + side + " px, normalised " + normalise + ", tokens " + tokens;
    }
}
