package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.pathology.slide.RgbImage;

/**
 * A tile encoder exported in bfloat16 (tools/onnx-bfloat16.py made the fixtures from tiny-cnn.onnx and the one-block
 * ViT), which ONNX Runtime's CPU kernels do not load, computed in float32 from its bfloat16 weights. The oracle for the
 * numbers is PyTorch: the same network with its weights rounded to bfloat16, computed in float32
 * (tiny-cnn.expected.json, "embedding_bfloat16_weights"); for the rewritten graph, ONNX's own checker (python3-onnx).
 */
class OnnxBfloat16Test {
    @TempDir Path dir;

    @Test
    void aBfloat16CnnThatOnnxRuntimeRefusesGivesWhatPyTorchComputesWithTheBfloat16Weights() throws Exception {
        Path bf16 = OnnxTileEncoderTest.onnxFile("tiny-cnn-bf16.onnx");
        // Why the rewrite exists: as written, the graph is refused (no CPU kernel takes a bfloat16 convolution).
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            assertThatThrownBy(() -> OrtEnvironment.getEnvironment().createSession(bf16.toString(), options)).isInstanceOf(OrtException.class)
                    .hasMessageContaining("bfloat16");
        }
        var expected = new ObjectMapper().readTree(TorchScriptTileEncoderTest.encoderFile().resolveSibling("tiny-cnn.expected.json").toFile());
        RgbImage tile = TorchScriptTileEncoderTest.testTile();
        try (OnnxTileEncoder plain = OnnxTileEncoder.load(OnnxTileEncoderTest.onnxFile("tiny-cnn.onnx"), 64);
             OnnxTileEncoder encoder = OnnxTileEncoder.load(bf16, 64)) {
            assertThat(encoder.dimension()).isEqualTo(8);
            assertThat(encoder.id()).matches("onnx-[0-9a-f]{16}-64px").isNotEqualTo(plain.id());
            float[] got = encoder.embed(tile);
            float[] full = plain.embed(tile);
            double furthestFromFloat = 0;
            for (int i = 0; i < 8; i++) {
                assertThat((double) got[i]).as("feature " + i).isCloseTo(expected.get("embedding_bfloat16_weights").get(i).asDouble(), within(1e-6));
                furthestFromFloat = Math.max(furthestFromFloat, Math.abs(got[i] - full[i]));
            }
            // The weights are bfloat16's (8 significant bits), not the float32 network's: its embedding differs by that.
            assertThat(furthestFromFloat).isGreaterThan(1e-4).isLessThan(5e-3);
            List<RgbImage> tiles = randomTiles(OnnxTileEncoder.BATCH + 3, 64, 5);
            assertThat(encoder.embedAll(tiles)).as("the same numbers again").containsExactlyElementsOf(encoder.embedAll(tiles));
        }
    }

    @Test
    void bfloat16WeightsOutsideTheFileAreReadFromBesideItAndGiveTheSameEmbeddings() throws Exception {
        // The rewrite knows which kind it has (from memory with the folder named, or from a temporary file).
        assertThat(OnnxBfloat16.widened(OnnxTileEncoderTest.onnxFile("tiny-cnn-external-bf16.onnx")).orElseThrow().externalData()).isTrue();
        assertThat(OnnxBfloat16.widened(OnnxTileEncoderTest.onnxFile("tiny-cnn-bf16.onnx")).orElseThrow().externalData()).isFalse();
        List<RgbImage> tiles = randomTiles(6, 64, 9);
        try (OnnxTileEncoder inside = OnnxTileEncoder.load(OnnxTileEncoderTest.onnxFile("tiny-cnn-bf16.onnx"), 64);
             OnnxTileEncoder outside = OnnxTileEncoder.load(OnnxTileEncoderTest.onnxFile("tiny-cnn-external-bf16.onnx"), 64)) {
            assertThat(outside.embedAll(tiles)).containsExactlyElementsOf(inside.embedAll(tiles));
        }
        // Run from another working directory's point of view: the weights are found beside the model, not beside the JVM.
        Path model = dir.resolve("copy of model.onnx");
        Files.copy(OnnxTileEncoderTest.onnxFile("tiny-cnn-external-bf16.onnx"), model);
        assertThatThrownBy(() -> OnnxTileEncoder.load(model, 64)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("tiny-cnn-external-bf16.weights").hasMessageContaining("not beside it");
        Files.copy(OnnxTileEncoderTest.onnxFile("tiny-cnn-external-bf16.weights"), dir.resolve("tiny-cnn-external-bf16.weights"));
        try (OnnxTileEncoder copy = OnnxTileEncoder.load(model, 64);
             OnnxTileEncoder inside = OnnxTileEncoder.load(OnnxTileEncoderTest.onnxFile("tiny-cnn-bf16.onnx"), 64)) {
            assertThat(copy.embedAll(tiles)).containsExactlyElementsOf(inside.embedAll(tiles));
        }
    }

    @Test
    void aBfloat16VitWithItsConstantsAndCastsRunsInFloat32ToTheWeightsRounding() throws Exception {
        List<RgbImage> tiles = randomTiles(3, 224, 7);
        NetworkTiles cls = NetworkTiles.of(224).withPooling(TokenPooling.CLS);
        try (OnnxTileEncoder full = OnnxTileEncoder.load(OnnxTileEncoderTest.onnxFile("tiny-vit-tokens.onnx"), cls);
             OnnxTileEncoder bf16 = OnnxTileEncoder.load(OnnxTileEncoderTest.onnxFile("tiny-vit-tokens-bf16.onnx"), cls)) {
            assertThat(bf16.dimension()).isEqualTo(8);
            List<float[]> want = full.embedAll(tiles);
            List<float[]> got = bf16.embedAll(tiles);
            // The layer-normed class token is of order 1; bfloat16 weights (8 significant bits) move it by a few hundredths.
            for (int n = 0; n < tiles.size(); n++) {
                for (int i = 0; i < 8; i++) assertThat((double) got.get(n)[i]).as("tile " + n + ", feature " + i).isCloseTo(want.get(n)[i], within(0.05));
            }
            assertThat(got.get(0)).isNotEqualTo(want.get(0));
        }
    }

    @Test
    void theRewrittenGraphPassesOnnxsCheckerAndSaysBfloat16OnlyOfTheStoredWeights() throws Exception {
        for (String name : List.of("tiny-cnn-bf16.onnx", "tiny-vit-tokens-bf16.onnx")) {
            Path rewritten = dir.resolve(name);
            Files.write(rewritten, OnnxBfloat16.widened(OnnxTileEncoderTest.onnxFile(name)).orElseThrow().model().toByteArray());
            String report = python("""
                    import sys, onnx
                    from onnx import TensorProto
                    m = onnx.load(sys.argv[1])
                    onnx.checker.check_model(m, full_check=True)
                    g = m.graph
                    typed = [v for v in list(g.input) + list(g.output) + list(g.value_info) if v.type.tensor_type.elem_type == TensorProto.BFLOAT16]
                    consts = [n for n in g.node for a in n.attribute if a.t.data_type == TensorProto.BFLOAT16 or (a.name == "to" and a.i == TensorProto.BFLOAT16)]
                    stored = sum(1 for i in g.initializer if i.data_type == TensorProto.BFLOAT16)
                    casts = sum(1 for n in g.node if n.op_type == "Cast" and n.input[0].endswith("::bfloat16"))
                    print(len(typed), len(consts), stored, casts, g.input[0].type.tensor_type.elem_type, g.output[0].type.tensor_type.elem_type)
                    """, rewritten.toString());
            String[] counts = report.trim().split(" ");
            assertThat(counts[0]).as(name + ": values typed bfloat16").isEqualTo("0");
            assertThat(counts[1]).as(name + ": constants and casts in bfloat16").isEqualTo("0");
            assertThat(Integer.parseInt(counts[2])).as(name + ": weights still stored in bfloat16").isPositive().isEqualTo(Integer.parseInt(counts[3]));
            assertThat(counts[4] + " " + counts[5]).as(name + ": tiles and embeddings").isEqualTo("1 1");
        }
    }

    @Test
    void aFloatModelIsLeftAsItIsAndAFileThatIsNotProtobufIsNamed() throws Exception {
        assertThat(OnnxBfloat16.widened(OnnxTileEncoderTest.onnxFile("tiny-cnn.onnx"))).isEmpty();
        assertThat(OnnxBfloat16.widened(OnnxTileEncoderTest.onnxFile("tiny-cnn-fp16.onnx"))).isEmpty();
        byte[] whole = Files.readAllBytes(OnnxTileEncoderTest.onnxFile("tiny-cnn-bf16.onnx"));
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> OnnxBfloat16.widened(cut)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("not an ONNX model").hasMessageContaining("bytes");
        // Through the encoder: ONNX Runtime's refusal, naming the file, as for any file that is not a model.
        assertThatThrownBy(() -> OnnxTileEncoder.load(cut, 64)).isInstanceOf(UnusableInputException.class).hasMessageContaining(cut.toString());
    }

    private static List<RgbImage> randomTiles(int count, int side, long seed) {
        Random random = new Random(seed);
        List<RgbImage> tiles = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int[] px = new int[side * side];
            for (int i = 0; i < px.length; i++) px[i] = random.nextInt(0x1000000);
            tiles.add(new RgbImage(side, side, px));
        }
        return tiles;
    }

    private String python(String script, String... args) throws Exception {
        Path file = dir.resolve("check.py");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", file.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
