package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.pathology.slide.RgbImage;

/**
 * An ONNX tile encoder loaded from a file, as a user's exported foundation model would be: the same small CNN as the
 * TorchScript test's, exported by tools/make-test-tile-encoder.py with Debian's PyTorch, run by ONNX Runtime.
 */
class OnnxTileEncoderTest {
    @TempDir Path cache;

    static Path onnxFile(String name) throws Exception {
        return TorchScriptTileEncoderTest.encoderFile().resolveSibling(name);
    }

    @Test
    void itComputesWhatPyTorchComputedAndWhatTheSameNetworkInTorchScriptComputes() throws Exception {
        var expected = new ObjectMapper().readTree(TorchScriptTileEncoderTest.encoderFile().resolveSibling("tiny-cnn.expected.json").toFile()).get("embedding");
        RgbImage tile = TorchScriptTileEncoderTest.testTile();
        try (OnnxTileEncoder onnx = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), 64);
             TorchScriptTileEncoder torch = TorchScriptTileEncoder.load(TorchScriptTileEncoderTest.encoderFile(), 64)) {
            assertThat(onnx.dimension()).isEqualTo(8);
            assertThat(onnx.featureNames()).startsWith("onnx_0").hasSize(8);
            assertThat(onnx.id()).matches("onnx-[0-9a-f]{16}-64px");
            float[] e = onnx.embed(tile);
            for (int i = 0; i < 8; i++) assertThat((double) e[i]).as("feature " + i).isCloseTo(expected.get(i).asDouble(), within(1e-5));
            // Whole batches, a 256 px tile resized to 64, and more tiles than one pass takes: as the TorchScript encoder.
            List<RgbImage> tiles = new java.util.ArrayList<>();
            java.util.Random random = new java.util.Random(3);
            for (int n = 0; n < OnnxTileEncoder.BATCH + 5; n++) {
                int side = n % 7 == 0 ? 256 : 64;
                int[] px = new int[side * side];
                for (int i = 0; i < px.length; i++) px[i] = random.nextInt(0x1000000);
                tiles.add(new RgbImage(side, side, px));
            }
            tiles.set(4, tile);
            List<float[]> fromOnnx = onnx.embedAll(tiles);
            List<float[]> fromTorch = torch.embedAll(tiles);
            assertThat(fromOnnx).hasSize(tiles.size());
            for (int n = 0; n < tiles.size(); n++) assertThat(fromOnnx.get(n)).as("tile " + n).containsExactly(fromTorch.get(n), org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(fromOnnx.get(4)).containsExactly(e, org.assertj.core.data.Offset.offset(1e-6f));
            // The same file gives the same numbers in a second session: cached embeddings stay valid.
            try (OnnxTileEncoder again = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), 64)) {
                assertThat(again.id()).isEqualTo(onnx.id());
                assertThat(again.embedAll(tiles)).containsExactlyElementsOf(fromOnnx);
            }
        }
    }

    @Test
    void tileEncoderLoadTakesAnOnnxFileByItsExtensionAndSlideBagsCacheItUnderItsId() throws Exception {
        Path dir = SmallCohort.withSlides(12, 2, 21);
        Path slide = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        try (TileEncoder enc = TileEncoder.load(onnxFile("tiny-cnn.onnx"), 64)) {
            assertThat(enc).isInstanceOf(OnnxTileEncoder.class);
            SlideBag bag = new SlideBags(enc, cache).of(slide);
            assertThat(bag.encoderId()).isEqualTo(enc.id());
            assertThat(bag.size()).isGreaterThan(50);
            assertThat(bag.embeddings()[0]).hasSize(8).isNotEqualTo(bag.embeddings()[bag.size() - 1]);
            try (var files = Files.list(cache)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".bag"))).singleElement()
                        .satisfies(f -> assertThat(f).contains(enc.id()));
            }
        }
    }

    @Test
    void aModelsOwnNormalisationReachesItInBothFormatsAndKeepsItsEmbeddingsApart() throws Exception {
        // What PyTorch computed for the test tile normalised with CLIP's mean and standard deviation.
        var expected = new ObjectMapper().readTree(TorchScriptTileEncoderTest.encoderFile().resolveSibling("tiny-cnn.expected.json").toFile())
                .get("embedding_clip");
        RgbImage tile = TorchScriptTileEncoderTest.testTile();
        Path dir = SmallCohort.withSlides(12, 2, 21);
        Path slide = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        try (TileEncoder onnx = TileEncoder.load(onnxFile("tiny-cnn.onnx"), NetworkTiles.of(64).withNormalisation(TileNormalisation.CLIP));
             TileEncoder torch = TileEncoder.load(TorchScriptTileEncoderTest.encoderFile(),
                     NetworkTiles.of(64).withNormalisation(TileNormalisation.parse("0.48145466,0.4578275,0.40821073/0.26862954,0.26130258,0.27577711")));
             TileEncoder imageNet = TileEncoder.load(onnxFile("tiny-cnn.onnx"), 64)) {
            assertThat(onnx.id()).matches("onnx-[0-9a-f]{16}-64px-clip").startsWith(imageNet.id());
            // CLIP's statistics written out are CLIP: the same id, so the same cache and models.
            assertThat(torch.id()).matches("torchscript-[0-9a-f]{16}-64px-clip");
            float[] fromOnnx = onnx.embed(tile);
            float[] fromTorch = torch.embed(tile);
            for (int i = 0; i < 8; i++) {
                assertThat((double) fromOnnx[i]).as("ONNX feature " + i).isCloseTo(expected.get(i).asDouble(), within(1e-5));
                assertThat((double) fromTorch[i]).as("TorchScript feature " + i).isCloseTo(expected.get(i).asDouble(), within(1e-5));
            }
            assertThat(imageNet.embed(tile)[0] - fromOnnx[0]).as("another normalisation, another embedding").isGreaterThan(0.01f);
            // One slide, two normalisations: two cached bags, each under its own id.
            SlideBag clipBag = new SlideBags(onnx, cache).of(slide);
            SlideBag imageNetBag = new SlideBags(imageNet, cache).of(slide);
            assertThat(clipBag.embeddings()[0]).isNotEqualTo(imageNetBag.embeddings()[0]);
            try (var files = Files.list(cache)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".bag")).toList()).hasSize(2)
                        .anySatisfy(f -> assertThat(f).contains(onnx.id()));
            }
        }
    }

    @Test
    void aTransformersTokensArePooledAsAsked() throws Exception {
        // tiny-cnn-tokens gives [N, 257, 8]: a class token (the feature maps' maximum), then 256 patch tokens whose mean
        // is the plain network's embedding.
        RgbImage tile = TorchScriptTileEncoderTest.testTile();
        List<RgbImage> tiles = List.of(tile, new RgbImage(256, 256, new int[256 * 256]), tile);
        NetworkTiles at64 = NetworkTiles.of(64);
        try (TileEncoder plain = TileEncoder.load(onnxFile("tiny-cnn.onnx"), 64);
             TileEncoder mean = TileEncoder.load(onnxFile("tiny-cnn-tokens.onnx"), at64.withPooling(TokenPooling.parse("mean")));
             TileEncoder cls = TileEncoder.load(onnxFile("tiny-cnn-tokens.onnx"), at64.withPooling(TokenPooling.CLS));
             TileEncoder both = TileEncoder.load(onnxFile("tiny-cnn-tokens.pt"), at64.withPooling(TokenPooling.parse("cls+mean:1")))) {
            assertThat(mean.id()).matches("onnx-[0-9a-f]{16}-64px-tokens-mean1");
            assertThat(cls.id()).matches("onnx-[0-9a-f]{16}-64px-tokens-cls");
            assertThat(both.id()).matches("torchscript-[0-9a-f]{16}-64px-tokens-cls-mean1");
            assertThat(mean.dimension()).isEqualTo(8);
            assertThat(both.dimension()).isEqualTo(16);
            List<float[]> fromPlain = plain.embedAll(tiles);
            List<float[]> fromMean = mean.embedAll(tiles);
            List<float[]> fromCls = cls.embedAll(tiles);
            List<float[]> fromBoth = both.embedAll(tiles);
            for (int n = 0; n < tiles.size(); n++) {
                assertThat(fromMean.get(n)).as("mean of patch tokens, tile " + n).containsExactly(fromPlain.get(n), org.assertj.core.data.Offset.offset(1e-6f));
                for (int d = 0; d < 8; d++) {
                    assertThat(fromCls.get(n)[d]).as("the class token is the maximum, tile " + n).isGreaterThanOrEqualTo(fromPlain.get(n)[d]);
                    // The TorchScript export of the same network, class token then mean.
                    assertThat(fromBoth.get(n)[d]).isCloseTo(fromCls.get(n)[d], within(1e-5f));
                    assertThat(fromBoth.get(n)[8 + d]).isCloseTo(fromMean.get(n)[d], within(1e-5f));
                }
            }
            assertThat(fromCls.get(0)).isNotEqualTo(fromMean.get(0));
        }
        // Read for embeddings, a model that gives only tokens is refused saying how to pool them; a mean that skips every
        // token is refused naming how many there are.
        Path tokens = onnxFile("tiny-cnn-tokens.onnx");
        assertThatThrownBy(() -> OnnxTileEncoder.load(tokens, 64)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(tokens.toString()).hasMessageContaining("last_hidden_state float [?, ?, ?]").hasMessageContaining("--tile-encoder-tokens");
        assertThatThrownBy(() -> OnnxTileEncoder.load(tokens, at64.withPooling(TokenPooling.parse("mean:257"))))
                .hasMessageContaining(tokens.toString()).hasMessageContaining("257 tokens per tile, none left after the 257 prefix tokens");
        Path torchTokens = onnxFile("tiny-cnn-tokens.pt");
        assertThatThrownBy(() -> TorchScriptTileEncoder.load(torchTokens, 64)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(torchTokens.toString()).hasMessageContaining("[1, 257, 8]").hasMessageContaining("float [N, D]");
    }

    @Test
    void aModelWithItsWeightsInAnotherFileIsIdentifiedByThemToo() throws Exception {
        // tiny-cnn-external.onnx is tiny-cnn.onnx with its weights moved to tiny-cnn-external.weights, as a foundation model
        // over protobuf's 2 GB limit is saved.
        RgbImage tile = TorchScriptTileEncoderTest.testTile();
        Path graph = onnxFile("tiny-cnn-external.onnx");
        assertThat(OnnxFiles.externalData(graph)).containsExactly(onnxFile("tiny-cnn-external.weights").toAbsolutePath());
        assertThat(OnnxFiles.externalData(onnxFile("tiny-cnn.onnx"))).isEmpty();
        Path copy = Files.createDirectories(cache.resolve("copy"));
        Files.copy(graph, copy.resolve("tiny-cnn-external.onnx"));
        Files.copy(onnxFile("tiny-cnn-external.weights"), copy.resolve("tiny-cnn-external.weights"));
        try (OnnxTileEncoder plain = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), 64);
             OnnxTileEncoder external = OnnxTileEncoder.load(graph, 64);
             OnnxTileEncoder copied = OnnxTileEncoder.load(copy.resolve("tiny-cnn-external.onnx"), 64)) {
            assertThat(external.embed(tile)).containsExactly(plain.embed(tile), org.assertj.core.data.Offset.offset(1e-6f));
            // A self-contained model's id is its file's SHA-256, as before external data was read: caches stay valid.
            assertThat(plain.id()).isEqualTo("onnx-" + SlideBags.sha256(onnxFile("tiny-cnn.onnx")).substring(0, 16) + "-64px");
            // Where the files lie does not matter, only what they hold.
            assertThat(copied.id()).isEqualTo(external.id());
        }
        // Other weights beside the same graph: another encoder, so neither cached embeddings nor trained models mix them up.
        byte[] weights = Files.readAllBytes(copy.resolve("tiny-cnn-external.weights"));
        for (int i = 3; i < weights.length; i += 4) weights[i] ^= (byte) 0x80;  // every weight's sign (a little-endian float's top bit)
        Files.write(copy.resolve("tiny-cnn-external.weights"), weights);
        try (OnnxTileEncoder external = OnnxTileEncoder.load(graph, 64);
             OnnxTileEncoder changed = OnnxTileEncoder.load(copy.resolve("tiny-cnn-external.onnx"), 64)) {
            assertThat(changed.id()).isNotEqualTo(external.id());
            assertThat(changed.embed(tile)).isNotEqualTo(external.embed(tile));
        }
        // Without its weights file the model is refused naming it, before ONNX Runtime reads anything.
        Files.delete(copy.resolve("tiny-cnn-external.weights"));
        assertThatThrownBy(() -> OnnxTileEncoder.load(copy.resolve("tiny-cnn-external.onnx"), 64)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("tiny-cnn-external.onnx: its weights are in tiny-cnn-external.weights, which is not beside it");
    }

    @Test
    void aChannelsLastModelIsFedItsTilesChannelsLast() throws Exception {
        // tiny-cnn-nhwc.onnx is the network behind a transpose from [N, 64, 64, 3], as a converted TensorFlow model takes tiles.
        RgbImage tile = TorchScriptTileEncoderTest.testTile();
        List<RgbImage> tiles = List.of(tile, new RgbImage(256, 256, new int[256 * 256]), tile);
        try (OnnxTileEncoder plain = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), 64);
             OnnxTileEncoder nhwc = OnnxTileEncoder.load(onnxFile("tiny-cnn-nhwc.onnx"), NetworkTiles.of(64).withNormalisation(TileNormalisation.CLIP));
             OnnxTileEncoder plainClip = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), NetworkTiles.of(64).withNormalisation(TileNormalisation.CLIP))) {
            assertThat(nhwc.dimension()).isEqualTo(8);
            List<float[]> got = nhwc.embedAll(tiles);
            List<float[]> want = plainClip.embedAll(tiles);
            for (int n = 0; n < tiles.size(); n++) assertThat(got.get(n)).as("tile " + n).containsExactly(want.get(n), org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(got.get(0)).isNotEqualTo(plain.embed(tile));
        }
        Path nhwc = onnxFile("tiny-cnn-nhwc.onnx");
        assertThatThrownBy(() -> OnnxTileEncoder.load(nhwc, 224)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("the model takes 64 x 64 px tiles, not 224");
    }

    @Test
    void aModelExportedInHalfPrecisionIsFedItsTilesInItsTypeAndGivesTheFullPrecisionEmbeddingToItsRounding() throws Exception {
        // tiny-cnn-fp16.onnx: tiny-cnn.onnx with weights, tiles and embeddings in float16.
        List<RgbImage> tiles = new java.util.ArrayList<>(List.of(TorchScriptTileEncoderTest.testTile()));
        java.util.Random random = new java.util.Random(5);
        for (int n = 0; n < OnnxTileEncoder.BATCH + 3; n++) {
            int[] px = new int[64 * 64];
            for (int i = 0; i < px.length; i++) px[i] = random.nextInt(0x1000000);
            tiles.add(new RgbImage(64, 64, px));
        }
        try (OnnxTileEncoder plain = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), 64);
             OnnxTileEncoder half = OnnxTileEncoder.load(onnxFile("tiny-cnn-fp16.onnx"), 64)) {
            List<float[]> want = plain.embedAll(tiles);
            // float16 keeps 11 significant bits: the embeddings (0.003-0.3 here) agree to that rounding, and differ by it.
            assertThat(half.dimension()).isEqualTo(8);
            assertThat(half.id()).matches("onnx-[0-9a-f]{16}-64px").isNotEqualTo(plain.id());
            List<float[]> got = half.embedAll(tiles);
            assertThat(got).hasSize(tiles.size());
            double worst = 0;
            for (int n = 0; n < tiles.size(); n++) {
                for (int i = 0; i < 8; i++) worst = Math.max(worst, Math.abs(got.get(n)[i] - want.get(n)[i]) / Math.max(0.05, Math.abs(want.get(n)[i])));
            }
            assertThat(worst).as("largest relative difference").isLessThan(2e-3).isPositive();
            assertThat(half.embedAll(tiles)).as("the same numbers again").containsExactlyElementsOf(got);
        }
    }

    @Test
    void aFloat16VitThatOnnxRuntimesFullOptimisationCannotInitialiseRunsAtTheExtendedLevel() throws Exception {
        // tiny-vit-tokens-fp16.onnx: one ViT block in float16, whose layer norms ONNX Runtime 1.23 fails to fuse with the
        // casts it inserts (ORT_RUNTIME_EXCEPTION at session creation) — as the benchmark's ViT-S/16 in float16.
        java.util.Random random = new java.util.Random(7);
        List<RgbImage> tiles = new java.util.ArrayList<>();
        for (int n = 0; n < 3; n++) {
            int[] px = new int[224 * 224];
            for (int i = 0; i < px.length; i++) px[i] = random.nextInt(0x1000000);
            tiles.add(new RgbImage(224, 224, px));
        }
        NetworkTiles cls = NetworkTiles.of(224).withPooling(TokenPooling.CLS);
        try (OnnxTileEncoder full = OnnxTileEncoder.load(onnxFile("tiny-vit-tokens.onnx"), cls);
             OnnxTileEncoder half = OnnxTileEncoder.load(onnxFile("tiny-vit-tokens-fp16.onnx"), cls)) {
            assertThat(half.dimension()).isEqualTo(8);
            List<float[]> want = full.embedAll(tiles);
            List<float[]> got = half.embedAll(tiles);
            // The layer-normed class token is of order 1: float16's rounding through one block stays within 1%.
            for (int n = 0; n < tiles.size(); n++) {
                for (int i = 0; i < 8; i++) assertThat((double) got.get(n)[i]).as("tile " + n + ", feature " + i).isCloseTo(want.get(n)[i], within(0.02));
            }
            assertThat(got.get(0)).isNotEqualTo(want.get(0));
        }
    }

    @Test
    void anExportWithItsFeatureMapsBeforeTheEmbeddingIsReadForTheEmbedding() throws Exception {
        try (OnnxTileEncoder plain = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), 64);
             OnnxTileEncoder two = OnnxTileEncoder.load(onnxFile("tiny-cnn-two-outputs.onnx"), 64)) {
            assertThat(two.dimension()).isEqualTo(8);
            assertThat(two.id()).isNotEqualTo(plain.id());
            RgbImage tile = TorchScriptTileEncoderTest.testTile();
            assertThat(two.embed(tile)).containsExactly(plain.embed(tile), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void anExportForAFixedBatchIsFedWholeBatchesAndGivesEveryTileItsOwnEmbedding() throws Exception {
        RgbImage tile = TorchScriptTileEncoderTest.testTile();
        RgbImage blank = new RgbImage(64, 64, new int[64 * 64]);
        try (OnnxTileEncoder plain = OnnxTileEncoder.load(onnxFile("tiny-cnn.onnx"), 64);
             OnnxTileEncoder fixed = OnnxTileEncoder.load(onnxFile("tiny-cnn-batch4.onnx"), 64)) {
            assertThat(fixed.dimension()).isEqualTo(8);
            // 1, 5 and 8 tiles: a part batch padded, a batch and a part, two whole batches; the padding never shows.
            for (int n : new int[] {1, 5, 8}) {
                List<RgbImage> tiles = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) tiles.add(i % 2 == 0 ? tile : blank);
                List<float[]> got = fixed.embedAll(tiles);
                List<float[]> want = plain.embedAll(tiles);
                assertThat(got).as(n + " tiles").hasSize(n);
                for (int i = 0; i < n; i++) assertThat(got.get(i)).as(n + " tiles, tile " + i).containsExactly(want.get(i), org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void whatIsNotAnOnnxTileEncoderIsRefusedNamingTheFileAndWhy() throws IOException {
        Path bogus = cache.resolve("encoder.onnx");
        Files.writeString(bogus, "not a model");
        assertThatThrownBy(() -> OnnxTileEncoder.load(bogus, 64)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(bogus.toString()).hasMessageContaining("not an ONNX model");
        Path missing = cache.resolve("missing.onnx");
        assertThatThrownBy(() -> TileEncoder.load(missing, 64)).isInstanceOf(UnusableInputException.class).hasMessageContaining(missing + ": no such ONNX file");
    }

    @Test
    void aModelOfAnotherTileSideOrWithoutEmbeddingsIsRefused() throws Exception {
        // Exported for 64 px tiles: asked for 224 it says so, and how to give the side.
        Path onnx = onnxFile("tiny-cnn.onnx");
        assertThatThrownBy(() -> OnnxTileEncoder.load(onnx, 224)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(onnx.toString()).hasMessageContaining("64 x 64 px tiles, not 224").hasMessageContaining("--tile-encoder-px");
        // Feature maps [N, 8, 16, 16] are not an embedding per tile.
        Path maps = onnxFile("tiny-cnn-feature-maps.onnx");
        assertThatThrownBy(() -> OnnxTileEncoder.load(maps, 64)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(maps.toString()).hasMessageContaining("no output is float [N, D]").hasMessageContaining("embeddings");
    }

    @Test
    void aJvmThatRanOnnxRuntimeLeavesNoFolderInTheTemporaryDirectory() throws Exception {
        Path tmpdir = Files.createDirectories(cache.resolve("tmp"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + tmpdir, OnnxLoadMain.class.getName(), onnxFile("tiny-cnn.onnx").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("onnx-");
        // ONNX Runtime unpacked its libraries into tmpdir/onnxruntime-java*; the folder went with the JVM.
        try (var left = Files.list(tmpdir)) {
            assertThat(left.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("onnxruntime-java"));
        }
    }
}
