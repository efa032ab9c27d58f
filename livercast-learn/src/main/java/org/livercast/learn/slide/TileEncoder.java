package org.livercast.learn.slide;

import java.util.List;
import org.livercast.pathology.slide.RgbImage;

/**
 * Turns one tissue tile into a fixed-length embedding. Embeddings are computed once per slide and cached
 * ({@link SlideBags}), keyed by the slide's content hash and the encoder's {@link #id()}, so an encoder must be
 * deterministic and change its id whenever its output would change.
 */
public interface TileEncoder {
    String id();

    List<String> featureNames();

    default int dimension() { return featureNames().size(); }

    float[] embed(RgbImage tile);

    /** Embeddings of several tiles, in order; encoders that run a network batch them. */
    default List<float[]> embedAll(List<RgbImage> tiles) {
        List<float[]> out = new java.util.ArrayList<>(tiles.size());
        for (RgbImage t : tiles) out.add(embed(t));
        return out;
    }
}
