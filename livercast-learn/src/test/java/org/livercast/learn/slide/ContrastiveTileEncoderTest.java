package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.pathology.slide.RgbImage;

/** A tile encoder trained here, without labels, on the cohort's own tiles: it learns, saves, reloads and embeds. */
class ContrastiveTileEncoderTest {
    @TempDir Path tmp;

    @Test
    void contrastiveTrainingLowersItsLossAndTheSavedEncoderEmbedsReproducibly() throws Exception {
        Path dir = SmallCohort.withSlides(12, 2, 21);
        List<Path> slides = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().stream().flatMap(c -> c.slide().stream()).toList();
        List<RgbImage> tiles = ContrastiveTraining.sampleTiles(slides, 24);
        assertThat(tiles).hasSizeGreaterThan(200).allSatisfy(t -> assertThat(t.width()).isEqualTo(64));
        Path file = tmp.resolve("encoder.lcte");
        var result = ContrastiveTraining.train(tiles, new ContrastiveTraining.Options(24, 6, 32, 3), file, l -> { });
        // Chance level for 2 x 32 views is ln(63) = 4.14; learning to pair the views brings the loss well under it.
        assertThat(result.lossPerEpoch().get(0)).isLessThan(4.2);
        assertThat(result.lossPerEpoch().get(result.lossPerEpoch().size() - 1)).isLessThan(result.lossPerEpoch().get(0) - 0.3);
        assertThat(ContrastiveTileEncoder.isOne(file)).isTrue();

        List<RgbImage> some = List.of(tiles.get(0), tiles.get(50), tiles.get(100));
        try (ContrastiveTileEncoder a = ContrastiveTileEncoder.load(file); ContrastiveTileEncoder b = ContrastiveTileEncoder.load(file)) {
            assertThat(a.id()).startsWith("cnn-contrastive-").isEqualTo(b.id());
            assertThat(a.dimension()).isEqualTo(ContrastiveTileEncoder.DEFAULT_FEATURES).isEqualTo(16);
            List<float[]> ea = a.embedAll(some);
            List<float[]> eb = b.embedAll(some);
            for (int i = 0; i < some.size(); i++) assertThat(ea.get(i)).containsExactly(eb.get(i));
            assertThat(ea.get(0)).isNotEqualTo(ea.get(1));
            // 256 px tiles, as the slide reader gives them, are reduced to the network's 64 px first.
            assertThat(a.embed(new RgbImage(256, 256, new int[256 * 256]))).hasSize(16);
        }
        // It reads the pixels as they are: a network's normalisation asked of it is refused, naming the file.
        assertThatThrownBy(() -> TileEncoder.load(file, NetworkTiles.of(224).withNormalisation(TileNormalisation.CLIP))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("applies to TorchScript and ONNX models");
        // Training again with the same seed gives the same file.
        Path again = tmp.resolve("again.lcte");
        ContrastiveTraining.train(tiles, new ContrastiveTraining.Options(24, 6, 32, 3), again, l -> { });
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void anEncoderWithMoreFeaturesAndOneSavedBeforeTheirNumberWasLoadWithTheirOwnWidth() throws Exception {
        List<RgbImage> tiles = new java.util.ArrayList<>();
        Random r = new Random(4);
        for (int n = 0; n < 16; n++) {
            int[] px = new int[64 * 64];
            for (int i = 0; i < px.length; i++) px[i] = r.nextInt(1 << 24);
            tiles.add(new RgbImage(64, 64, px));
        }
        Path wide = tmp.resolve("wide.lcte");
        ContrastiveTraining.train(tiles, new ContrastiveTraining.Options(24, 1, 8, 3, 64), wide, l -> { });
        byte[] v2 = Files.readAllBytes(wide);
        // A version 1 file is the same without the number of features (which was always 64).
        byte[] v1 = new byte[v2.length - 4];
        System.arraycopy(v2, 0, v1, 0, 8);
        System.arraycopy(v2, 12, v1, 8, v2.length - 12);
        v1[7] = 1;
        Path old = tmp.resolve("old.lcte");
        Files.write(old, v1);
        try (ContrastiveTileEncoder a = ContrastiveTileEncoder.load(wide); ContrastiveTileEncoder b = ContrastiveTileEncoder.load(old)) {
            assertThat(a.dimension()).isEqualTo(64).isEqualTo(b.dimension());
            assertThat(a.featureNames()).hasSize(64).endsWith("cnn_63");
            assertThat(b.embed(tiles.get(0))).containsExactly(a.embed(tiles.get(0)));
            assertThat(a.id()).isNotEqualTo(b.id());   // the id is the file's hash
        }
        v2[11] = 0;   // zero features: damaged
        Path damaged = tmp.resolve("damaged.lcte");
        Files.write(damaged, v2);
        assertThatThrownBy(() -> ContrastiveTileEncoder.load(damaged)).hasMessageContaining(damaged.toString()).hasMessageContaining("0 features");
        assertThatThrownBy(() -> new ContrastiveTraining.Options(24, 1, 8, 3, 0)).hasMessageContaining("not 0");
    }

    @Test
    void augmentedViewsKeepTheTileSizeAndChangeThePixels() {
        int[] px = new int[64 * 64];
        Random r = new Random(1);
        for (int i = 0; i < px.length; i++) px[i] = r.nextInt(1 << 24);
        RgbImage t = new RgbImage(64, 64, px);
        RgbImage v = ContrastiveTraining.augment(t, new Random(2));
        assertThat(v.width()).isEqualTo(64);
        assertThat(v.pixels()).isNotEqualTo(t.pixels());
        assertThat(ContrastiveTraining.augment(t, new Random(2)).pixels()).isEqualTo(v.pixels());
    }

    @Test
    void aFileThatIsNotAnEncoderIsRefusedNamingIt() throws IOException {
        Path bogus = tmp.resolve("x.lcte");
        Files.writeString(bogus, "nothing here at all");
        assertThat(ContrastiveTileEncoder.isOne(bogus)).isFalse();
        assertThatThrownBy(() -> ContrastiveTileEncoder.load(bogus)).hasMessageContaining(bogus.toString()).hasMessageContaining("LCTE");
    }
}
