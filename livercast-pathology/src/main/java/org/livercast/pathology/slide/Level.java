package org.livercast.pathology.slide;

/** One pyramid level: size in pixels, downsample from level 0 (OpenSlide's definition), tile size, and its IFD. */
public record Level(int index, long width, long height, double downsample, int tileWidth, int tileHeight, int ifd) {
    public int tilesAcross() { return (int) ((width + tileWidth - 1) / tileWidth); }

    public int tilesDown() { return (int) ((height + tileHeight - 1) / tileHeight); }
}
