package org.livercast.learn.slide;

import java.util.List;

/**
 * A slide as multiple-instance input: its tissue tiles (level-0 position and size, for the heat map) and one embedding
 * per tile, with the slide's content hash and the encoder that made them.
 */
public record SlideBag(String slideSha256, String encoderId, List<TileRef> tiles, float[][] embeddings) {
    public record TileRef(long x, long y, long sizeLevel0) {}

    public int size() { return tiles.size(); }
}
