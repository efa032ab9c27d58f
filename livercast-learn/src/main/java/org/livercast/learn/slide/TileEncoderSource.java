package org.livercast.learn.slide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.livercast.learn.data.UnusableInputException;

/**
 * Where a model's tile encoder was read from at training, and how: saved on the model's card (not in its id, which is
 * the content's), so {@code predict} and {@code recalibrate} open the same file with the same options without being told
 * again. The encoder's id still decides: a file changed since is refused by {@link SlideBags#forModel}.
 *
 * @param file the encoder file's absolute path at training, or the folder of tile features read instead ({@link ImportedTileFeatures})
 * @param sidePx the tile side a network took (0 for a folder of features)
 * @param normalisation as {@link TileNormalisation#parse} reads it (a name, or the statistics written out)
 * @param tokens as {@link TokenPooling#parse} reads it
 */
public record TileEncoderSource(String file, int sidePx, String normalisation, String tokens) {
    /** The source of an encoder read from a file; empty for the built-in features. */
    public static Optional<TileEncoderSource> of(TileEncoder encoder) {
        return encoder == null ? Optional.empty() : encoder.source();
    }

    static TileEncoderSource of(Path file, NetworkTiles reading) {
        return new TileEncoderSource(file.toAbsolutePath().normalize().toString(), reading.sidePx(), reading.normalisation().name(), reading.pooling().toString());
    }

    static TileEncoderSource ofFeatures(Path folder) {
        return new TileEncoderSource(folder.toAbsolutePath().normalize().toString(), 0, TileNormalisation.IMAGENET.name(), TokenPooling.NONE.toString());
    }

    private boolean features() { return sidePx == 0; }

    public NetworkTiles reading() {
        return NetworkTiles.of(sidePx).withNormalisation(TileNormalisation.parse(normalisation)).withPooling(TokenPooling.parse(tokens));
    }

    /**
     * The encoder again, from the file it was read from.
     *
     * @throws UnusableInputException when the file is no longer there, saying how to give it
     */
    public TileEncoder load() throws IOException {
        Path f = Path.of(file);
        if (features()) {
            if (!Files.isDirectory(f)) {
                throw new UnusableInputException("the model's tile features were read from " + file + ", which is no longer there: give the folder with " + options());
            }
            return ImportedTileFeatures.open(f);
        }
        if (!Files.isRegularFile(f)) {
            throw new UnusableInputException("the model's tile encoder was read from " + file + ", which is no longer there: give it with " + options());
        }
        return TileEncoder.load(f, reading());
    }

    /** The command-line options that read this encoder. */
    public String options() {
        if (features()) return "--tile-encoder DIR (a folder of TRIDENT or CLAM .h5 tile features)";
        return "--tile-encoder FILE --tile-encoder-px " + sidePx + " --tile-encoder-normalise " + normalisation + " --tile-encoder-tokens " + tokens;
    }
}
