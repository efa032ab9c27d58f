package org.livercast.learn.slide;

import java.util.List;
import org.livercast.pathology.analysis.Macenko;
import org.livercast.pathology.slide.RgbImage;

/**
 * A deterministic, training-free tile encoder from stain chemistry: each pixel is unmixed into haematoxylin (nuclei)
 * and eosin (cytoplasm, stroma) amounts with the reference H&amp;E optical-density vectors (colour deconvolution, Ruifrok
 * and Johnston 2001), and the tile is summarised by what pathologists grade on — how much nuclear material and how
 * dark (grade, lymphocytes: the H histogram), how much cytoplasm, empty space (sinusoids, necrosis, lumen), nuclear
 * texture, and nuclear boundary density (many small nuclei vs few large ones). It needs no weights, so it is the
 * default; a learned or foundation-model encoder plugs in through {@link TileEncoder}.
 */
public final class HistologyFeatureEncoder implements TileEncoder {
    private static final double[] H_LEVELS = {0.5, 1.0, 1.5, 2.0, 2.5};
    private static final double[] E_LEVELS = {0.25, 0.5, 0.75};
    private static final List<String> NAMES = List.of("h_mean", "h_sd", "e_mean", "e_sd", "h_above_0.5", "h_above_1.0", "h_above_1.5",
            "h_above_2.0", "h_above_2.5", "e_above_0.25", "e_above_0.5", "e_above_0.75", "background", "h_gradient", "nuclear_boundary_density",
            "nuclear_area_per_boundary");
    private final double[][] unmix = pseudoInverse();

    @Override public String id() { return "histology-features-v1"; }

    @Override public List<String> featureNames() { return NAMES; }

    @Override
    public float[] embed(RgbImage tile) {
        int w = tile.width();
        int h = tile.height();
        int n = w * h;
        double[] hc = new double[n];
        double sumH = 0, ssH = 0, sumE = 0, ssE = 0;
        int[] hAbove = new int[H_LEVELS.length];
        int[] eAbove = new int[E_LEVELS.length];
        int background = 0;
        for (int i = 0; i < n; i++) {
            int p = tile.pixels()[i];
            double r = od(p >> 16 & 0xFF);
            double g = od(p >> 8 & 0xFF);
            double b = od(p & 0xFF);
            double ch = unmix[0][0] * r + unmix[0][1] * g + unmix[0][2] * b;
            double ce = unmix[1][0] * r + unmix[1][1] * g + unmix[1][2] * b;
            hc[i] = ch;
            sumH += ch;
            ssH += ch * ch;
            sumE += ce;
            ssE += ce * ce;
            for (int k = 0; k < H_LEVELS.length; k++) if (ch > H_LEVELS[k]) hAbove[k]++;
            for (int k = 0; k < E_LEVELS.length; k++) if (ce > E_LEVELS[k]) eAbove[k]++;
            if (r + g + b < 0.3) background++;
        }
        double gradient = 0;
        int boundary = 0;
        int nuclear = hAbove[1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                int i = y * w + x;
                gradient += Math.abs(hc[i + 1] - hc[i]);
                if ((hc[i] > 1.0) != (hc[i + 1] > 1.0)) boundary++;
            }
        }
        double meanH = sumH / n;
        double meanE = sumE / n;
        float[] f = new float[NAMES.size()];
        int o = 0;
        f[o++] = (float) meanH;
        f[o++] = (float) Math.sqrt(Math.max(0, ssH / n - meanH * meanH));
        f[o++] = (float) meanE;
        f[o++] = (float) Math.sqrt(Math.max(0, ssE / n - meanE * meanE));
        for (int c : hAbove) f[o++] = (float) c / n;
        for (int c : eAbove) f[o++] = (float) c / n;
        f[o++] = (float) background / n;
        f[o++] = (float) (gradient / Math.max(1, (long) (w - 1) * h));
        f[o++] = (float) boundary / n;
        // Nuclear area per unit of boundary grows with nuclear size (area / perimeter ∝ radius).
        f[o] = (float) (boundary == 0 ? 0 : (double) nuclear / boundary);
        return f;
    }

    /** Optical density of each 8-bit level, worked out once: three logarithms per pixel were most of a tile's cost. */
    private static final double[] OPTICAL_DENSITY = new double[256];

    static {
        for (int v = 0; v < 256; v++) OPTICAL_DENSITY[v] = -Math.log((v + 1) / 256.0);
    }

    private static double od(int v) { return OPTICAL_DENSITY[v]; }

    /** (MᵀM)⁻¹Mᵀ of the 3×2 reference stain matrix: OD (r, g, b) → (H, E). */
    private static double[][] pseudoInverse() {
        double[][] m = Macenko.REFERENCE_HE;
        double a = 0, b = 0, d = 0;
        for (int i = 0; i < 3; i++) {
            a += m[i][0] * m[i][0];
            b += m[i][0] * m[i][1];
            d += m[i][1] * m[i][1];
        }
        double det = a * d - b * b;
        double[][] inv = {{d / det, -b / det}, {-b / det, a / det}};
        double[][] out = new double[2][3];
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) out[r][c] = inv[r][0] * m[c][0] + inv[r][1] * m[c][1];
        return out;
    }
}
