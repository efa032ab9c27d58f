package org.livercast.learn.slide;

import org.livercast.learn.data.UnusableInputException;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livercast.learn.nn.Torch;
import org.livercast.pathology.slide.RgbImage;

/**
 * A user's tile encoder — e.g. a pathology foundation model exported with {@code torch.jit.trace} or
 * {@code torch.jit.script} — loaded from a TorchScript file, never downloaded. It takes [N, 3, S, S] tiles as
 * {@link NetworkTiles} prepares them and returns [N, D] embeddings (or [N, T, D] tokens that it pools). The encoder's id
 * carries the file's SHA-256 and how the network is read (side, normalisation, pooling), so cached embeddings and
 * trained models name exactly the encoder they came from. Runs on CPU.
 */
public final class TorchScriptTileEncoder implements TileEncoder, AutoCloseable {
    /** Tiles per forward pass: enough to amortise the call, small enough for any CPU's memory. */
    static final int BATCH = 32;

    private final Path file;
    private final NetworkTiles reading;
    private final String id;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    /** The tiles' element type: the weights' (float32, or float16 for a model saved in half precision). */
    private final DataType inputType;
    private final int dimension;

    private TorchScriptTileEncoder(Path file, NetworkTiles reading, String sha, ZooModel<NDList, NDList> model) throws IOException {
        this.file = file;
        this.reading = reading;
        this.id = "torchscript-" + sha.substring(0, 16) + reading.idSuffix();
        this.model = model;
        this.inputType = weightType(file, model);
        this.predictor = model.newPredictor();
        int s = reading.sidePx();
        float[][] probe = run(List.of(new RgbImage(s, s, new int[s * s])));
        this.dimension = probe[0].length;
    }

    /**
     * ImageNet-normalised {@code inputPx} tiles, the model's [N, D] output as it is.
     *
     * @param inputPx the side the model expects (e.g. 224); tiles are resized to it
     * @throws IOException naming the file when it is missing, not TorchScript, or does not map [1, 3, S, S] to [1, D]
     */
    public static TorchScriptTileEncoder load(Path file, int inputPx) throws IOException {
        return load(file, NetworkTiles.of(inputPx));
    }

    /** As {@link #load(Path, int)}, the network read as {@code reading} says. */
    public static TorchScriptTileEncoder load(Path file, NetworkTiles reading) throws IOException {
        if (!Files.isRegularFile(file)) throw new UnusableInputException(file + ": no such TorchScript file");
        Torch.engine();
        // Loaded by hand rather than through a Criteria: DJL's loader (0.36) leaves the model it made open when the file
        // does not load, for a finalizer to free.
        ai.djl.Model loaded = ai.djl.Model.newInstance(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""), "PyTorch");
        try {
            loaded.load(file.toAbsolutePath());
        } catch (MalformedModelException | IOException | RuntimeException e) {
            loaded.close();
            throw new UnusableInputException(file + ": not a TorchScript model PyTorch can load: " + e.getMessage(), e);
        }
        ZooModel<NDList, NDList> model = new ZooModel<>(loaded, new NoopTranslator());
        try {
            return new TorchScriptTileEncoder(file, reading, SlideBags.sha256(file), model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The element type the network's weights are in, which its tiles must be in too (a convolution does not mix them):
     * float32, or float16 for a model saved with {@code .half()}. A model in bfloat16 is refused by name — DJL's PyTorch
     * engine has no bfloat16 tensors to give it (its parameters read as an unknown type, and converting tiles to bfloat16
     * ends the process) — pointing at the two ways that work.
     */
    private static DataType weightType(Path file, ZooModel<NDList, NDList> model) throws IOException {
        for (var p : model.getBlock().getParameters()) {
            DataType type = p.getValue().getArray().getDataType();
            if (type == DataType.FLOAT32 || type == DataType.FLOAT16) return type;
            if (type == DataType.UNKNOWN) {
                throw new UnusableInputException(file + ": its parameter " + p.getKey() + " is of a type the PyTorch engine here cannot give tiles in"
                        + " (bfloat16, or a quantized type); save it in float32 (model.float() before torch.jit.trace)"
                        + " or export it to ONNX, where a bfloat16 model is computed in float32");
            }
        }
        return DataType.FLOAT32;
    }

    public Path file() { return file; }

    public NetworkTiles reading() { return reading; }

    @Override
    public java.util.Optional<TileEncoderSource> source() { return java.util.Optional.of(TileEncoderSource.of(file, reading)); }

    @Override
    public String id() { return id; }

    @Override
    public List<String> featureNames() { return TileEncoder.numberedFeatures("ts_", dimension); }

    @Override
    public int dimension() { return dimension; }

    @Override
    public float[] embed(RgbImage tile) { return embedAll(List.of(tile)).get(0); }

    @Override
    public List<float[]> embedAll(List<RgbImage> tiles) {
        List<float[]> out = new ArrayList<>(tiles.size());
        for (int from = 0; from < tiles.size(); from += BATCH) {
            try {
                for (float[] e : run(tiles.subList(from, Math.min(tiles.size(), from + BATCH)))) out.add(e);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }

    /** One forward pass; a predictor runs one call at a time. */
    private synchronized float[][] run(List<RgbImage> tiles) throws IOException {
        int s = reading.sidePx();
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(reading.nchw(tiles), new Shape(tiles.size(), 3, s, s));
            if (inputType != DataType.FLOAT32) x = x.toType(inputType, false);
            NDArray y = predictor.predict(new NDList(x)).get(0);
            if (y.getDataType() != DataType.FLOAT32) y = y.toType(DataType.FLOAT32, false);
            return reading.embeddings(file, y.toFloatArray(), y.getShape().getShape(), tiles.size());
        } catch (TranslateException e) {
            throw new UnusableInputException(file + ": the model failed on a [" + tiles.size() + ", 3, " + s + ", " + s + "] input: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
