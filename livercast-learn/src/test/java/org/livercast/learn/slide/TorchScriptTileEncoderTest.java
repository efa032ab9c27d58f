package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.pathology.slide.RgbImage;

/**
 * A TorchScript tile encoder loaded from a file, as a user's foundation model would be: the small CNN that
 * tools/make-test-tile-encoder.py traced with Debian's PyTorch, checked against the embedding PyTorch computed.
 */
class TorchScriptTileEncoderTest {
    @TempDir Path cache;

    static Path encoderFile() throws URISyntaxException {
        return Path.of(TorchScriptTileEncoderTest.class.getResource("/encoders/tiny-cnn.pt").toURI());
    }

    /** The tile the Python script embedded: R = (3x + y) mod 256, G = xy mod 256, B = (255 − 2y) mod 256. */
    static RgbImage testTile() {
        int[] px = new int[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) px[y * 64 + x] = ((3 * x + y) % 256) << 16 | ((x * y) % 256) << 8 | Math.floorMod(255 - 2 * y, 256);
        }
        return new RgbImage(64, 64, px);
    }

    @Test
    void itComputesWhatPyTorchComputedForTheSameTile() throws Exception {
        var expected = new ObjectMapper().readTree(encoderFile().resolveSibling("tiny-cnn.expected.json").toFile()).get("embedding");
        try (TorchScriptTileEncoder enc = TorchScriptTileEncoder.load(encoderFile(), 64)) {
            assertThat(enc.dimension()).isEqualTo(8);
            assertThat(enc.id()).startsWith("torchscript-").endsWith("-64px");
            float[] e = enc.embed(testTile());
            for (int i = 0; i < 8; i++) assertThat((double) e[i]).as("feature " + i).isCloseTo(expected.get(i).asDouble(), within(1e-5));
            // Batched and one by one agree (to float rounding: a batch may take another convolution kernel); a 256 px
            // tile is resized to the model's 64 px.
            List<float[]> batch = enc.embedAll(List.of(testTile(), new RgbImage(256, 256, new int[256 * 256]), testTile()));
            assertThat(batch.get(0)).containsExactly(e, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(batch.get(2)).containsExactly(batch.get(0));
            assertThat(batch.get(1)).hasSize(8);
        }
    }

    @Test
    void slideBagsCacheTheEncodersEmbeddingsUnderItsId() throws Exception {
        Path dir = SmallCohort.withSlides(12, 2, 21);
        Path slide = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        try (TorchScriptTileEncoder enc = TorchScriptTileEncoder.load(encoderFile(), 64)) {
            SlideBag bag = new SlideBags(enc, cache).of(slide);
            assertThat(bag.encoderId()).isEqualTo(enc.id());
            assertThat(bag.size()).isGreaterThan(50);
            assertThat(bag.embeddings()[0]).hasSize(8);
            // Tissue tiles differ, so their embeddings do.
            assertThat(bag.embeddings()[0]).isNotEqualTo(bag.embeddings()[bag.size() - 1]);
            try (var files = Files.list(cache)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".bag"))).singleElement()
                        .satisfies(f -> assertThat(f).contains(enc.id()));
            }
        }
    }

    @Test
    void aFileThatIsNotTorchScriptIsRefusedNamingIt() throws IOException {
        Path bogus = cache.resolve("encoder.pt");
        Files.writeString(bogus, "not a model");
        assertThatThrownBy(() -> TorchScriptTileEncoder.load(bogus, 64)).isInstanceOf(IOException.class).hasMessageContaining(bogus.toString());
        assertThatThrownBy(() -> TorchScriptTileEncoder.load(cache.resolve("missing.pt"), 64)).hasMessageContaining("no such TorchScript file");
    }

    @Test
    void aModelSavedInHalfPrecisionIsFedItsTilesInFloat16AndOneInBfloat16IsRefusedSayingWhatWorks() throws Exception {
        // tiny-cnn-fp16.pt / -bf16.pt: tiny-cnn.pt after .half() / .bfloat16(), as a model kept for a GPU is saved.
        java.util.Random random = new java.util.Random(4);
        List<RgbImage> tiles = new java.util.ArrayList<>(List.of(testTile()));
        for (int n = 0; n < TorchScriptTileEncoder.BATCH + 2; n++) {
            int[] px = new int[64 * 64];
            for (int i = 0; i < px.length; i++) px[i] = random.nextInt(0x1000000);
            tiles.add(new RgbImage(64, 64, px));
        }
        try (TorchScriptTileEncoder full = TorchScriptTileEncoder.load(encoderFile(), 64);
             TorchScriptTileEncoder half = TorchScriptTileEncoder.load(encoderFile().resolveSibling("tiny-cnn-fp16.pt"), 64)) {
            assertThat(half.dimension()).isEqualTo(8);
            assertThat(half.id()).isNotEqualTo(full.id());
            List<float[]> want = full.embedAll(tiles);
            List<float[]> got = half.embedAll(tiles);
            // float16 keeps 11 significant bits: the embeddings (0.003-0.3) agree to that rounding, and differ by it.
            double worst = 0;
            for (int n = 0; n < tiles.size(); n++) {
                for (int i = 0; i < 8; i++) worst = Math.max(worst, Math.abs(got.get(n)[i] - want.get(n)[i]) / Math.max(0.05, Math.abs(want.get(n)[i])));
            }
            assertThat(worst).as("largest relative difference").isLessThan(5e-3).isPositive();
        }
        Path bf16 = encoderFile().resolveSibling("tiny-cnn-bf16.pt");
        assertThatThrownBy(() -> TorchScriptTileEncoder.load(bf16, 64)).isInstanceOf(IOException.class)
                .hasMessageContaining(bf16.toString()).hasMessageContaining("parameter 0.weight").hasMessageContaining("bfloat16")
                .hasMessageContaining("model.float()").hasMessageContaining("ONNX");
    }
}
