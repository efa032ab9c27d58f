package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlideMeanTilesTest {
    private static TileStandardiser standardiser(int d, double mean, double sd) {
        double[] m = new double[d];
        double[] s = new double[d];
        java.util.Arrays.fill(m, mean);
        java.util.Arrays.fill(s, sd);
        return new TileStandardiser("enc", IntStream.range(0, d).mapToObj(i -> "f" + i).toList(), m, s);
    }

    private static SlideBag bag(String encoder, float[]... tiles) {
        List<SlideBag.TileRef> refs = new ArrayList<>();
        for (int i = 0; i < tiles.length; i++) refs.add(new SlideBag.TileRef(i * 512L, 0, 512));
        return new SlideBag("sha", encoder, refs, tiles);
    }

    @Test
    void aNarrowEncodersSlideIsTheMeanOfItsZScoredTilesAndAMissingSlideSaysSo() {
        SlideMeanTiles pooling = SlideMeanTiles.fit(standardiser(2, 1.0, 2.0), List.of());
        assertThat(pooling.width()).isEqualTo(3);
        // Tiles (3, 1) and (5, -3): z-scores (1, 0) and (2, -2), mean (1.5, -1), and "no slide" 0.
        assertThat(pooling.features(Optional.of(bag("enc", new float[] {3, 1}, new float[] {5, -3})))).containsExactly(1.5f, -1f, 0f);
        assertThat(pooling.features(Optional.empty())).containsExactly(0f, 0f, 1f);
        // A slide whose tissue gave no tile is as good as none.
        assertThat(pooling.features(Optional.of(bag("enc")))).containsExactly(0f, 0f, 1f);
        assertThatThrownBy(() -> pooling.features(Optional.of(bag("other-encoder", new float[] {0, 0}))))
                .hasMessageContaining("other-encoder").hasMessageContaining("enc");
    }

    @Test
    void aWideEncoderIsReducedToTheLeadingPrincipalComponentsOfTheTrainingSlides() {
        int d = 64;
        SplittableRandom r = new SplittableRandom(3);
        // Slides vary most along a known direction (feature 5 minus feature 9, SD 10), a little along every feature (SD 0.1).
        List<SlideBag> slides = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            double strong = 10 * r.nextGaussian();
            float[] tile = new float[d];
            for (int k = 0; k < d; k++) tile[k] = (float) (0.1 * r.nextGaussian());
            tile[5] += (float) (strong / Math.sqrt(2));
            tile[9] -= (float) (strong / Math.sqrt(2));
            slides.add(bag("enc", tile));
        }
        // A training slide whose tissue gave no tile has no mean: it is left out of the fit, not a row of NaN.
        List<SlideBag> withAnEmptyOne = new ArrayList<>(slides);
        withAnEmptyOne.add(bag("enc"));
        SlideMeanTiles pooling = SlideMeanTiles.fit(standardiser(d, 0, 1), withAnEmptyOne);
        assertThat(pooling.width()).isEqualTo(SlideMeanTiles.MAX_COLUMNS + 1);

        double[][] x = slides.stream().map(standardiser(d, 0, 1)::meanOf).toArray(double[][]::new);
        double[][] centred = centred(x);
        double[][] pcs = SlideMeanTiles.leadingComponents(centred, SlideMeanTiles.MAX_COLUMNS);
        // Orthonormal rows; the first is the strong direction (up to sign).
        for (int a = 0; a < pcs.length; a++) {
            for (int b = 0; b <= a; b++) assertThat(dot(pcs[a], pcs[b])).as(a + "·" + b).isCloseTo(a == b ? 1 : 0, within(1e-9));
        }
        assertThat(Math.abs(pcs[0][5] - pcs[0][9]) / Math.sqrt(2)).isCloseTo(1, within(1e-3));
        // The first column of a slide's features is its score on that direction: its spread is the strong SD, not the noise's.
        List<Double> first = new ArrayList<>();
        for (SlideBag b : slides) first.add((double) pooling.features(Optional.of(b))[0]);
        double sd = Math.sqrt(first.stream().mapToDouble(v -> v * v).sum() / first.size());
        assertThat(sd).isBetween(8.0, 12.0);
        // The same slides give the same directions (a fixed seed), whatever their order.
        List<SlideBag> shuffled = new ArrayList<>(slides);
        Collections.shuffle(shuffled, new java.util.Random(1));
        assertThat(Math.abs(SlideMeanTiles.fit(standardiser(d, 0, 1), shuffled).features(Optional.of(slides.get(0)))[0]))
                .isCloseTo(Math.abs(pooling.features(Optional.of(slides.get(0)))[0]), within(1e-3f));
    }

    private static double[][] centred(double[][] x) {
        double[] mean = new double[x[0].length];
        for (double[] row : x) for (int k = 0; k < mean.length; k++) mean[k] += row[k] / x.length;
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int k = 0; k < mean.length; k++) out[i][k] -= mean[k];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
