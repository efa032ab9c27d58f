package org.livercast.learn.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How concentrated a slide's MIL attention is, so a heat map is read for what it is. Attention always sums to 1 over
 * the tissue tiles, so its raw values say little on their own: on 200 tiles a "high" 1% is only twice an even share. What
 * a pathologist needs is the comparison with an even spread: the share the most attended tenth of the tiles holds (an
 * even spread gives it 10%), the effective number of tiles attended (the inverse Simpson index, 1 / Σw²: all tiles when
 * the spread is even, 1 when one tile has it all), and the most attended tile's weight in multiples of an even share.
 *
 * <p>Why this exists: the heat map used to be scaled between the least and the most attended tile, which paints a
 * near-even spread (a model that learnt nothing from the slide) as red spots just as vividly as a focused one.
 */
public record AttentionSpread(int tiles, double effectiveTiles, double topTenthShare, double maxOverEven) {
    /**
     * Below this fraction of tiles effectively attended the spread is called focused. Measured on the demo's slides: POST
     * trained with 150 slides (attention learnt nothing: its most attended tenth held 10–12%) gives 0.97–1.00; trained with
     * 1,500 slides, 0.68–0.99 (median 0.88).
     */
    public static final double EVEN_EFFECTIVE_FRACTION = 0.95;

    public static AttentionSpread of(List<Prediction.TileAttention> attention) {
        return of(attention.stream().mapToDouble(Prediction.TileAttention::weight).toArray());
    }

    /** @param weights one tile's attention each, non-negative; normalised here, so they need not sum to exactly 1 */
    public static AttentionSpread of(double[] weights) {
        int n = weights.length;
        if (n == 0) throw new IllegalArgumentException("no tiles: a slide without attended tiles has no attention spread");
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("attention weight " + w + " is not a finite non-negative number");
            total += w;
        }
        if (total <= 0) throw new IllegalArgumentException("attention weights sum to 0");
        double[] w = new double[n];
        double squares = 0;
        for (int i = 0; i < n; i++) {
            w[i] = weights[i] / total;
            squares += w[i] * w[i];
        }
        Arrays.sort(w);
        int tenth = tenth(n);
        double top = 0;
        for (int i = n - tenth; i < n; i++) top += w[i];
        return new AttentionSpread(n, 1 / squares, top, w[n - 1] * n);
    }

    /** The share an even spread would give the top tenth (1/10 up to the rounding of a tenth of the tiles). */
    public double evenTopTenthShare() { return tenth(tiles) / (double) tiles; }

    /** How many tiles the "most attended tenth" is: a tenth of them, rounded, at least one. */
    private static int tenth(int tiles) { return Math.max(1, (int) Math.round(tiles / 10.0)); }

    /** Whether the attention is so close to even that the map singles out no region. */
    public boolean nearlyEven() { return effectiveTiles >= EVEN_EFFECTIVE_FRACTION * tiles; }

    /** One sentence for a report or a page. */
    public String describe() {
        String spread = String.format(Locale.ROOT, "the most attended tenth of the %d tissue tiles holds %.0f%% of the attention (an even spread: %.0f%%); "
                + "the top tile %.1f× an even share", tiles, 100 * topTenthShare, 100 * evenTopTenthShare(), maxOverEven);
        return nearlyEven() ? "nearly even, the model singled out no region: " + spread : spread;
    }
}
