package org.livercast.learn.slide;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.pathology.slide.RgbImage;

/**
 * How a user's network (TorchScript or ONNX) is read: the tile side it takes, how its tiles are normalised, and how its
 * output becomes one embedding per tile. All three change the embeddings, so all three are in the encoder's id
 * ({@link #idSuffix()}); the defaults — ImageNet's statistics, the model's own [N, D] output — add nothing to it.
 */
public record NetworkTiles(int sidePx, TileNormalisation normalisation, TokenPooling pooling) {
    public NetworkTiles {
        if (sidePx < 8 || sidePx > 4096) throw new IllegalArgumentException("input size " + sidePx + " px: expected 8 to 4096");
        java.util.Objects.requireNonNull(normalisation);
        java.util.Objects.requireNonNull(pooling);
    }

    /** {@code sidePx} tiles, ImageNet-normalised, the model's [N, D] output taken as it is. */
    public static NetworkTiles of(int sidePx) { return new NetworkTiles(sidePx, TileNormalisation.IMAGENET, TokenPooling.NONE); }

    public NetworkTiles withNormalisation(TileNormalisation n) { return new NetworkTiles(sidePx, n, pooling); }

    public NetworkTiles withPooling(TokenPooling p) { return new NetworkTiles(sidePx, normalisation, p); }

    /** Whether these are the defaults but for the side: what an encoder trained here (which reads pixels as they are) accepts. */
    boolean defaultReading() { return normalisation.equals(TileNormalisation.IMAGENET) && !pooling.poolsTokens(); }

    /** -Spx, then the normalisation and the pooling when they are not the defaults. */
    String idSuffix() { return "-" + sidePx + "px" + normalisation.idSuffix() + pooling.idSuffix(); }

    /** The network's input for these tiles: [N, 3, S, S], normalised. */
    float[] nchw(List<RgbImage> tiles) { return normalisation.nchw(tiles, sidePx); }

    /** The same, channels last: [N, S, S, 3]. */
    float[] nhwc(List<RgbImage> tiles) { return normalisation.nhwc(tiles, sidePx); }

    /** The output rank the network must give: 2 ([N, D]), or 3 ([N, T, D]) when its tokens are pooled here. */
    int outputRank() { return pooling.poolsTokens() ? 3 : 2; }

    /** Shape of the output the network must give, in words, for messages. */
    String expectedOutput() { return pooling.poolsTokens() ? "float [N, T, D] tokens" : "float [N, D]"; }

    /**
     * Each tile's embedding from the network's output for {@code tiles} tiles.
     *
     * @throws UnusableInputException naming the file when the output is not what these settings expect
     */
    float[][] embeddings(Path file, float[] flat, long[] shape, int tiles) throws UnusableInputException {
        if (shape.length != outputRank() || shape[0] != tiles) {
            throw new UnusableInputException(file + ": the model returned " + Arrays.toString(shape) + " for " + tiles + " tiles; expected "
                    + expectedOutput() + (pooling.poolsTokens() ? " (given --tile-encoder-tokens " + pooling + ")" : ""));
        }
        float[][] out = new float[tiles][];
        if (!pooling.poolsTokens()) {
            int d = (int) shape[1];
            for (int n = 0; n < tiles; n++) out[n] = Arrays.copyOfRange(flat, n * d, (n + 1) * d);
            return out;
        }
        int tokens = (int) shape[1];
        int d = (int) shape[2];
        try {
            for (int n = 0; n < tiles; n++) out[n] = pooling.pool(flat, n * tokens * d, tokens, d);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
