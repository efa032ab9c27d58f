package org.livercast.learn.slide;

import org.livercast.learn.data.UnusableInputException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livercast.learn.nn.Torch;
import org.livercast.pathology.slide.RgbImage;

/**
 * A tile encoder trained here, on the cohort's own tiles, without labels ({@link ContrastiveTraining}): a small CNN
 * (three 3×3 stride-2 convolutions with ReLU, 16 → 32 → F channels, global average pooling) over the tile reduced to
 * 64 × 64 px by 4 × 4 averaging (2 µm/px for a 256 px tile at 0.5 µm/px), giving F features (16 by default: with 64, as
 * the first version had, POST's attention network over ~1,000 training slides did worse than with the 16 built-in
 * histology features — RFS C-index 0.673 against 0.703 — and with 16 it matches them, 0.703; BENCHMARKS.md). Saved as
 * one file (magic, version, F, the network's parameters; version 1 files, without F, have 64); its id carries the
 * file's SHA-256. Runs on CPU.
 */
public final class ContrastiveTileEncoder implements TileEncoder, AutoCloseable {
    static final int SIDE = 64;
    public static final int DEFAULT_FEATURES = 16;
    /** What a version 1 file (before the number of features was saved) holds. */
    static final int VERSION_1_FEATURES = 64;
    public static final int MAX_FEATURES = 1024;
    private static final int MAGIC = 0x4C43_5445;  // "LCTE"
    static final int VERSION = 2;

    private final Model model;
    private final String id;
    private final int features;
    private final Path file;

    private ContrastiveTileEncoder(Model model, String id, int features, Path file) {
        this.model = model;
        this.id = id;
        this.features = features;
        this.file = file;
    }

    /** Read from its file, whose side and normalisation are its own (the defaults stand for them). */
    @Override
    public java.util.Optional<TileEncoderSource> source() { return java.util.Optional.of(TileEncoderSource.of(file, NetworkTiles.of(224))); }

    /** The backbone with {@code features} outputs: what gives the embedding (training adds a projection head on top). */
    static SequentialBlock backbone(int features) {
        SequentialBlock b = new SequentialBlock();
        for (int filters : new int[] {16, 32, features}) {
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())
                    .add(Activation.reluBlock());
        }
        return b.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }

    /** True when the file starts as a saved contrastive encoder does (so a TorchScript file is told apart). */
    public static boolean isOne(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return in.readInt() == MAGIC;
        } catch (java.io.EOFException e) {
            return false;
        }
    }

    public static ContrastiveTileEncoder load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) throw new UnusableInputException(file + ": not a LiverCast tile encoder (no LCTE header)");
            int version = in.readInt();
            if (version != 1 && version != VERSION) throw new UnusableInputException(file + ": tile encoder format " + version + ", this LiverCast reads 1 and " + VERSION);
            int features = version == 1 ? VERSION_1_FEATURES : in.readInt();
            if (features < 1 || features > MAX_FEATURES) {
                throw new UnusableInputException(file + ": damaged tile encoder: " + features + " features (1 to " + MAX_FEATURES + " expected)");
            }
            Torch.engine();
            Model model = Model.newInstance("livercast-tile-encoder");
            SequentialBlock net = backbone(features);
            model.setBlock(net);
            try {
                net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, SIDE, SIDE));
                net.loadParameters(model.getNDManager(), in);
            } catch (ai.djl.MalformedModelException | RuntimeException e) {
                model.close();
                throw new UnusableInputException(file + ": damaged tile encoder: " + e.getMessage(), e);
            }
            return new ContrastiveTileEncoder(model, "cnn-contrastive-"
                    + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16), features, file);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the backbone's parameters as a tile-encoder file. */
    static void save(SequentialBlock backbone, int features, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(features);
            backbone.saveParameters(out);
        }
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent() == null ? Path.of(".") : file.getParent(), "encoder", ".tmp");
        Files.write(tmp, bytes.toByteArray());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String id() { return id; }

    @Override
    public List<String> featureNames() { return TileEncoder.numberedFeatures("cnn_", features); }

    @Override
    public int dimension() { return features; }

    @Override
    public float[] embed(RgbImage tile) { return embedAll(List.of(tile)).get(0); }

    @Override
    public synchronized List<float[]> embedAll(List<RgbImage> tiles) {
        List<float[]> out = new ArrayList<>(tiles.size());
        if (tiles.isEmpty()) return out;
        float[] x = new float[tiles.size() * 3 * SIDE * SIDE];
        for (int n = 0; n < tiles.size(); n++) System.arraycopy(chw(reduce(tiles.get(n))), 0, x, n * 3 * SIDE * SIDE, 3 * SIDE * SIDE);
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray in = m.create(x, new Shape(tiles.size(), 3, SIDE, SIDE));
            float[] flat = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow().toFloatArray();
            for (int n = 0; n < tiles.size(); n++) {
                float[] e = new float[features];
                System.arraycopy(flat, n * features, e, 0, features);
                out.add(e);
            }
        }
        return out;
    }

    /** A tile reduced to 64 × 64 by averaging equal blocks (a 256 px tile: 4 × 4); other sizes are sampled bilinearly. */
    static RgbImage reduce(RgbImage t) {
        if (t.width() == SIDE && t.height() == SIDE) return t;
        int[] out = new int[SIDE * SIDE];
        if (t.width() % SIDE == 0 && t.height() % SIDE == 0) {
            int fx = t.width() / SIDE;
            int fy = t.height() / SIDE;
            int n = fx * fy;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int r = 0, g = 0, b = 0;
                    for (int j = 0; j < fy; j++) {
                        for (int i = 0; i < fx; i++) {
                            int p = t.pixels()[(y * fy + j) * t.width() + x * fx + i];
                            r += p >> 16 & 0xFF;
                            g += p >> 8 & 0xFF;
                            b += p & 0xFF;
                        }
                    }
                    out[y * SIDE + x] = (r / n) << 16 | (g / n) << 8 | (b / n);
                }
            }
            return new RgbImage(SIDE, SIDE, out);
        }
        return t.resized(SIDE, SIDE);
    }

    /** Channel-major floats centred on mid-grey: (v / 255 − 0.5) / 0.25. */
    static float[] chw(RgbImage t) {
        int n = SIDE * SIDE;
        float[] x = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int p = t.pixels()[i];
            x[i] = ((p >> 16 & 0xFF) / 255f - 0.5f) / 0.25f;
            x[n + i] = ((p >> 8 & 0xFF) / 255f - 0.5f) / 0.25f;
            x[2 * n + i] = ((p & 0xFF) / 255f - 0.5f) / 0.25f;
        }
        return x;
    }

    @Override
    public void close() { model.close(); }
}
