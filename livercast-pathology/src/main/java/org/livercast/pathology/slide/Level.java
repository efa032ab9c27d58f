package org.livercast.pathology.slide;

/** One pyramid level: size in pixels, downsample from level 0 (OpenSlide's definition), tile size, and its IFD. */
public record Level(int index, long width, long height, double downsample, int tileWidth, int tileHeight, int ifd) {
    public int tilesAcross() { return (int) ((width + tileWidth - 1) / tileWidth); }

    public int tilesDown() { return (int) ((height + tileHeight - 1) / tileHeight); }

    /** Fails naming this level's grid when (column, row) is not one of its tiles. */
    public void checkTile(int column, int row) {
        if (column < 0 || row < 0 || column >= tilesAcross() || row >= tilesDown()) {
            throw new IllegalArgumentException("tile (" + column + ", " + row + ") is outside level " + index + " (" + tilesAcross() + "x" + tilesDown() + " tiles)");
        }
    }

    /**
     * Whether a copy may keep this level's tiles: multiples of 16 (TIFF's rule for tiles, and whole JPEG MCUs), 64 to
     * 1,024 pixels a side. NDPI's restart intervals (8 rows) and odd sizes are not.
     */
    public boolean storableTiles() {
        return tileWidth % 16 == 0 && tileHeight % 16 == 0 && Math.min(tileWidth, tileHeight) >= 64 && Math.max(tileWidth, tileHeight) <= 1024;
    }

    /** This level cut into square tiles of {@code px} instead (for a copy that re-tiles it). */
    public Level withTiles(int px) { return new Level(index, width, height, downsample, px, px, ifd); }
}
