package org.livercast.pathology.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Slide QC. On a low-resolution overview (short side ≥ 512 px): tissue (see {@link TissueMask}); folds — tissue twice
 * as dense: dark (value &lt; 0.45) and strongly saturated, not haematoxylin-blue (packed nuclei, {@link #isFold}); pen —
 * ink hues outside H&amp;E's pink–purple (green to cyan 75°–200°, blue 200°–255° brighter than haematoxylin-dense
 * tissue) or near-black neutral pixels ({@link #isInk}); faded stain — median tissue saturation below 40. Out of focus:
 * sharpness of up to 48 tissue tiles read near 1 µm/px, as the variance of the 3×3 Laplacian of grey values; tiles
 * under 30 are blurred. Rejected when tissue &lt; {@code minTissueMm2}, blur &gt; 20% of tiles, folds &gt; 10%, pen &gt;
 * 5% or faded.
 */
public final class SlideQc {
    public static final double MIN_TISSUE_MM2 = 1.0;
    static final double BLUR_VARIANCE = 30;
    static final double MAX_BLURRED = 0.20;
    static final double MAX_FOLD = 0.10;
    static final double MAX_PEN = 0.05;
    static final double MIN_SATURATION = 40;

    private SlideQc() {}

    public static QcReport assess(WholeSlide slide) throws IOException { return assess(slide, MIN_TISSUE_MM2); }

    public static QcReport assess(WholeSlide slide, double minTissueMm2) throws IOException {
        RgbImage overview = TileGrid.overview(slide, 512);
        TissueMask mask = TissueMask.of(overview);
        Level base = slide.levels().get(0);
        double mpp = slide.micronsPerPixel();
        double areaMm2 = Double.isNaN(mpp) ? Double.NaN : mask.fraction() * base.width() * base.height() * mpp * mpp / 1e6;
        int tissue = 0;
        int fold = 0;
        int pen = 0;
        List<Integer> saturations = new ArrayList<>();
        for (int i = 0; i < overview.pixels().length; i++) {
            int p = overview.pixels()[i];
            float[] hsv = java.awt.Color.RGBtoHSB(p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF, null);
            double hue = hsv[0] * 360;
            int sat = saturationOf(p);
            boolean ink = isInk(hue, hsv[1], hsv[2], sat);
            if (ink) pen++;
            if (!mask.tissue()[i]) continue;
            tissue++;
            saturations.add(sat);
            if (isFold(hue, hsv[1], hsv[2]) && !ink) fold++;
        }
        int[] sat = saturations.stream().mapToInt(Integer::intValue).sorted().toArray();
        double medianSat = sat.length == 0 ? 0 : sat[sat.length / 2];
        double blurred = blurredFraction(slide, mask);
        double foldFraction = tissue == 0 ? 0 : (double) fold / tissue;
        double penFraction = tissue == 0 ? 0 : Math.min(1, (double) pen / tissue);
        boolean faded = tissue > 0 && medianSat < MIN_SATURATION;
        List<String> reasons = new ArrayList<>();
        if (tissue == 0 || (!Double.isNaN(areaMm2) && areaMm2 < minTissueMm2)) {
            reasons.add(String.format(java.util.Locale.ROOT, "too little tissue (%.2f mm², minimum %.2f)", areaMm2, minTissueMm2));
        }
        if (blurred > MAX_BLURRED) reasons.add(String.format(java.util.Locale.ROOT, "out of focus: %.0f%% of tissue tiles blurred", 100 * blurred));
        if (foldFraction > MAX_FOLD) reasons.add(String.format(java.util.Locale.ROOT, "tissue folds over %.0f%% of tissue", 100 * foldFraction));
        if (penFraction > MAX_PEN) reasons.add(String.format(java.util.Locale.ROOT, "pen marks over %.0f%% of tissue area", 100 * penFraction));
        if (faded) reasons.add(String.format(java.util.Locale.ROOT, "faded stain (median tissue saturation %.0f, minimum %.0f)", medianSat, MIN_SATURATION));
        Macenko.Stains stains = null;
        try {
            stains = Macenko.estimate(overview);
        } catch (IllegalArgumentException noStain) {
            // reported as too little tissue or faded above
        }
        return new QcReport(areaMm2, mask.fraction(), blurred, foldFraction, penFraction, medianSat, faded, reasons.isEmpty(),
                List.copyOf(reasons), stains);
    }

    /**
     * Whether an overview tissue pixel is a fold: tissue twice as dense, so dark (value &lt; 0.45) and strongly saturated
     * in H&amp;E's own pink–purple. Dark haematoxylin-blue (200°–270°) is packed nuclei — lymphoid aggregates, tumour
     * emboli — not a fold: a fold doubles both stains and keeps the tissue's hue.
     */
    static boolean isFold(double hueDegrees, float saturation, float value) {
        return value < 0.45 && saturation > 0.45 && !(hueDegrees >= 200 && hueDegrees < 270);
    }

    /**
     * Whether an overview pixel is marker ink: green to cyan (75°–200°), blue (200°–255°) only when brighter than
     * haematoxylin-dense tissue (value &gt; 0.6) — lymphoid aggregates and sheets of crowded tumour nuclei are blue-purple
     * too, but dark (value 0.3–0.55), and were rejected as pen — or near-black and neutral (black marker).
     */
    static boolean isInk(double hueDegrees, float saturation, float value, int chroma) {
        boolean coloured = saturation > 0.25 && (hueDegrees >= 75 && hueDegrees < 200 || hueDegrees >= 200 && hueDegrees <= 255 && value > 0.6);
        return coloured || value < 0.2 && chroma < 40;
    }

    /** Laplacian variance of up to 48 tissue tiles read near 1 µm/px (level 0 when the slide has no MPP). */
    static double blurredFraction(WholeSlide slide, TissueMask mask) throws IOException {
        double mpp = slide.micronsPerPixel();
        List<TileGrid.Tile> tiles = TileGrid.of(slide, mask, Double.isNaN(mpp) ? 1 : Math.max(mpp, 1.0), 128, 0.9);
        if (tiles.isEmpty()) return 0;
        int step = Math.max(1, tiles.size() / 48);
        int blurred = 0;
        int n = 0;
        for (int i = 0; i < tiles.size(); i += step) {
            RgbImage t = TileGrid.read(slide, tiles.get(i));
            if (laplacianVariance(t) < BLUR_VARIANCE) blurred++;
            n++;
        }
        return (double) blurred / n;
    }

    static double laplacianVariance(RgbImage img) {
        int w = img.width();
        int h = img.height();
        double[] g = new double[w * h];
        for (int i = 0; i < g.length; i++) {
            int p = img.pixels()[i];
            g[i] = 0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF);
        }
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double l = g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4 * g[i];
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }

    static int saturationOf(int p) {
        int r = p >> 16 & 0xFF;
        int g = p >> 8 & 0xFF;
        int b = p & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
    }
}
