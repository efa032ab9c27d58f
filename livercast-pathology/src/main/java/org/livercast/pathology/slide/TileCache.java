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
        // One load per tile at a time: threads reading neighbouring regions need the same tile at the same moment (a
        // MIRAX or BIF tile is composed from several stored images), and each would otherwise decode it again.
        java.util.concurrent.FutureTask<int[]> mine = new java.util.concurrent.FutureTask<>(loader::load);
        java.util.concurrent.FutureTask<int[]> running = loading.putIfAbsent(key, mine);
        if (running != null) return result(running);
        try {
            mine.run();
            int[] loaded = result(mine);
            synchronized (tiles) {
                tiles.put(key, loaded);
            }
            return loaded;
        } finally {
            loading.remove(key);
        }
    }

    private final java.util.concurrent.ConcurrentHashMap<Long, java.util.concurrent.FutureTask<int[]>> loading = new java.util.concurrent.ConcurrentHashMap<>();

    private static int[] result(java.util.concurrent.FutureTask<int[]> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while another thread decoded the tile");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IOException(e.getCause());
        }
    }
}
