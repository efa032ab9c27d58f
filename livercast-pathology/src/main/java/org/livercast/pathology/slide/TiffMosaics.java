package org.livercast.pathology.slide;

import java.io.IOException;
import java.util.List;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffFile;

/**
 * The levels of a tiled TIFF whose stored tiles are not edge to edge but placed as a {@link Mosaic} says (a Ventana
 * BIF's stitched areas, a Trestle slide's overlapping tiles): each stored tile decoded once into a cache, the level
 * served in the mosaic's square tiles, each composed once into a second cache.
 */
public final class TiffMosaics {
    private final TiffFile tiff;
    private final List<Level> levels;
    private final List<Ifd> directories;
    private final List<Mosaic> mosaics;
    private final TileCache composed = new TileCache(TileCache.DEFAULT_CAPACITY);
    private final TileCache decoded;
    private final int tile;

    /** @param levels the levels served, each from its directory and mosaic; {@code mosaicTile} pixels a served tile's side */
    public TiffMosaics(TiffFile tiff, List<Level> levels, List<Ifd> directories, List<Mosaic> mosaics, int mosaicTile) {
        this.tiff = tiff;
        this.levels = List.copyOf(levels);
        this.directories = List.copyOf(directories);
        this.mosaics = List.copyOf(mosaics);
        Ifd level0 = directories.get(0);
        // as many stored pixels as the composed tiles hold: a 1,024-px BIF tile is 16 of them
        this.decoded = new TileCache(Math.max(4, TileCache.DEFAULT_CAPACITY * mosaicTile * mosaicTile / (level0.tileWidth() * level0.tileHeight())));
        this.tile = mosaicTile;
    }

    /** Level {@code level}'s served tile (column, row), composed from the stored tiles that reach into it; one outside the level fails by name. */
    public RgbImage tile(int level, int column, int row) throws IOException {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        levels.get(level).checkTile(column, row);
        Ifd ifd = directories.get(level);
        long across = (ifd.width() + ifd.tileWidth() - 1) / ifd.tileWidth();
        return new RgbImage(tile, tile, composed.get(level, column, row, () -> mosaics.get(level).tile(column, row,
                n -> decoded.get(level, (int) (n % across), (int) (n / across),
                        () -> TiffSlide.decodeTile(tiff, ifd, (int) (n % across), (int) (n / across), "level " + level)))));
    }
}
