package org.livercast.pathology.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;
import org.livercast.pathology.write.TileSource;

/** QC on purpose-made slides: a clean one passes; blur, a fold, pen and faded stain are each flagged with a reason. */
class SlideQcTest {
    static final long W = 2048;
    static final long H = 1536;

    @TempDir
    static Path dir;

    interface Artefact {
        int apply(long x, long y, int clean);
    }

    static Path slide(String name, Artefact artefact) throws Exception {
        Path out = dir.resolve(name + ".tif");
        TileSource clean = Synthetic.slide(W, H);
        TileSource src = new TileSource() {
            public long width() { return W; }

            public long height() { return H; }

            public int[] read(long x, long y, int w, int h) {
                int[] px = clean.read(x, y, w, h);
                for (int j = 0; j < h; j++) for (int i = 0; i < w; i++) px[j * w + i] = artefact.apply(x + i, y + j, px[j * w + i]);
                return px;
            }
        };
        PyramidWriter.write(src, out, SlideWriteOptions.generic(1.0));
        return out;
    }

    static boolean inBand(long x) { return x > W * 0.3 && x < W * 0.7; }

    static QcReport qc(Path p) throws Exception {
        try (TiffSlide s = TiffSlide.open(p)) {
            return SlideQc.assess(s);
        }
    }

    @Test
    void aCleanSlidePassesWithItsTissueMeasured() throws Exception {
        QcReport r = qc(slide("clean", (x, y, c) -> c));
        assertThat(r.reasons()).isEmpty();
        assertThat(r.accepted()).isTrue();
        assertThat(r.tissueAreaMm2()).isCloseTo(Math.PI * 0.38 * 0.38 * W * H / 1e6, within(0.25));
        assertThat(r.stains()).isNotNull();
    }

    @Test
    void anOutOfFocusBandIsFlagged() throws Exception {
        QcReport r = qc(slide("blur", (x, y, c) -> inBand(x) ? Synthetic.blurredPixel(x, y, W, H) : c));
        assertThat(r.blurredFraction()).isGreaterThan(0.2);
        assertThat(r.accepted()).isFalse();
        assertThat(r.reasons()).anyMatch(s -> s.contains("out of focus"));
    }

    @Test
    void aTissueFoldIsFlagged() throws Exception {
        QcReport r = qc(slide("fold", (x, y, c) -> inBand(x) && Synthetic.inTissue(x, y, W, H) ? 0x5A1E50 : c));
        assertThat(r.reasons()).anyMatch(s -> s.contains("folds"));
    }

    @Test
    void penMarksAreFlagged() throws Exception {
        QcReport r = qc(slide("pen", (x, y, c) -> Math.abs(y - x * 0.5 - 300) < 60 ? 0x2040C0 : c));
        assertThat(r.reasons()).anyMatch(s -> s.contains("pen"));
        QcReport bluer = qc(slide("pen-shifted", (x, y, c) -> Math.abs(y - x * 0.5 - 300) < 60 ? 0x1150CF : c));
        assertThat(bluer.reasons()).as("a blue pen under another centre's stain").anyMatch(s -> s.contains("pen"));
    }

    /**
     * Haematoxylin-dense tissue is dark blue-purple, the hue of blue ink: lymphoid aggregates (here 12% of the tissue,
     * bluer still under a centre's stain shift) and a solid sheet of crowded high-grade tumour nuclei were rejected as
     * pen. They are darker than ink, which is what tells them apart.
     */
    @Test
    void haematoxylinDenseTissueIsNotPen() throws Exception {
        QcReport aggregates = qc(slide("aggregates", (x, y, c) -> {
            for (int k = 0; k < 6; k++) {
                double cx = W * (0.32 + 0.07 * k);
                double cy = H * (0.40 + 0.04 * (k % 3));
                if (Math.hypot(x - cx, y - cy) < 95) return (x + y) % 5 == 0 ? 0x1C1050 : 0x2B3987;   // 0x3A2A78 shifted (-15, +15, +15)
            }
            return c;
        }));
        assertThat(aggregates.penFraction()).isLessThan(0.01);
        assertThat(aggregates.reasons()).noneMatch(s -> s.contains("pen"));
        QcReport solid = qc(slide("solid-tumour", (x, y, c) -> x < W / 2 && Synthetic.inTissue(x, y, W, H) ? 0x433185 : c));
        assertThat(solid.penFraction()).isLessThan(0.01);
        assertThat(solid.reasons()).noneMatch(s -> s.contains("pen"));
    }

    @Test
    void fadedStainIsFlagged() throws Exception {
        QcReport r = qc(slide("faded", (x, y, c) -> {
            int rr = (c >> 16 & 0xFF) * 3 / 10 + 178;
            int gg = (c >> 8 & 0xFF) * 3 / 10 + 178;
            int bb = (c & 0xFF) * 3 / 10 + 178;
            return Synthetic.rgb(rr, gg, bb);
        }));
        assertThat(r.faded()).isTrue();
        assertThat(r.reasons()).anyMatch(s -> s.contains("faded"));
    }

    @Test
    void tooLittleTissueIsFlagged() throws Exception {
        QcReport r = qc(slide("empty", (x, y, c) -> Math.hypot(x - W / 2.0, y - H / 2.0) < 150 ? c : 0xF4F4F2));
        assertThat(r.reasons()).anyMatch(s -> s.contains("too little tissue"));
    }

    @Test
    void tissueTilesAtAPhysicalResolution() throws Exception {
        try (TiffSlide s = TiffSlide.open(slide("tiles", (x, y, c) -> c))) {
            TissueMask mask = TissueMask.of(TileGrid.overview(s, 512));
            List<TileGrid.Tile> tiles = TileGrid.of(s, mask, 2.0, 128, 0.5);
            assertThat(tiles).isNotEmpty().allSatisfy(t -> {
                assertThat(t.sizeLevel0()).isEqualTo(256);
                assertThat(t.readSize()).isEqualTo(128);
                assertThat(t.level()).isEqualTo(1);
                assertThat(t.tissueFraction()).isGreaterThanOrEqualTo(0.5);
            });
            // An ellipse with semi-axes 0.38 W and 0.38 H covers ~45% of the slide: about that share of the 48 tiles.
            assertThat(tiles.size()).isBetween(14, 30);
            RgbImage t = TileGrid.read(s, tiles.get(0));
            assertThat(t.width()).isEqualTo(128);
        }
    }

    @Test
    void macenkoNormalisationMapsStainsOntoTheReference() throws Exception {
        try (TiffSlide s = TiffSlide.open(slide("stain", (x, y, c) -> c))) {
            RgbImage overview = TileGrid.overview(s, 512);
            Macenko.Stains st = Macenko.estimate(overview);
            assertThat(st.haematoxylin()[0]).isGreaterThan(st.eosin()[0]);
            assertThat(Macenko.dot(st.haematoxylin(), st.haematoxylin())).isCloseTo(1, within(1e-9));
            Macenko.Stains after = Macenko.estimate(Macenko.normalise(overview, st));
            double[] refH = {Macenko.REFERENCE_HE[0][0], Macenko.REFERENCE_HE[1][0], Macenko.REFERENCE_HE[2][0]};
            double norm = Math.sqrt(Macenko.dot(refH, refH));
            assertThat(Macenko.dot(after.haematoxylin(), refH) / norm).as("cosine to the reference H").isGreaterThan(0.98);
        }
    }
}
