package org.livercast.learn.slide;

import java.util.List;
import org.livercast.pathology.slide.RgbImage;

/**
 * Turns one tissue tile into a fixed-length embedding. Embeddings are computed once per slide and cached
 * ({@link SlideBags}), keyed by the slide's content hash and the encoder's {@link #id()}, so an encoder must be
 * deterministic and change its id whenever its output would change.
 */
public interface TileEncoder extends AutoCloseable {
    String id();

    List<String> featureNames();

    default int dimension() { return featureNames().size(); }

    float[] embed(RgbImage tile);

    /**
     * The encoder for one slide's tiles, given the slide's overview (its whole tissue at low resolution): an encoder that
     * adapts to the slide's stain returns one that knows it, with the same id; the others return themselves.
     */
    default TileEncoder forSlide(RgbImage overview) { return this; }

    /** The file this encoder was read from and how, for a model's card; empty for the built-in features. */
    default java.util.Optional<TileEncoderSource> source() { return java.util.Optional.empty(); }

    /**
     * The slide's tiles and embeddings when they were computed elsewhere and are read, not computed here
     * ({@link ImportedTileFeatures}); empty for an encoder that embeds the slide's pixels.
     */
    default java.util.Optional<SlideBag> precomputed(java.nio.file.Path slide, String slideSha256) throws java.io.IOException {
        return java.util.Optional.empty();
    }

    /** Frees what a network encoder holds; nothing for the built-in one. */
    @Override
    default void close() {}

    /**
     * The encoder in a file: a contrastive encoder trained here ({@code livercast tile-encoder}), an ONNX model (a
     * {@code .onnx} file), else a TorchScript model; the last two take {@code inputPx}-pixel tiles normalised with
     * ImageNet's statistics and give [N, D] embeddings. A folder is tile features extracted elsewhere, one .h5 file a
     * slide ({@link ImportedTileFeatures}).
     */
    static TileEncoder load(java.nio.file.Path file, int inputPx) throws java.io.IOException {
        return load(file, NetworkTiles.of(inputPx));
    }

    /**
     * As {@link #load(java.nio.file.Path, int)}, a network read as {@code reading} says.
     *
     * @throws IllegalArgumentException when another normalisation or a token pooling is asked of an encoder trained here
     *     (it reads pixels as they are and gives embeddings)
     */
    static TileEncoder load(java.nio.file.Path file, NetworkTiles reading) throws java.io.IOException {
        if (java.nio.file.Files.isDirectory(file)) {
            if (!reading.defaultReading()) {
                throw new IllegalArgumentException(file + " is a folder of tile features computed elsewhere: a normalisation ("
                        + reading.normalisation() + ") or token pooling (" + reading.pooling() + ") applies to TorchScript and ONNX models");
            }
            return ImportedTileFeatures.open(file);
        }
        if (java.nio.file.Files.isRegularFile(file) && ContrastiveTileEncoder.isOne(file)) {
            if (!reading.defaultReading()) {
                throw new IllegalArgumentException(file + " is a tile encoder trained here, which reads the pixels as they are: a normalisation ("
                        + reading.normalisation() + ") or token pooling (" + reading.pooling() + ") applies to TorchScript and ONNX models");
            }
            return ContrastiveTileEncoder.load(file);
        }
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) return OnnxTileEncoder.load(file, reading);
        return TorchScriptTileEncoder.load(file, reading);
    }

    /** Feature names for a network's unnamed outputs: prefix_0 … prefix_(n−1). */
    static List<String> numberedFeatures(String prefix, int n) {
        List<String> names = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) names.add(prefix + i);
        return names;
    }

    /** Embeddings of several tiles, in order; encoders that run a network batch them. */
    default List<float[]> embedAll(List<RgbImage> tiles) {
        List<float[]> out = new java.util.ArrayList<>(tiles.size());
        for (RgbImage t : tiles) out.add(embed(t));
        return out;
    }
}
