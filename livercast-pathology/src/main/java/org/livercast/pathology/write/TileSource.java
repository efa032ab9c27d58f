package org.livercast.pathology.write;

/** Level-0 pixels on demand, so a slide of any size can be written with bounded memory. */
public interface TileSource {
    long width();

    long height();

    /** Packed RGB (0xRRGGBB) of the level-0 rectangle [x, x+w) × [y, y+h), row-major; always inside the image. */
    int[] read(long x, long y, int w, int h);
}
