package org.livercast.pathology.slide;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One level of a slide painted, as OpenSlide's tile map paints it, from parts of stored images placed at whole-pixel
 * positions: where parts overlap (a scanner's overlapping camera fields), the later part in the list is painted over
 * the earlier; what no part covers is the background colour. Served in square tiles of {@code tile} pixels. Formats
 * whose images are not edge to edge (MIRAX, Ventana BIF) describe their levels so.
 */
public final class Mosaic {
    /**
     * A part of stored image {@code image}: its pixels [srcX, srcX + width) × [srcY, srcY + height), painted at (x, y)
     * of the level.
     */
    public record Part(long image, int srcX, int srcY, long x, long y, int width, int height) {}

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
            long c0 = Math.max(0, Math.floorDiv(p.x(), tile));
            long r0 = Math.max(0, Math.floorDiv(p.y(), tile));
            long c1 = Math.min((width - 1) / tile, Math.floorDiv(p.x() + p.width() - 1, tile));
            long r1 = Math.min((height - 1) / tile, Math.floorDiv(p.y() + p.height() - 1, tile));
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
        int[] out = new int[tile * tile];
        Arrays.fill(out, background);
        int[] inCell = partsByCell.get((long) row << 32 | column);
        if (inCell == null) return out;
        long x0 = (long) column * tile;
        long y0 = (long) row * tile;
        for (int i : inCell) {
            Part p = parts.get(i);
            // The part's extent, within its image, the tile and the level.
            long ax0 = Math.max(Math.max(x0, p.x()), p.x() - p.srcX());
            long ay0 = Math.max(Math.max(y0, p.y()), p.y() - p.srcY());
            long ax1 = Math.min(Math.min(x0 + tile, p.x() + p.width()), Math.min(width, p.x() - p.srcX() + imageWidth));
            long ay1 = Math.min(Math.min(y0 + tile, p.y() + p.height()), Math.min(height, p.y() - p.srcY() + imageHeight));
            if (ax0 >= ax1 || ay0 >= ay1) continue;
            int[] image = images.pixels(p.image());
            for (long y = ay0; y < ay1; y++) {
                int src = (int) ((y - p.y() + p.srcY()) * imageWidth + (ax0 - p.x() + p.srcX()));
                System.arraycopy(image, src, out, (int) ((y - y0) * tile + (ax0 - x0)), (int) (ax1 - ax0));
            }
        }
        return out;
    }
}
