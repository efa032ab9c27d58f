package org.livercast.pathology.slide;

import java.io.IOException;

/**
 * Region reads for any tiled slide, as OpenSlide paints them: a region whose level-0 offset is a whole number of level
 * pixels is copied from the tiles it covers; otherwise it is sampled bilinearly (OpenSlide paints through cairo; the
 * two agree within 1 per channel). Outside the level, black.
 */
public final class Regions {
    private Regions() {}

    /** A region of a level: whole level pixels copied from tiles, else bilinear between them. */
    public static RgbImage read(WholeSlide slide, RegionRequest r) throws IOException {
        if (r.level() < 0 || r.level() >= slide.levels().size()) {
            throw new IllegalArgumentException("level " + r.level() + " does not exist; the slide has " + slide.levels().size());
        }
        Level l = slide.levels().get(r.level());
        double lx = r.x() / l.downsample();
        double ly = r.y() / l.downsample();
        long ix = (long) Math.floor(lx);
        long iy = (long) Math.floor(ly);
        double fx = lx - ix;
        double fy = ly - iy;
        if (fx < 1e-9 && fy < 1e-9) return new RgbImage(r.width(), r.height(), copy(slide, l, ix, iy, r.width(), r.height()));
        int[] src = copy(slide, l, ix, iy, r.width() + 1, r.height() + 1);
        int sw = r.width() + 1;
        int[] out = new int[r.width() * r.height()];
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                int a = src[y * sw + x];
                int b = src[y * sw + x + 1];
                int c = src[(y + 1) * sw + x];
                int d = src[(y + 1) * sw + x + 1];
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double v = ((a >> shift & 0xFF) * (1 - fx) + (b >> shift & 0xFF) * fx) * (1 - fy)
                            + ((c >> shift & 0xFF) * (1 - fx) + (d >> shift & 0xFF) * fx) * fy;
                    rgb |= (int) Math.min(255, Math.round(v)) << shift;
                }
                out[y * r.width() + x] = rgb;
            }
        }
        return new RgbImage(r.width(), r.height(), out);
    }

    /**
     * Pixels [x, x+w) × [y, y+h) of level {@code l}, in the level's own pixels (not level-0 coordinates), copied from the
     * tiles they fall in — never resampled, whatever the level's downsample; outside the level, black. For writers that
     * re-tile a level.
     */
    public static int[] levelPixels(WholeSlide slide, Level l, long x, long y, int w, int h) throws IOException { return copy(slide, l, x, y, w, h); }

    /** Level pixels [x, x+w) × [y, y+h) from the tiles they fall in; outside the level, black. */
    private static int[] copy(WholeSlide slide, Level l, long x, long y, int w, int h) throws IOException {
        int[] out = new int[w * h];
        long x1 = Math.min(x + w, l.width());
        long y1 = Math.min(y + h, l.height());
        long x0 = Math.max(x, 0);
        long y0 = Math.max(y, 0);
        if (x0 >= x1 || y0 >= y1) return out;
        int tw = l.tileWidth();
        int th = l.tileHeight();
        for (long ty = y0 / th; ty * th < y1; ty++) {
            for (long tx = x0 / tw; tx * tw < x1; tx++) {
                int[] tile = slide.readTile(l.index(), (int) tx, (int) ty).pixels();
                long ax = Math.max(x0, tx * tw);
                long bx = Math.min(x1, (tx + 1) * tw);
                for (long yy = Math.max(y0, ty * th); yy < Math.min(y1, (ty + 1) * th); yy++) {
                    int srcRow = (int) (yy - ty * th) * tw;
                    System.arraycopy(tile, srcRow + (int) (ax - tx * tw), out, (int) ((yy - y) * w + (ax - x)), (int) (bx - ax));
                }
            }
        }
        return out;
    }

}
