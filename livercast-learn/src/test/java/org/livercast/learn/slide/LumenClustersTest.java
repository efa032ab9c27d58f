package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.livercast.pathology.slide.RgbImage;

/**
 * A tumour embolus (cells floating in a vessel's lumen) must register, and what resembles it in a tile histogram or in
 * outline must not: a vessel with blood in it, trabeculae between sinusoids, a lymphoid aggregate in solid tissue.
 */
class LumenClustersTest {
    private static final int SIDE = 256;
    private static final int CYTOPLASM = 0xE38FBF, NUCLEUS = 0x4B2A7A, WALL = 0xD9809F, LUMEN = 0xF4E6EA, RED_CELL = 0xD0485A;
    private static final int EMBOLUS_CELL = 0x7A4A9E, EMBOLUS_NUCLEUS = 0x3A1F66, AGGREGATE = 0x1C1050;
    private static final HistologyFeatureEncoder ENCODER = new HistologyFeatureEncoder();

    private interface Painter {
        int at(int x, int y);
    }

    /** Tumour cells (nuclei on a 14 px grid in pink cytoplasm) with pixel grain; {@code inside} paints over them. */
    private static RgbImage tile(long seed, Painter inside) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] px = new int[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double nx = (x % 14) - 7, ny = (y % 14) - 7;
                int c = inside.at(x, y);
                if (c < 0) c = nx * nx + ny * ny < 16 ? NUCLEUS : CYTOPLASM;
                int grain = r.nextInt(32) - 16;
                px[y * SIDE + x] = clamp((c >> 16 & 0xFF) + grain / 2) << 16 | clamp((c >> 8 & 0xFF) + grain) << 8 | clamp((c & 0xFF) + grain / 2);
            }
        }
        return new RgbImage(SIDE, SIDE, px);
    }

    /** A vessel of radius {@code radius} at (cx, cy): wall, then either an embolus in a retraction space or blood. */
    private static Painter vessel(double cx, double cy, double radius, boolean embolus) {
        return (x, y) -> {
            double d = Math.hypot(x - cx, y - cy) / radius;
            if (d > 1) return -1;
            if (d > 0.85) return WALL;
            if (!embolus) return ((x / 7) * 31 + (y / 7) * 17) % 8 == 0 ? RED_CELL : LUMEN;
            if (d > 0.64) return LUMEN;
            double nx = (x % 12) - 6, ny = (y % 12) - 6;
            return nx * nx + ny * ny < 16 ? EMBOLUS_NUCLEUS : EMBOLUS_CELL;
        };
    }

    private static float fraction(RgbImage tile) { return ENCODER.embed(tile)[ENCODER.featureNames().indexOf("lumen_cluster_fraction")]; }

    private static float clusterH(RgbImage tile) { return ENCODER.embed(tile)[ENCODER.featureNames().indexOf("lumen_cluster_h")]; }

    @Test
    void anEmbolusInALumenRegistersAndItsNucleiAreDense() {
        RgbImage embolus = tile(1, vessel(128, 120, 90, true));
        double coreArea = Math.PI * Math.pow(0.64 * 90, 2) / (SIDE * SIDE);
        assertThat((double) fraction(embolus)).isBetween(0.7 * coreArea, 1.3 * coreArea);
        assertThat(clusterH(embolus)).isGreaterThan(1.0f);
        // cut by the tile's edge: still one cluster in a lumen
        assertThat((double) fraction(tile(2, vessel(40, 128, 80, true)))).isGreaterThan(0.3 * coreArea);
    }

    @Test
    void bloodInAVesselTrabeculaeBetweenSinusoidsAndAnAggregateInTissueDoNot() {
        RgbImage blood = tile(3, vessel(128, 120, 90, false));
        RgbImage trabeculae = tile(4, (x, y) -> Math.sin(x * 0.05 + 3 * Math.sin(y * 0.01)) > 0.85 ? LUMEN : -1);
        RgbImage aggregate = tile(5, (x, y) -> Math.hypot(x - 128, y - 128) < 80 && ((x % 7) - 3.5) * ((x % 7) - 3.5) + ((y % 7) - 3.5) * ((y % 7) - 3.5) < 9
                ? AGGREGATE : -1);
        for (RgbImage t : List.of(blood, trabeculae, aggregate)) {
            assertThat(fraction(t)).isZero();
            assertThat(clusterH(t)).isZero();
        }
    }

    @Test
    void versionsThreeAndFourAppendTheTwoFeaturesToOneAndTwo() {
        RgbImage t = tile(6, vessel(128, 128, 90, true));
        float[] v1 = HistologyFeatureEncoder.withId("histology-features-v1").orElseThrow().embed(t);
        float[] v3 = ENCODER.embed(t);
        assertThat(ENCODER.id()).isEqualTo("histology-features-v3");
        assertThat(HistologyFeatureEncoder.stainNormalised().id()).isEqualTo("histology-features-v4");
        assertThat(HistologyFeatureEncoder.withId("histology-features-v4").orElseThrow().featureNames()).hasSize(18);
        assertThat(v3).hasSize(v1.length + 2);
        assertThat(java.util.Arrays.copyOf(v3, v1.length)).containsExactly(v1);
    }

    private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
}
