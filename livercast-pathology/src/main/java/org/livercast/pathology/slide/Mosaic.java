package org.livercast.pathology.slide;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One level of a slide painted, as OpenSlide's tile map paints it, from parts of stored images placed at their
 * positions: where parts overlap (a scanner's overlapping camera fields), the later part in the list is painted over
 * the earlier; what no part covers is the background colour. A part at a whole-pixel position is copied; one at a
 * fraction of a pixel (a BIF's mean advance, a MIRAX photo's position over a level's concatenation) is resampled as
 * cairo paints it — bilinear between the part's pixels, transparent beyond its edges, so its edge pixels are blended
 * over what lies beneath (a pixel only partly covered by any part keeps the part's colour, as OpenSlide's RGBA gives
 * it before its alpha is dropped). Served in square tiles of {@code tile} pixels. Formats whose images are not edge
 * to edge (MIRAX, Ventana BIF) describe their levels so.
 */
public final class Mosaic {
    /**
     * A part of stored image {@code image}: its pixels [srcX, srcX + width) × [srcY, srcY + height), painted at (x, y)
     * of the level.
     */
    public record Part(long image, int srcX, int srcY, double x, double y, int width, int height) {
        boolean whole() { return x == Math.rint(x) && y == Math.rint(y); }
    }

    /** Decodes a stored image (the slide caches them) into packed RGB, imageWidth × imageHeight. */
    public interface Images {
        int[] pixels(long image) throws IOException;
    }

    private final long width;
    private final long height;
    private final int imageWidth;
    private final int imageHeight;
    private final int background;
    private final int tile;
    private final List<Part> parts;
    private final Map<Long, int[]> partsByCell;

    /** @param parts in painting order; every stored image is imageWidth × imageHeight */
    public Mosaic(long width, long height, int imageWidth, int imageHeight, int background, int tile, List<Part> parts) {
        this.width = width;
        this.height = height;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.background = background;
        this.tile = tile;
        this.parts = List.copyOf(parts);
        this.partsByCell = cells();
    }

    public long width() { return width; }

    public long height() { return height; }

    public List<Part> parts() { return parts; }

    /** Each tile of the level → the parts that reach into it, in painting order. */
    private Map<Long, int[]> cells() {
        Map<Long, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            long c0 = Math.max(0, Math.floorDiv((long) Math.floor(p.x()), tile));
            long r0 = Math.max(0, Math.floorDiv((long) Math.floor(p.y()), tile));
            long c1 = Math.min((width - 1) / tile, Math.floorDiv((long) Math.ceil(p.x() + p.width()) - 1, tile));
            long r1 = Math.min((height - 1) / tile, Math.floorDiv((long) Math.ceil(p.y() + p.height()) - 1, tile));
            for (long r = r0; r <= r1; r++) {
                for (long c = c0; c <= c1; c++) lists.computeIfAbsent(r << 32 | c, k -> new ArrayList<>()).add(i);
            }
        }
        Map<Long, int[]> out = new HashMap<>();
        lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** Tile (column, row): the background, then each part reaching into it, in painting order. */
    public int[] tile(int column, int row, Images images) throws IOException {
        int[] inCell = partsByCell.get((long) row << 32 | column);
        if (inCell == null) {
            int[] out = new int[tile * tile];
            Arrays.fill(out, background);
            return out;
        }
        // Premultiplied ARGB, transparent where nothing is painted yet.
        int[] argb = new int[tile * tile];
        long x0 = (long) column * tile;
        long y0 = (long) row * tile;
        for (int i : inCell) {
            Part p = parts.get(i);
            if (p.whole()) copy(p, images, argb, x0, y0);
            else resample(p, images, argb, x0, y0);
        }
        for (int k = 0; k < argb.length; k++) argb[k] = opaque(argb[k], background);
        return argb;
    }

    /** A part at a whole-pixel position: its opaque pixels copied over what lies beneath. */
    private void copy(Part p, Images images, int[] argb, long x0, long y0) throws IOException {
        long px = (long) p.x();
        long py = (long) p.y();
        // The part's extent, within its image, the tile and the level.
        long ax0 = Math.max(Math.max(x0, px), px - p.srcX());
        long ay0 = Math.max(Math.max(y0, py), py - p.srcY());
        long ax1 = Math.min(Math.min(x0 + tile, px + p.width()), Math.min(width, px - p.srcX() + imageWidth));
        long ay1 = Math.min(Math.min(y0 + tile, py + p.height()), Math.min(height, py - p.srcY() + imageHeight));
        if (ax0 >= ax1 || ay0 >= ay1) return;
        int[] image = images.pixels(p.image());
        for (long y = ay0; y < ay1; y++) {
            int src = (int) ((y - py + p.srcY()) * imageWidth + (ax0 - px + p.srcX()));
            int dst = (int) ((y - y0) * tile + (ax0 - x0));
            for (int n = (int) (ax1 - ax0); n > 0; n--) argb[dst++] = 0xFF000000 | image[src++];
        }
    }

    /**
     * A part at a fraction of a pixel: each level pixel it reaches is the bilinear mix of the part's four pixels around
     * the pixel's centre (none beyond the part's edges: transparent there), painted over what lies beneath.
     */
    private void resample(Part p, Images images, int[] argb, long x0, long y0) throws IOException {
        int w = (int) Math.min(p.width(), imageWidth - p.srcX());
        int h = (int) Math.min(p.height(), imageHeight - p.srcY());
        long ax0 = Math.max(x0, (long) Math.floor(p.x()));
        long ay0 = Math.max(y0, (long) Math.floor(p.y()));
        long ax1 = Math.min(Math.min(x0 + tile, width), (long) Math.ceil(p.x() + w));
        long ay1 = Math.min(Math.min(y0 + tile, height), (long) Math.ceil(p.y() + h));
        if (ax0 >= ax1 || ay0 >= ay1) return;
        int[] image = images.pixels(p.image());
        for (long y = ay0; y < ay1; y++) {
            double sy = y - p.y();
            int j0 = (int) Math.floor(sy);
            double fy = sy - j0;
            for (long x = ax0; x < ax1; x++) {
                double sx = x - p.x();
                int i0 = (int) Math.floor(sx);
                double fx = sx - i0;
                double a = 0;
                double r = 0;
                double g = 0;
                double b = 0;
                for (int dj = 0; dj < 2; dj++) {
                    int j = j0 + dj;
                    if (j < 0 || j >= h) continue;
                    double wy = dj == 0 ? 1 - fy : fy;
                    for (int di = 0; di < 2; di++) {
                        int i = i0 + di;
                        if (i < 0 || i >= w) continue;
                        double wxy = wy * (di == 0 ? 1 - fx : fx);
                        int c = image[(p.srcY() + j) * imageWidth + p.srcX() + i];
                        a += wxy * 255;
                        r += wxy * (c >> 16 & 0xFF);
                        g += wxy * (c >> 8 & 0xFF);
                        b += wxy * (c & 0xFF);
                    }
                }
                int k = (int) ((y - y0) * tile + (x - x0));
                argb[k] = over((int) Math.round(a), (int) Math.round(r), (int) Math.round(g), (int) Math.round(b), argb[k]);
            }
        }
    }

    /** Premultiplied source (a, r, g, b) over premultiplied destination. */
    private static int over(int a, int r, int g, int b, int dst) {
        int keep = 255 - a;
        int da = (dst >>> 24) * keep;
        int dr = (dst >> 16 & 0xFF) * keep;
        int dg = (dst >> 8 & 0xFF) * keep;
        int db = (dst & 0xFF) * keep;
        return Math.min(255, a + div255(da)) << 24 | Math.min(255, r + div255(dr)) << 16 | Math.min(255, g + div255(dg)) << 8 | Math.min(255, b + div255(db));
    }

    /** x / 255 rounded, for x up to 255 × 255 (pixman's rounding). */
    private static int div255(int x) {
        int t = x + 128;
        return (t + (t >> 8)) >> 8;
    }

    /** A painted pixel as RGB: the background where nothing was painted, the colour unpremultiplied where partly covered. */
    private static int opaque(int argb, int background) {
        int a = argb >>> 24;
        if (a == 0) return background;
        if (a == 255) return argb & 0xFFFFFF;
        int r = Math.min(255, ((argb >> 16 & 0xFF) * 255 + a / 2) / a);
        int g = Math.min(255, ((argb >> 8 & 0xFF) * 255 + a / 2) / a);
        int b = Math.min(255, ((argb & 0xFF) * 255 + a / 2) / a);
        return r << 16 | g << 8 | b;
    }
}
