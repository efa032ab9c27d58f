package org.livercast.learn.slide;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.pathology.slide.RgbImage;

/**
 * A user's tile encoder exported to ONNX ({@code torch.onnx.export}, or any framework's exporter) — the form in which
 * many pathology foundation models are deployed — loaded from a file and run by ONNX Runtime on CPU, never downloaded.
 * Like {@link TorchScriptTileEncoder} it takes [N, 3, S, S] tiles as {@link NetworkTiles} prepares them (or channels
 * last, [N, S, S, 3], as a TensorFlow model converted by tf2onnx takes them) and returns [N, D] embeddings (or [N, T, D]
 * tokens that it pools), so one network in either format gives the same embeddings (to float rounding); its id carries
 * the SHA-256 of the file and of the weights files it names ({@link OnnxFiles}) and how the network is read. A model
 * exported with a fixed batch size is run that many tiles at a time; one whose input side is fixed must be given that
 * side. The embedding is the model's first output of rank 2 (an export that also gives its feature maps or a
 * transformer's tokens, before or after the pooled embedding, is read for the embedding) — or of rank 3 when its tokens
 * are to be pooled. A model exported in half precision (float16, as for a GPU) is fed its tiles in float16 and its
 * embeddings read back as floats: ONNX Runtime runs such a graph on the CPU as it is. A model in bfloat16, which it does
 * not run, is computed in float32 from its bfloat16 weights ({@link OnnxBfloat16}).
 */
public final class OnnxTileEncoder implements TileEncoder, AutoCloseable {
    /** Tiles per forward pass when the model accepts any batch size: as the TorchScript encoder's. */
    static final int BATCH = TorchScriptTileEncoder.BATCH;

    private final Path file;
    private final NetworkTiles reading;
    private final String id;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final int batch;
    private final boolean fixedBatch;
    /** Whether the model takes channels-last tiles [N, S, S, 3] (a converted TensorFlow model) rather than [N, 3, S, S]. */
    private final boolean channelsLast;
    /** The tiles' element type: float, or float16 for a model exported in half precision. */
    private final OnnxJavaType inputType;
    private final int dimension;

    private OnnxTileEncoder(Path file, NetworkTiles reading, String sha, OrtSession session) throws IOException {
        this.file = file;
        this.reading = reading;
        this.id = "onnx-" + sha.substring(0, 16) + reading.idSuffix();
        this.session = session;
        Map.Entry<String, NodeInfo> input = onlyImageInput(file, session, reading.sidePx());
        this.inputName = input.getKey();
        this.outputName = embeddingOutput(file, session, reading);
        long[] inputShape = ((TensorInfo) input.getValue().getInfo()).getShape();
        this.channelsLast = channelsLast(inputShape);
        this.inputType = ((TensorInfo) input.getValue().getInfo()).type;
        long exportedBatch = inputShape[0];
        this.fixedBatch = exportedBatch > 0;
        this.batch = fixedBatch ? (int) exportedBatch : BATCH;
        // Through embedAll, so that a model exported for a fixed batch gets its whole batch here too.
        this.dimension = embedAll(List.of(blank())).get(0).length;
    }

    /**
     * ImageNet-normalised {@code inputPx} tiles, the model's [N, D] output as it is.
     *
     * @param inputPx the side the model expects (e.g. 224); tiles are resized to it
     * @throws IOException naming the file when it is missing, not ONNX, or does not map [N, 3, S, S] floats to [N, D]
     */
    public static OnnxTileEncoder load(Path file, int inputPx) throws IOException {
        return load(file, NetworkTiles.of(inputPx));
    }

    /** As {@link #load(Path, int)}, the network read as {@code reading} says. */
    public static OnnxTileEncoder load(Path file, NetworkTiles reading) throws IOException {
        if (!Files.isRegularFile(file)) throw new UnusableInputException(file + ": no such ONNX file");
        // Before ONNX Runtime reads it: a missing weights file is named, and the id covers the weights wherever they are.
        String sha = OnnxFiles.sha256(file);
        OrtSession session;
        try {
            OrtEnvironment.getEnvironment();  // loads ONNX Runtime, which unpacks its libraries into a folder of its own
            OnnxRuntimeFolder.deleteOnExit();
            session = openSession(file);
        } catch (OrtException | RuntimeException e) {
            throw new UnusableInputException(file + ": not an ONNX model ONNX Runtime can load: " + e.getMessage(), e);
        }
        try {
            return new OnnxTileEncoder(file, reading, sha, session);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A session for the file; a model in bfloat16, which ONNX Runtime's CPU kernels do not take (it refuses the graph),
     * is opened rewritten to compute in float32 ({@link OnnxBfloat16}; its weights read from where they are).
     */
    private static OrtSession openSession(Path file) throws OrtException, IOException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        String path = file.toAbsolutePath().toString();
        try {
            return openSession(options -> environment.createSession(path, options));
        } catch (OrtException refused) {
            // Read whole only now: a float model, the usual case, is never read into the heap.
            Optional<OnnxBfloat16.Widened> widened = OnnxBfloat16.widened(file);
            if (widened.isEmpty()) throw refused;
            ProtoWire.Chunks model = widened.get().model();
            try {
                return widened.get().externalData() ? openInMemory(environment, model, file) : openWritten(environment, model);
            } catch (OrtException again) {
                again.addSuppressed(refused);
                throw again;
            }
        }
    }

    /**
     * A rewritten model whose weights are inside it (up to 2 GB: a ViT-H in bfloat16 is 1.3 GB) opened from a temporary
     * file it is written to piece by piece, deleted once the session holds it: the heap holds the file's bytes once, not
     * also a second array of the rewrite.
     */
    private static OrtSession openWritten(OrtEnvironment environment, ProtoWire.Chunks model) throws OrtException, IOException {
        Path temp = Files.createTempFile("livercast-float32-", ".onnx");
        try {
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 20)) {
                model.writeTo(out);
            }
            return openSession(options -> environment.createSession(temp.toString(), options));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A rewritten model whose weights are in external-data files beside the user's (a small graph) opened from memory;
     * ONNX Runtime is told that folder, as it has no file of the model's to find them beside.
     */
    private static OrtSession openInMemory(OrtEnvironment environment, ProtoWire.Chunks model, Path file) throws OrtException {
        byte[] bytes = model.toByteArray();
        String folder = file.toAbsolutePath().getParent().toString();
        return openSession(options -> {
            options.addConfigEntry("session.model_external_initializers_file_folder_path", folder);
            return environment.createSession(bytes, options);
        });
    }

    /** How a session is created from options: from the file's path, or from a rewritten model's bytes. */
    private interface SessionSource {
        OrtSession open(OrtSession.SessionOptions options) throws OrtException;
    }

    /**
     * A session with every graph optimisation, or — when that fails to initialise — with all but the layout ones: ONNX
     * Runtime 1.23 cannot fuse the layer norms of a float16 ViT (bench/tile-encoder-vs-pytorch.sh's ViT-S/16 in float16)
     * with the casts it inserts where its CPU kernels lack float16, and stops; the extended level runs it. The
     * optimisations change how the graph is computed, not what it computes, so the embeddings are the model's either way.
     */
    private static OrtSession openSession(SessionSource source) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Its failure is ours to report (or to recover from, below): not also an error line from ONNX Runtime's log.
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            return source.open(options);
        } catch (OrtException all) {
            if (all.getCode() != OrtException.OrtErrorCode.ORT_RUNTIME_EXCEPTION) throw all;
            try (OrtSession.SessionOptions extended = new OrtSession.SessionOptions()) {
                extended.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
                extended.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
                return source.open(extended);
            } catch (OrtException again) {
                all.addSuppressed(again);
                throw all;
            }
        }
    }

    /** [N, S, S, 3] rather than [N, 3, S, S]: three channels last and not first (a fully free shape is taken as PyTorch's). */
    private static boolean channelsLast(long[] shape) {
        return shape[3] == 3 && shape[1] != 3;
    }

    /**
     * The floating-point types a tile encoder's tiles and embeddings may have (ONNX Runtime reads float16 back as floats).
     * Not bfloat16: a model of it is opened rewritten to float32 ({@link OnnxBfloat16}), so its tiles are floats.
     */
    private static boolean floating(OnnxJavaType type) {
        return type == OnnxJavaType.FLOAT || type == OnnxJavaType.FLOAT16;
    }

    /** The model's one input, checked to be float [N, 3, S, S] (or [N, S, S, 3]) with S (when fixed) the side asked for. */
    private static Map.Entry<String, NodeInfo> onlyImageInput(Path file, OrtSession session, int inputPx) throws IOException {
        Map<String, NodeInfo> inputs;
        try {
            inputs = session.getInputInfo();
        } catch (OrtException e) {
            throw new UnusableInputException(file + ": its inputs cannot be read: " + e.getMessage(), e);
        }
        if (inputs.size() != 1) throw new UnusableInputException(file + ": the model has inputs " + inputs.keySet() + "; a tile encoder has one, the tiles");
        Map.Entry<String, NodeInfo> input = inputs.entrySet().iterator().next();
        if (!(input.getValue().getInfo() instanceof TensorInfo t) || !floating(t.type) || t.getShape().length != 4
                || (t.getShape()[1] > 0 && t.getShape()[1] != 3 && t.getShape()[3] != 3)) {
            throw new UnusableInputException(file + ": input " + input.getKey() + " is " + describe(input.getValue())
                    + "; a tile encoder takes float tiles (32 or 16 bit) [N, 3, S, S] (or channels last, [N, S, S, 3])");
        }
        long[] shape = t.getShape();
        int h = channelsLast(shape) ? 1 : 2;
        if ((shape[h] > 0 && shape[h] != inputPx) || (shape[h + 1] > 0 && shape[h + 1] != inputPx)) {
            throw new UnusableInputException(file + ": the model takes " + shape[h] + " x " + shape[h + 1] + " px tiles, not " + inputPx
                    + " (give its side with --tile-encoder-px)");
        }
        return input;
    }

    /**
     * The first output declared as a float tensor of the rank the reading expects: [N, D] embeddings, or [N, T, D] tokens
     * when they are pooled here. A model that gives only tokens, read for embeddings, is refused saying how to pool them.
     */
    private static String embeddingOutput(Path file, OrtSession session, NetworkTiles reading) throws IOException {
        Map<String, NodeInfo> outputs;
        try {
            outputs = session.getOutputInfo();
        } catch (OrtException e) {
            throw new UnusableInputException(file + ": its outputs cannot be read: " + e.getMessage(), e);
        }
        for (Map.Entry<String, NodeInfo> o : outputs.entrySet()) {
            if (o.getValue().getInfo() instanceof TensorInfo t && floating(t.type) && t.getShape().length == reading.outputRank()) return o.getKey();
        }
        List<String> described = outputs.entrySet().stream().map(o -> o.getKey() + " " + describe(o.getValue())).toList();
        boolean hasTokens = outputs.values().stream().anyMatch(o -> o.getInfo() instanceof TensorInfo t && floating(t.type) && t.getShape().length == 3);
        String hint = !reading.pooling().poolsTokens() && hasTokens ? "; for a transformer's tokens give --tile-encoder-tokens cls|mean[:K]|cls+mean[:K]" : "";
        throw new UnusableInputException(file + ": no output is " + reading.expectedOutput() + " (outputs: " + String.join(", ", described)
                + "); a tile encoder returns " + reading.expectedOutput() + hint);
    }

    /** A tensor as its exporter would write it, e.g. float [?, 8, 16, 16] (? for a free dimension). */
    private static String describe(NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo t)) return node.getInfo().getClass().getSimpleName();
        return t.type.name().toLowerCase(java.util.Locale.ROOT) + " " + Arrays.stream(t.getShape()).mapToObj(d -> d < 0 ? "?" : Long.toString(d)).toList();
    }

    private RgbImage blank() {
        int s = reading.sidePx();
        return new RgbImage(s, s, new int[s * s]);
    }

    public Path file() { return file; }

    public NetworkTiles reading() { return reading; }

    @Override
    public java.util.Optional<TileEncoderSource> source() { return java.util.Optional.of(TileEncoderSource.of(file, reading)); }

    @Override
    public String id() { return id; }

    @Override
    public List<String> featureNames() { return TileEncoder.numberedFeatures("onnx_", dimension); }

    @Override
    public int dimension() { return dimension; }

    @Override
    public float[] embed(RgbImage tile) { return embedAll(List.of(tile)).get(0); }

    @Override
    public List<float[]> embedAll(List<RgbImage> tiles) {
        List<float[]> out = new ArrayList<>(tiles.size());
        for (int from = 0; from < tiles.size(); from += batch) {
            List<RgbImage> part = new ArrayList<>(tiles.subList(from, Math.min(tiles.size(), from + batch)));
            int real = part.size();
            // A model exported for a fixed batch gets it full: the last batch padded with blank tiles, their rows dropped.
            while (fixedBatch && part.size() < batch) part.add(blank());
            try {
                out.addAll(Arrays.asList(run(part)).subList(0, real));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** One forward pass (ONNX Runtime runs concurrent calls on one session safely). */
    private float[][] run(List<RgbImage> tiles) throws IOException {
        int s = reading.sidePx();
        long[] shape = channelsLast ? new long[] {tiles.size(), s, s, 3} : new long[] {tiles.size(), 3, s, s};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] pixels = channelsLast ? reading.nhwc(tiles) : reading.nchw(tiles);
        try (OnnxTensor x = tensor(env, pixels, shape);
             OrtSession.Result result = session.run(Map.of(inputName, x), java.util.Set.of(outputName))) {
            OnnxValue y = result.get(0);
            if (!(y instanceof OnnxTensor t) || !floating(t.getInfo().type)) {
                throw new UnusableInputException(file + ": the model returned " + y.getInfo() + " for " + tiles.size() + " tiles; a tile encoder returns "
                        + reading.expectedOutput());
            }
            FloatBuffer buffer = t.getFloatBuffer();  // half-precision embeddings widened to float by ONNX Runtime
            float[] flat = new float[buffer.remaining()];
            buffer.get(flat);
            return reading.embeddings(file, flat, t.getInfo().getShape(), tiles.size());
        } catch (OrtException e) {
            throw new UnusableInputException(file + ": the model failed on a " + Arrays.toString(shape) + " input: " + e.getMessage(), e);
        }
    }

    /** The tiles as the model's input type: floats as they are, or each rounded to float16 for a half-precision model. */
    private OnnxTensor tensor(OrtEnvironment env, float[] pixels, long[] shape) throws OrtException {
        if (inputType == OnnxJavaType.FLOAT) return OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape);
        java.nio.ByteBuffer half = java.nio.ByteBuffer.allocateDirect(pixels.length * Short.BYTES).order(java.nio.ByteOrder.nativeOrder());
        java.nio.ShortBuffer shorts = half.asShortBuffer();
        for (float v : pixels) shorts.put(Fp16Conversions.floatToFp16(v));
        return OnnxTensor.createTensor(env, half, shape, OnnxJavaType.FLOAT16);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Nothing was run on it; the load's own error is the one to report.
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }
}
