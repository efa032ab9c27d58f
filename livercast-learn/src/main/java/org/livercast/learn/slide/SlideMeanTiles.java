package org.livercast.learn.slide;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The slide-only baseline's features: a slide as the mean of its z-scored tile embeddings (mean pooling, the multiple-
 * instance literature's simplest slide model), so a regression on them says what the slide alone tells without any
 * attention. An encoder wider than {@link #MAX_COLUMNS} (a foundation model's 768 or 1,024 features) is reduced to the
 * leading principal components of the training slides' means: a regression with more columns than a few hundred
 * patients' events can carry would separate, not estimate. The last column is 1 for a patient without a slide.
 */
public final class SlideMeanTiles {
    /**
     * At most this many columns of pooled embedding, which the regressions fit on a few hundred training patients (400
     * with ~60 aggressive recurrences, BENCHMARKS.md) without separating. The built-in encoder's 18 features (v3) are
     * reduced to 16 components too: on the 600-slide cohort the regression on all 18 did worse on the held-out centre
     * (AUC 0.549 against 0.583).
     */
    public static final int MAX_COLUMNS = 16;
    private static final int POWER_ITERATIONS = 60;

    private final TileStandardiser tiles;
    private final double[] centre;          // mean of the training slides' pooled embeddings (used with the projection)
    private final double[][] components;    // [k][d] orthonormal rows, or null when the encoder is narrow enough

    private SlideMeanTiles(TileStandardiser tiles, double[] centre, double[][] components) {
        this.tiles = tiles;
        this.centre = centre;
        this.components = components;
    }

    /** Fitted on the training patients' slides (a projection only when the encoder is wider than {@link #MAX_COLUMNS}). */
    public static SlideMeanTiles fit(TileStandardiser tiles, Iterable<SlideBag> trainingSlides) {
        int d = tiles.dimension();
        // A slide whose tissue gave no tile has no mean (its features are "no slide"); each slide is pooled as it is read.
        List<double[]> means = new java.util.ArrayList<>();
        for (SlideBag b : trainingSlides) if (b.size() > 0) means.add(tiles.meanOf(b));
        double[][] pooled = means.toArray(double[][]::new);
        if (d <= MAX_COLUMNS || pooled.length < 2) return new SlideMeanTiles(tiles, null, null);
        double[] centre = new double[d];
        for (double[] p : pooled) for (int k = 0; k < d; k++) centre[k] += p[k] / pooled.length;
        for (double[] p : pooled) for (int k = 0; k < d; k++) p[k] -= centre[k];
        return new SlideMeanTiles(tiles, centre, leadingComponents(pooled, Math.min(MAX_COLUMNS, pooled.length - 1)));
    }

    /** Columns of the regression: the pooled (and, for a wide encoder, projected) embedding, then "no slide". */
    public int width() { return (components == null ? tiles.dimension() : components.length) + 1; }

    public float[] features(Optional<SlideBag> slide) {
        float[] out = new float[width()];
        if (slide.isEmpty() || slide.get().size() == 0) {
            out[out.length - 1] = 1f;
            return out;
        }
        double[] pooled = tiles.meanOf(slide.get());
        if (components == null) {
            for (int k = 0; k < pooled.length; k++) out[k] = (float) pooled[k];
        } else {
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int k = 0; k < pooled.length; k++) s += components[c][k] * (pooled[k] - centre[k]);
                out[c] = (float) s;
            }
        }
        return out;
    }

    /**
     * The k leading principal directions of centred rows by subspace (block power) iteration on XᵀX, never forming the
     * d × d matrix: each step costs O(n·d·k), so a 1,024-wide encoder over a thousand slides takes well under a second.
     * Fixed seed, so the same slides give the same directions.
     */
    static double[][] leadingComponents(double[][] x, int k) {
        int d = x[0].length;
        SplittableRandom r = new SplittableRandom(17);
        double[][] q = new double[k][d];
        for (double[] row : q) for (int j = 0; j < d; j++) row[j] = r.nextDouble() - 0.5;
        orthonormalise(q);
        double[] scores = new double[x.length];
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            double[][] next = new double[k][d];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < x.length; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += x[i][j] * q[c][j];
                    scores[i] = s;
                }
                for (int i = 0; i < x.length; i++) for (int j = 0; j < d; j++) next[c][j] += scores[i] * x[i][j];
            }
            orthonormalise(next);
            q = next;
        }
        return q;
    }

    /** Modified Gram–Schmidt on the rows, in place; a row that vanishes (rank below k) is left as zeros. */
    private static void orthonormalise(double[][] rows) {
        for (int a = 0; a < rows.length; a++) {
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int j = 0; j < rows[a].length; j++) dot += rows[a][j] * rows[b][j];
                for (int j = 0; j < rows[a].length; j++) rows[a][j] -= dot * rows[b][j];
            }
            double norm = 0;
            for (double v : rows[a]) norm += v * v;
            norm = Math.sqrt(norm);
            for (int j = 0; j < rows[a].length; j++) rows[a][j] = norm > 1e-12 ? rows[a][j] / norm : 0;
        }
    }
}
