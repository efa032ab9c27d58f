package org.livercast.learn.slide;

import java.util.List;

/**
 * A slide as multiple-instance input: its tissue tiles (level-0 position and size, for the heat map) and one embedding
 * per tile, with the slide's content hash and the encoder that made them.
 */
public record SlideBag(String slideSha256, String encoderId, List<TileRef> tiles, float[][] embeddings) {
    public record TileRef(long x, long y, long sizeLevel0) {}

    public int size() { return tiles.size(); }

    /**
     * At most {@code maxTiles} of the tiles, in their order: the same ones every time for this slide (drawn with its hash as
     * the seed), so a training run is repeatable and its tiles do not depend on which patients it holds.
     */
    public SlideBag sample(int maxTiles) {
        if (size() <= maxTiles) return this;
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Random random = new java.util.Random(Long.parseUnsignedLong(slideSha256.substring(0, 15), 16));
        // The first maxTiles places of a Fisher–Yates shuffle: a uniform draw without replacement.
        for (int i = 0; i < maxTiles; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] kept = java.util.Arrays.copyOf(order, maxTiles);
        java.util.Arrays.sort(kept);
        List<TileRef> keptTiles = new java.util.ArrayList<>(maxTiles);
        float[][] keptEmbeddings = new float[maxTiles][];
        for (int i = 0; i < maxTiles; i++) {
            keptTiles.add(tiles.get(kept[i]));
            keptEmbeddings[i] = embeddings[kept[i]];
        }
        return new SlideBag(slideSha256, encoderId, List.copyOf(keptTiles), keptEmbeddings);
    }
}
