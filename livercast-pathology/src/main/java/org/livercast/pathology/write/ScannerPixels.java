package org.livercast.pathology.write;

import java.io.IOException;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.WholeSlide;

/**
 * What a scanner's model writes from a source slide: the glass it photographs (the source's level-0 pixels, white
 * beyond the source), and a higher level's image from four of the level below (side by side, halved).
 */
final class ScannerPixels {
    static final int WHITE = 0xFFFFFF;

    private ScannerPixels() {}

    /** Pixels of level {@code l} of the source, white beyond its edge (glass). */
    static int[] levelPixels(WholeSlide slide, Level l, long x, long y, int w, int h) throws IOException {
        int[] out = Regions.levelPixels(slide, l, x, y, w, h);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                if (x + i >= l.width() || y + j >= l.height()) out[j * w + i] = WHITE;
            }
        }
        return out;
    }

    /** The source's level whose downsample is nearest {@code downsample} (by ratio): what a scanner's smaller image is made from. */
    static Level nearestLevel(WholeSlide slide, double downsample) {
        Level best = slide.levels().get(0);
        for (Level l : slide.levels()) {
            if (Math.abs(Math.log(l.downsample() / downsample)) < Math.abs(Math.log(best.downsample() / downsample))) best = l;
        }
        return best;
    }

    /** Four images (top left, top right, bottom left, bottom right; null = fill) side by side, halved by 2 × 2 means. */
    static int[] halve(int[][] quads, int px) {
        int[] out = new int[px * px];
        int half = px / 2;
        for (int q = 0; q < 4; q++) {
            int[] src = quads[q];
            int ox = (q % 2) * half;
            int oy = (q / 2) * half;
            for (int y = 0; y < half; y++) {
                for (int x = 0; x < half; x++) {
                    int v;
                    if (src == null) {
                        v = WHITE;
                    } else {
                        int a = src[2 * y * px + 2 * x];
                        int b = src[2 * y * px + 2 * x + 1];
                        int c = src[(2 * y + 1) * px + 2 * x];
                        int d = src[(2 * y + 1) * px + 2 * x + 1];
                        v = 0;
                        for (int s = 16; s >= 0; s -= 8) v |= (((a >> s & 0xFF) + (b >> s & 0xFF) + (c >> s & 0xFF) + (d >> s & 0xFF) + 2) / 4) << s;
                    }
                    out[(oy + y) * px + ox + x] = v;
                }
            }
        }
        return out;
    }

}
