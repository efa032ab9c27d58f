package org.livercast.pathology.slide;

/**
 * A region as OpenSlide's read_region takes it: top-left (x, y) in level-0 pixels, width and height in pixels of
 * {@code level}. Immutable.
 */
public record RegionRequest(int level, long x, long y, int width, int height) {
    public RegionRequest {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("region " + width + "x" + height + " must be positive");
        if ((long) width * height > 100_000_000L) throw new IllegalArgumentException("region " + width + "x" + height + " is too large for one read");
    }
}
