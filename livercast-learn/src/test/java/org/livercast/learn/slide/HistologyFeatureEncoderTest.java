package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.livercast.pathology.slide.RgbImage;

/**
 * Stain normalisation: the same tissue (the same haematoxylin and eosin amounts per pixel) stained by two centres with
 * other hues must give the same features from the normalised encoder, as the reference-stain encoder (version 1) does
 * not; and what the tissue holds (a lymphoid aggregate's dense nuclei) must survive it.
 */
class HistologyFeatureEncoderTest {
    /** The reference stain and a centre's: bluer haematoxylin, pinker eosin (OD vectors, r g b). */
    private static final double[][] STAIN_A = {{0.5626, 0.7201, 0.4062}, {0.2159, 0.8012, 0.5581}};
    private static final double[][] STAIN_B = {{0.45, 0.68, 0.58}, {0.15, 0.85, 0.50}};

    /** Nuclei (mostly H) on a grid over cytoplasm (E), with sinusoids (white): fixed seed. */
    private static RgbImage tissue(double[][] stain, int side, long seed) { return tissue(stain, 0, side, seed); }

    /** The same, with a lymphoid aggregate (packed, dense nuclei) over the top {@code aggregate} fraction of the rows. */
    private static RgbImage tissue(double[][] stain, double aggregate, int side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] px = new int[side * side];
        double[] h = unit(stain[0]);
        double[] e = unit(stain[1]);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean lymphoid = y < aggregate * side;
                int grid = lymphoid ? 7 : 14;
                double nx = (x % grid) - grid / 2.0;
                double ny = (y % grid) - grid / 2.0;
                boolean nucleus = nx * nx + ny * ny < (lymphoid ? 9 : 16);
                boolean sinusoid = !lymphoid && (x / 14 + y / 14) % 5 == 0 && !nucleus;
                double ch = nucleus ? (lymphoid ? 2.6 + 0.4 * r.nextDouble() : 1.2 + 0.4 * r.nextDouble()) : 0.05 * r.nextDouble();
                double ce = sinusoid ? 0.02 : nucleus ? 0.15 : 0.9 + 0.3 * r.nextDouble();
                int rgb = 0;
                for (int k = 0; k < 3; k++) {
                    double v = 255 * Math.exp(-(h[k] * ch + e[k] * ce));
                    rgb |= (int) Math.max(0, Math.min(255, Math.round(v))) << (16 - 8 * k);
                }
                px[y * side + x] = rgb;
            }
        }
        return new RgbImage(side, side, px);
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    /** The largest difference between two feature vectors, in units of the first's magnitude per feature (floor 0.02). */
    private static double worstRelativeDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(0.02, Math.abs(a[i])));
        return worst;
    }

    @Test
    void theSameTissueStainedByTwoCentresGivesTheSameNormalisedFeatures() {
        RgbImage overviewA = tissue(STAIN_A, 400, 1);
        RgbImage overviewB = tissue(STAIN_B, 400, 1);
        RgbImage tileA = tissue(STAIN_A, 256, 2);
        RgbImage tileB = tissue(STAIN_B, 256, 2);

        HistologyFeatureEncoder normalised = HistologyFeatureEncoder.stainNormalised();
        float[] a = normalised.forSlide(overviewA).embed(tileA);
        float[] b = normalised.forSlide(overviewB).embed(tileB);
        HistologyFeatureEncoder reference = new HistologyFeatureEncoder();
        float[] a1 = reference.forSlide(overviewA).embed(tileA);
        float[] b1 = reference.forSlide(overviewB).embed(tileB);

        int hMean = normalised.featureNames().indexOf("h_mean");
        int eMean = normalised.featureNames().indexOf("e_mean");
        // Version 1 reads centre B's stain as other tissue (half the nuclear material, here).
        assertThat(worstRelativeDifference(a1, b1)).isGreaterThan(0.3);
        assertThat(Math.abs(Math.log((double) b1[hMean] / a1[hMean]))).isGreaterThan(Math.log(1.25));
        // Normalised, the two centres agree on what the tissue holds.
        assertThat(worstRelativeDifference(a, b)).isLessThan(0.1);
        assertThat((double) b[hMean] / a[hMean]).isBetween(0.95, 1.05);
        assertThat((double) b[eMean] / a[eMean]).isBetween(0.95, 1.05);
    }

    /**
     * Normalising the amounts to a reference 99th percentile, as Macenko et al. also do, would scale a slide's densest
     * nuclei away — on the synthetic cohort hot tumours' dense-nuclei fraction fell below cold ones'. The vectors alone
     * keep it: a slide with an aggregate has more dense nuclei than the same slide without, after normalisation too.
     */
    @Test
    void normalisingTheStainKeepsALymphoidAggregatesDenseNuclei() {
        HistologyFeatureEncoder normalised = HistologyFeatureEncoder.stainNormalised();
        int dense = normalised.featureNames().indexOf("h_above_2.5");
        float[] hot = normalised.forSlide(tissue(STAIN_B, 0.3, 400, 1)).embed(tissue(STAIN_B, 0.3, 256, 2));
        float[] cold = normalised.forSlide(tissue(STAIN_B, 0, 400, 1)).embed(tissue(STAIN_B, 0, 256, 2));
        assertThat(cold[dense]).isLessThan(0.01f);
        assertThat(hot[dense]).isGreaterThan(0.05f);
    }

    @Test
    void eachVersionKeepsItsIdAndAnUnstainedOverviewKeepsTheReferenceStains() {
        assertThat(new HistologyFeatureEncoder().id()).isEqualTo("histology-features-v3");
        assertThat(HistologyFeatureEncoder.stainNormalised().id()).isEqualTo("histology-features-v4");
        // Models trained before the lumen clusters (v1, v2) keep reading their slides as they were trained to.
        for (String v : new String[] {"v1", "v2", "v3", "v4"}) {
            assertThat(HistologyFeatureEncoder.withId("histology-features-" + v).orElseThrow().id()).isEqualTo("histology-features-" + v);
        }
        assertThat(HistologyFeatureEncoder.withId("histology-features-v2").orElseThrow().featureNames()).hasSize(16);
        assertThat(HistologyFeatureEncoder.withId("torchscript-abc")).isEmpty();
        // A slide's encoder has the slide's stains but the same id: its bags stay comparable with every other slide's.
        RgbImage overview = tissue(STAIN_B, 200, 3);
        assertThat(HistologyFeatureEncoder.stainNormalised().forSlide(overview).id()).isEqualTo("histology-features-v4");
        assertThat(HistologyFeatureEncoder.withId("histology-features-v2").orElseThrow().forSlide(overview).id()).isEqualTo("histology-features-v2");
        // The default reads every slide with the reference vectors.
        assertThat(new HistologyFeatureEncoder().forSlide(overview).embed(tissue(STAIN_A, 128, 4)))
                .containsExactly(new HistologyFeatureEncoder().embed(tissue(STAIN_A, 128, 4)));
        // A blank overview has no stain to estimate: the reference vectors, exactly as version 3 reads a tile.
        RgbImage blank = new RgbImage(64, 64, new int[64 * 64]);
        java.util.Arrays.fill(blank.pixels(), 0xF8F8F8);
        RgbImage tile = tissue(STAIN_A, 128, 4);
        assertThat(HistologyFeatureEncoder.stainNormalised().forSlide(blank).embed(tile)).containsExactly(new HistologyFeatureEncoder().embed(tile));
        // Nor has one stained with one dye only: its two "stains" are one direction.
        RgbImage oneDye = tissue(new double[][] {STAIN_A[0], STAIN_A[0]}, 200, 5);
        assertThat(HistologyFeatureEncoder.stainNormalised().forSlide(oneDye).embed(tile)).containsExactly(new HistologyFeatureEncoder().embed(tile));
    }
}
