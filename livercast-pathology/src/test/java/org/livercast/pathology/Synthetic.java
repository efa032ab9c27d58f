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
        if (n > 1.1) return 0x4B2A7A;           // haematoxylin-dark nuclei
        int r = 230 - (int) (10 * n);
        int g = 150 - (int) (20 * n);
        int b = 190 - (int) (10 * n);
        return r << 16 | g << 8 | b;
    }

    public static RgbImage label(String text) {
        int w = 200;
        int h = 120;
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) px[i] = (i / w + i % w) % 17 == 0 ? 0x000000 : 0xFFFFFF;
        return new RgbImage(w, h, px);
    }
}
