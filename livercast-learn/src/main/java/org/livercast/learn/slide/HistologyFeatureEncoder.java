package org.livercast.learn.slide;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.livercast.pathology.analysis.Macenko;
import org.livercast.pathology.slide.RgbImage;

/**
 * A deterministic, training-free tile encoder from stain chemistry: each pixel is unmixed into haematoxylin (nuclei)
 * and eosin (cytoplasm, stroma) amounts (colour deconvolution, Ruifrok and Johnston 2001), and the tile is summarised by
 * what pathologists grade on — how much nuclear material and how dark (grade, lymphocytes: the H histogram), how much
 * cytoplasm, empty space (sinusoids, necrosis, lumen), nuclear texture, and nuclear boundary density (many small nuclei
 * vs few large ones) — and, from version 3 on, by the one shape finding histograms cannot carry: cell clusters floating
 * in a lumen, a tumour embolus ({@link LumenClusters}). It needs no weights, so it is the default; a learned or
 * foundation-model encoder plugs in through {@link TileEncoder}.
 *
 * <p>Versions (a model records the id it was trained with, and {@link #withId} reads any of them):
 * <ul>
 *   <li>v1: the 16 histogram features, every slide unmixed with the reference stain vectors;
 *   <li>v2: v1 with each slide's own stain vectors (below);
 *   <li>v3, the default: v1 and the two lumen-cluster features. On a 600-slide cohort no v1 feature moved by more than
 *       0.25 SD at an invaded vessel, the lumen clusters by 1.0 SD (and by −0.05 at an uninvolved one: BENCHMARKS.md);
 *   <li>v4: v3 with each slide's own stain vectors ({@code livercast train --stain-normalise}).
 * </ul>
 *
 * <p>Stain normalisation (v2, v4): each slide's tiles unmixed with that slide's own stain vectors, estimated by Macenko's
 * method on its overview, so a centre's hue of haematoxylin or eosin no longer reads as other tissue. The amounts are not
 * rescaled to a reference maximum as Macenko et al. do: a slide's 99th-percentile haematoxylin is its densest nuclei
 * (lymphoid aggregates, high grade), and scaling it away erased that signal. Measured on a 600-slide cohort
 * (BENCHMARKS.md): the reference vectors carry each centre's stain into the features (the held-out centre's slides up to
 * 1.2 SD from the others', StainShiftProbe), so a regression on them does not transfer, and normalising fixes that; but
 * the network's held-out AUC is the same either way and its attention singles out the lymphoid aggregates less (the
 * slide's own H vector leans toward their blue), so the reference vectors stay the default.
 */
public final class HistologyFeatureEncoder implements TileEncoder {
    static final String REFERENCE_ID = "histology-features-v1";
    static final String NORMALISED_ID = "histology-features-v2";
    static final String REFERENCE_CLUSTERS_ID = "histology-features-v3";
    static final String NORMALISED_CLUSTERS_ID = "histology-features-v4";
    private static final double[] H_LEVELS = {0.5, 1.0, 1.5, 2.0, 2.5};
    private static final double[] E_LEVELS = {0.25, 0.5, 0.75};
    private static final List<String> NAMES = List.of("h_mean", "h_sd", "e_mean", "e_sd", "h_above_0.5", "h_above_1.0", "h_above_1.5",
            "h_above_2.0", "h_above_2.5", "e_above_0.25", "e_above_0.5", "e_above_0.75", "background", "h_gradient", "nuclear_boundary_density",
            "nuclear_area_per_boundary");
    private static final List<String> CLUSTER_NAMES = List.of("lumen_cluster_fraction", "lumen_cluster_h");
    private static final double[] REFERENCE_H = column(Macenko.REFERENCE_HE, 0);
    private static final double[] REFERENCE_E = column(Macenko.REFERENCE_HE, 1);

    /**
     * Real H and E directions are 15–25° apart in optical-density space (the reference's 22°; the synthetic slides'
     * overviews 14–25°); two estimates closer than this are one stain read twice, and unmixing with them is ill-posed.
     */
    static final double MIN_STAIN_ANGLE_DEGREES = 8;

    private final boolean stainNormalised;
    private final boolean lumenClusters;
    /** OD (r, g, b) → (H, E) amounts: the pseudo-inverse of the (reference or the slide's) stain matrix. */
    private final double[][] unmix;

    /** Version 3, the default: every slide unmixed with the reference stain vectors, and the lumen clusters. */
    public HistologyFeatureEncoder() { this(false, true, pseudoInverse(REFERENCE_H, REFERENCE_E)); }

    private HistologyFeatureEncoder(boolean stainNormalised, boolean lumenClusters, double[][] unmix) {
        this.stainNormalised = stainNormalised;
        this.lumenClusters = lumenClusters;
        this.unmix = unmix;
    }

    /** Version 4: version 3 with {@link #forSlide} adapting it to each slide's stain vectors. */
    public static HistologyFeatureEncoder stainNormalised() { return new HistologyFeatureEncoder(true, true, pseudoInverse(REFERENCE_H, REFERENCE_E)); }

    /** The version a model's tile standardisation names ({@code histology-features-v1} to {@code -v4}), if it is one. */
    public static Optional<HistologyFeatureEncoder> withId(String id) {
        return switch (id) {
            case REFERENCE_ID -> Optional.of(new HistologyFeatureEncoder(false, false, pseudoInverse(REFERENCE_H, REFERENCE_E)));
            case NORMALISED_ID -> Optional.of(new HistologyFeatureEncoder(true, false, pseudoInverse(REFERENCE_H, REFERENCE_E)));
            case REFERENCE_CLUSTERS_ID -> Optional.of(new HistologyFeatureEncoder());
            case NORMALISED_CLUSTERS_ID -> Optional.of(stainNormalised());
            default -> Optional.empty();
        };
    }

    @Override
    public String id() {
        if (lumenClusters) return stainNormalised ? NORMALISED_CLUSTERS_ID : REFERENCE_CLUSTERS_ID;
        return stainNormalised ? NORMALISED_ID : REFERENCE_ID;
    }

    /**
     * This slide's encoder: its stain vectors from the overview (Macenko). A slide whose stain cannot be estimated (too
     * little stained tissue, or two "stains" within {@link #MIN_STAIN_ANGLE_DEGREES} of each other: only one stain above
     * Macenko's optical-density threshold) keeps the reference vectors: its features are then as version 1 computes
     * them, which is still a valid reading of the tile.
     */
    @Override
    public TileEncoder forSlide(RgbImage overview) {
        if (!stainNormalised) return this;
        Macenko.Stains stains;
        try {
            stains = Macenko.estimate(overview);
        } catch (IllegalArgumentException tooLittleStain) {
            return this;
        }
        double cos = 0;
        for (int k = 0; k < 3; k++) cos += stains.haematoxylin()[k] * stains.eosin()[k];
        if (cos > Math.cos(Math.toRadians(MIN_STAIN_ANGLE_DEGREES))) return this;
        double[][] m = pseudoInverse(stains.haematoxylin(), stains.eosin());
        for (double[] row : m) if (!Double.isFinite(row[0] + row[1] + row[2])) return this;
        return new HistologyFeatureEncoder(true, lumenClusters, m);
    }

    @Override
    public List<String> featureNames() {
        if (!lumenClusters) return NAMES;
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(CLUSTER_NAMES);
        return List.copyOf(all);
    }

    @Override
    public float[] embed(RgbImage tile) {
        int w = tile.width();
        int h = tile.height();
        int n = w * h;
        double[] hc = new double[n];
        LumenClusters clusters = lumenClusters ? new LumenClusters(w, h) : null;
        double sumH = 0, ssH = 0, sumE = 0, ssE = 0;
        int[] hAbove = new int[H_LEVELS.length];
        int[] eAbove = new int[E_LEVELS.length];
        int background = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
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
                if (clusters != null) clusters.add(x, y, ch, r + g + b);
            }
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
        float[] f = new float[NAMES.size() + (lumenClusters ? CLUSTER_NAMES.size() : 0)];
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
        f[o++] = (float) (boundary == 0 ? 0 : (double) nuclear / boundary);
        if (clusters != null) System.arraycopy(clusters.features(), 0, f, o, CLUSTER_NAMES.size());
        return f;
    }

    /** Optical density of each 8-bit level, worked out once: three logarithms per pixel were most of a tile's cost. */
    private static final double[] OPTICAL_DENSITY = new double[256];

    static {
        for (int v = 0; v < 256; v++) OPTICAL_DENSITY[v] = -Math.log((v + 1) / 256.0);
    }

    private static double od(int v) { return OPTICAL_DENSITY[v]; }

    /** (MᵀM)⁻¹Mᵀ of the 3×2 stain matrix M = [h e]: OD (r, g, b) → (H, E). */
    private static double[][] pseudoInverse(double[] hv, double[] ev) {
        double a = 0, b = 0, d = 0;
        for (int i = 0; i < 3; i++) {
            a += hv[i] * hv[i];
            b += hv[i] * ev[i];
            d += ev[i] * ev[i];
        }
        double det = a * d - b * b;
        double[][] inv = {{d / det, -b / det}, {-b / det, a / det}};
        double[][] out = new double[2][3];
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) out[r][c] = inv[r][0] * hv[c] + inv[r][1] * ev[c];
        return out;
    }

    private static double[] column(double[][] m, int c) { return new double[] {m[0][c], m[1][c], m[2][c]}; }
}
