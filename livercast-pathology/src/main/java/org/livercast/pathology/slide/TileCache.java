package org.livercast.pathology.slide;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small least-recently-used cache of decoded tiles, so neighbouring region reads do not decode a tile twice. */
public final class TileCache {
    /**
     * Tiles a slide keeps: enough for a region or a Deep Zoom tile spanning several slide tiles, and for its neighbours.
     * Not more: every kept tile (256 KiB for 256 px) is copied by each young collection, and 128 kept tiles made reading
     * 2,000 tiles in a row a third slower (2,400 against 3,500 tiles/s, bench/slides-vs-openslide.sh).
     */
    public static final int DEFAULT_CAPACITY = 32;

    public interface Loader {
        int[] load() throws IOException;
    }

    private final Map<Long, int[]> tiles;

    public TileCache(int capacity) {
        this.tiles = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, int[]> eldest) { return size() > capacity; }
        };
    }

    public int[] get(int level, int column, int row, Loader loader) throws IOException {
        long key = ((long) level << 48) | ((long) row << 24) | column;
        synchronized (tiles) {
            int[] t = tiles.get(key);
            if (t != null) return t;
        }
        int[] loaded = loader.load();
        synchronized (tiles) {
            tiles.put(key, loaded);
        }
        return loaded;
    }
}
