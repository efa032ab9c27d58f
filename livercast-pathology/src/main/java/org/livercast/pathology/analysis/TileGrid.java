package org.livercast.pathology.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Tiles at a physical resolution (e.g. 0.5 µm/px, 256 px = 128 µm) over the tissue: the level whose resolution is
 * closest at or below the target is read, each tile covers the level-0 square that maps to the requested size, and
 * tiles whose tissue fraction (from the low-resolution mask) is below the minimum are dropped.
 */
public final class TileGrid {
    private TileGrid() {}

    /** A tile in level-0 coordinates, the level to read it from and the size to read, and its tissue fraction. */
    public record Tile(long x, long y, long sizeLevel0, int level, int readSize, double tissueFraction) {}

    public static List<Tile> of(WholeSlide slide, TissueMask mask, double targetMpp, int tileSizePx, double minTissue) {
        double mpp0 = slide.micronsPerPixel();
        if (Double.isNaN(mpp0)) throw new IllegalArgumentException("the slide has no microns-per-pixel: cannot tile at " + targetMpp + " µm/px");
        double wantDownsample = targetMpp / mpp0;
        Level level = slide.levels().get(0);
        for (Level l : slide.levels()) if (l.downsample() <= wantDownsample * 1.01) level = l;
        long size0 = Math.round(tileSizePx * wantDownsample);
        int readSize = (int) Math.round(size0 / level.downsample());
        Level base = slide.levels().get(0);
        double mx = (double) mask.width() / base.width();
        double my = (double) mask.height() / base.height();
        List<Tile> out = new ArrayList<>();
        for (long y = 0; y + size0 <= base.height(); y += size0) {
            for (long x = 0; x + size0 <= base.width(); x += size0) {
                int x0 = (int) Math.floor(x * mx);
                int y0 = (int) Math.floor(y * my);
                int x1 = Math.max(x0 + 1, (int) Math.ceil((x + size0) * mx));
                int y1 = Math.max(y0 + 1, (int) Math.ceil((y + size0) * my));
                int in = 0;
                int all = 0;
                for (int j = y0; j < Math.min(y1, mask.height()); j++) {
                    for (int i = x0; i < Math.min(x1, mask.width()); i++) {
                        all++;
                        if (mask.at(i, j)) in++;
                    }
                }
                double f = all == 0 ? 0 : (double) in / all;
                if (f >= minTissue) out.add(new Tile(x, y, size0, level.index(), readSize, f));
            }
        }
        return out;
    }

    public static RgbImage read(WholeSlide slide, Tile t) throws IOException {
        return slide.readRegion(new RegionRequest(t.level(), t.x(), t.y(), t.readSize(), t.readSize()));
    }

    /** The lowest-resolution level no smaller than {@code minSide} on its short side, for masks and QC overviews. */
    public static RgbImage overview(WholeSlide slide, int minSide) throws IOException {
        Level pick = slide.levels().get(0);
        for (Level l : slide.levels()) if (Math.min(l.width(), l.height()) >= minSide) pick = l;
        return slide.readRegion(new RegionRequest(pick.index(), 0, 0, (int) pick.width(), (int) pick.height()));
    }
}
