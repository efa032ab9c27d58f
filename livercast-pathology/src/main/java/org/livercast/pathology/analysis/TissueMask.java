package org.livercast.pathology.analysis;

import java.util.ArrayDeque;
import org.livercast.pathology.slide.RgbImage;

/**
 * Tissue detection on a low-resolution image: saturation (max − min of RGB, 0–255), Otsu's threshold on it
 * (H&E tissue is coloured, glass and background are grey-white), then holes enclosed by tissue filled (lumina and
 * vessels are tissue for sampling purposes). Ink — hues outside H&amp;E's pink–purple (green to blue, as {@link SlideQc}
 * defines pen) — is left out of both the threshold and the mask: pen ink is far more saturated than stain, and counted
 * in, it would drag Otsu's threshold above the tissue itself.
 */
public record TissueMask(int width, int height, boolean[] tissue, int threshold) {
    public double fraction() {
        int n = 0;
        for (boolean b : tissue) if (b) n++;
        return (double) n / tissue.length;
    }

    public boolean at(int x, int y) { return tissue[y * width + x]; }

    public static TissueMask of(RgbImage img) {
        int n = img.pixels().length;
        int[] sat = new int[n];
        boolean[] ink = new boolean[n];
        int[] histogram = new int[256];
        for (int i = 0; i < n; i++) {
            int p = img.pixels()[i];
            int r = p >> 16 & 0xFF;
            int g = p >> 8 & 0xFF;
            int b = p & 0xFF;
            sat[i] = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
            ink[i] = isInk(r, g, b);
            if (!ink[i]) histogram[sat[i]]++;
        }
        // Never call faint noise tissue: a blank slide's Otsu threshold would split noise.
        int t = Math.max(Otsu.threshold(histogram), 15);
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) mask[i] = sat[i] > t && !ink[i];
        fillHoles(mask, img.width(), img.height());
        return new TissueMask(img.width(), img.height(), mask, t);
    }

    /** Green-to-blue hue (75–255°) with HSV saturation above 0.25: marker ink, never H&amp;E stain. */
    static boolean isInk(int r, int g, int b) {
        float[] hsv = java.awt.Color.RGBtoHSB(r, g, b, null);
        double hue = hsv[0] * 360;
        return hsv[1] > 0.25 && hue >= 75 && hue <= 255;
    }

    /** Background reachable from the border stays background; every other non-tissue pixel is a hole and is filled. */
    static void fillHoles(boolean[] mask, int w, int h) {
        boolean[] outside = new boolean[mask.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int x = 0; x < w; x++) {
            seed(mask, outside, queue, x);
            seed(mask, outside, queue, (h - 1) * w + x);
        }
        for (int y = 0; y < h; y++) {
            seed(mask, outside, queue, y * w);
            seed(mask, outside, queue, y * w + w - 1);
        }
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int x = i % w;
            int y = i / w;
            if (x > 0) seed(mask, outside, queue, i - 1);
            if (x < w - 1) seed(mask, outside, queue, i + 1);
            if (y > 0) seed(mask, outside, queue, i - w);
            if (y < h - 1) seed(mask, outside, queue, i + w);
        }
        for (int i = 0; i < mask.length; i++) if (!outside[i]) mask[i] = true;
    }

    private static void seed(boolean[] mask, boolean[] outside, ArrayDeque<Integer> q, int i) {
        if (!mask[i] && !outside[i]) {
            outside[i] = true;
            q.add(i);
        }
    }
}
