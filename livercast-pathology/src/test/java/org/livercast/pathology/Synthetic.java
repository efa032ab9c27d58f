package org.livercast.pathology;

import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.write.TileSource;

/** A procedural H&E-like slide for tests: pink stroma, purple nuclei blobs, white background, deterministic. */
public final class Synthetic {
    private Synthetic() {}

    public static TileSource slide(long width, long height) {
        return new TileSource() {
            public long width() { return width; }

            public long height() { return height; }

            public int[] read(long x, long y, int w, int h) {
                int[] out = new int[w * h];
                for (int j = 0; j < h; j++) for (int i = 0; i < w; i++) out[j * w + i] = pixel(x + i, y + j, width, height);
                return out;
            }
        };
    }

    /** Tissue is an ellipse filling the middle of the slide; inside, stroma with a nuclei pattern. */
    public static int pixel(long x, long y, long width, long height) {
        double dx = (x - width / 2.0) / (width * 0.38);
        double dy = (y - height / 2.0) / (height * 0.38);
        if (dx * dx + dy * dy > 1) return 0xF4F4F2;
        double n = Math.sin(x * 0.21) * Math.cos(y * 0.17) + Math.sin((x + y) * 0.05);
        // Pixel-scale texture (a deterministic hash), as in-focus tissue has at 1 µm/px; blur removes it.
        int grain = (int) ((mix(x, y) & 31) - 16);
        if (n > 1.1) return rgb(75 + grain, 42 + grain, 122 + grain);   // haematoxylin-dark nuclei
        return rgb(230 - (int) (10 * n) + grain / 2, 150 - (int) (20 * n) + grain, 190 - (int) (10 * n) + grain / 2);
    }

    /** The same tissue without its fine texture: what an out-of-focus scan looks like. */
    public static int blurredPixel(long x, long y, long width, long height) {
        double dx = (x - width / 2.0) / (width * 0.38);
        double dy = (y - height / 2.0) / (height * 0.38);
        if (dx * dx + dy * dy > 1) return 0xF4F4F2;
        double n = Math.sin(x * 0.21) * Math.cos(y * 0.17) + Math.sin((x + y) * 0.05);
        return rgb(230 - (int) (10 * n), 150 - (int) (20 * n), 190 - (int) (10 * n));
    }

    public static boolean inTissue(long x, long y, long width, long height) {
        double dx = (x - width / 2.0) / (width * 0.38);
        double dy = (y - height / 2.0) / (height * 0.38);
        return dx * dx + dy * dy <= 1;
    }

    static long mix(long x, long y) {
        long h = x * 0x9E3779B97F4A7C15L ^ y * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 32);
    }

    public static int rgb(int r, int g, int b) {
        return Math.max(0, Math.min(255, r)) << 16 | Math.max(0, Math.min(255, g)) << 8 | Math.max(0, Math.min(255, b));
    }

    public static RgbImage label(String text) {
        int w = 200;
        int h = 120;
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) px[i] = (i / w + i % w) % 17 == 0 ? 0x000000 : 0xFFFFFF;
        return new RgbImage(w, h, px);
    }
}
