package org.livercast.pathology.slide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The levels OpenSlide gives a Hamamatsu JPEG slide: each stored image (an NDPI's directories, a VMS's grid of JPEGs
 * and its map) at 1, 1/2, 1/4 and 1/8 of its size — what libjpeg's scaled inverse DCT decodes directly, each tile at
 * that scale — ordered from the widest, where two are the same size the unscaled one kept. A VMS holds only its
 * full-size grid and a small map, a NanoZoomer's NDPI often levels 4× apart, so without these a view at half or a
 * quarter of a stored level's size would decode every tile of that level.
 */
public final class ScaledLevels {
    static final int[] DENOMINATORS = {1, 2, 4, 8};

    /** One stored image's geometry (a tile: a restart interval, or the whole image where it has none). */
    public record Stored(long width, long height, int tileWidth, int tileHeight, int ifd) {}

    /** A level: which stored image, at 1/denominator. */
    public record Source(int stored, int denominator) {}

    private ScaledLevels() {}

    /** The levels (index, size, downsample, tile size) and, at the same index, their sources. */
    public static List<Source> of(List<Stored> stored, List<Level> levelsOut) {
        record Candidate(Source source, long width, long height, int tw, int th) {}
        List<Candidate> all = new ArrayList<>();
        for (int s = 0; s < stored.size(); s++) {
            Stored st = stored.get(s);
            for (int d : DENOMINATORS) {
                // A tile must scale to whole pixels (the decoder rounds up; the grid would drift).
                if (st.tileWidth() % d != 0 || st.tileHeight() % d != 0) continue;
                all.add(new Candidate(new Source(s, d), ceilDiv(st.width(), d), ceilDiv(st.height(), d), st.tileWidth() / d, st.tileHeight() / d));
            }
        }
        all.sort(Comparator.comparingLong((Candidate c) -> -c.width()).thenComparingInt(c -> c.source().denominator()));
        List<Source> sources = new ArrayList<>();
        long w0 = all.get(0).width();
        long h0 = all.get(0).height();
        for (Candidate c : all) {
            if (!levelsOut.isEmpty() && levelsOut.get(levelsOut.size() - 1).width() == c.width()) continue;
            double downsample = ((double) w0 / c.width() + (double) h0 / c.height()) / 2;
            levelsOut.add(new Level(levelsOut.size(), c.width(), c.height(), downsample, c.tw(), c.th(), stored.get(c.source().stored()).ifd()));
            sources.add(c.source());
        }
        return sources;
    }

    private static long ceilDiv(long a, int b) { return (a + b - 1) / b; }
}
