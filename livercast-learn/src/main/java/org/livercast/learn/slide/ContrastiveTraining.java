package org.livercast.learn.slide;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.livercast.learn.nn.Torch;
import org.livercast.pathology.analysis.TileGrid;
import org.livercast.pathology.analysis.TissueMask;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Self-supervised training of {@link ContrastiveTileEncoder} on a cohort's own tissue tiles (SimCLR, Chen et al. 2020):
 * each tile is seen twice under random augmentation — crop, flips, quarter turns, and per-channel intensity changes
 * that mimic stain variation between centres — and the network learns to recognise the two views of a tile among all
 * the views of the batch (NT-Xent loss, temperature 0.2, through a projection head dropped afterwards). No outcome
 * enters: only pixels. Deterministic for a seed.
 */
public final class ContrastiveTraining {
    private ContrastiveTraining() {}

    /** @param features the encoder's outputs ({@link ContrastiveTileEncoder#DEFAULT_FEATURES} unless given) */
    public record Options(int tilesPerSlide, int epochs, int batchSize, long seed, int features) {
        public Options {
            if (features < 1 || features > ContrastiveTileEncoder.MAX_FEATURES) {
                throw new IllegalArgumentException("a tile encoder has 1 to " + ContrastiveTileEncoder.MAX_FEATURES + " features, not " + features);
            }
        }

        public Options(int tilesPerSlide, int epochs, int batchSize, long seed) {
            this(tilesPerSlide, epochs, batchSize, seed, ContrastiveTileEncoder.DEFAULT_FEATURES);
        }

        public static Options defaults() { return new Options(40, 20, 64, 1); }
    }

    public record Result(List<Double> lossPerEpoch, int tiles) {}

    /** Tiles from every slide (at most {@code tilesPerSlide}, evenly spread over its tissue), reduced to 64 px. */
    public static List<RgbImage> sampleTiles(List<Path> slides, int tilesPerSlide) throws IOException {
        List<RgbImage> out = new ArrayList<>();
        for (Path p : slides) {
            try (WholeSlide s = Slides.open(p)) {
                TissueMask mask = TissueMask.of(TileGrid.overview(s, 512));
                List<TileGrid.Tile> grid = TileGrid.of(s, mask, SlideBags.MPP, SlideBags.TILE_PX, SlideBags.MIN_TISSUE);
                int step = Math.max(1, grid.size() / Math.max(1, tilesPerSlide));
                for (int k = 0; k < tilesPerSlide && k * step < grid.size(); k++) {
                    out.add(ContrastiveTileEncoder.reduce(TileGrid.read(s, grid.get(k * step))));
                }
            }
        }
        return out;
    }

    /** Trains on the tiles and writes the encoder file. */
    public static Result train(List<RgbImage> tiles, Options o, Path out, Consumer<String> progress) throws IOException {
        if (tiles.size() < 2 * 2) throw new IllegalArgumentException(tiles.size() + " tiles: contrastive training needs at least 4");
        Torch.engine();
        Torch.seed(o.seed());
        Random rnd = new Random(o.seed());
        SequentialBlock backbone = ContrastiveTileEncoder.backbone(o.features());
        SequentialBlock net = new SequentialBlock().add(backbone).add(Linear.builder().setUnits(32).build());
        List<Double> losses = new ArrayList<>();
        try (Model model = Model.newInstance("livercast-contrastive")) {
            model.setBlock(net);
            var cfg = new DefaultTrainingConfig(Loss.l2Loss())   // the real loss is NT-Xent, below
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            int side = ContrastiveTileEncoder.SIDE;
            int batch = Math.min(o.batchSize(), tiles.size());
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(2L * batch, 3, side, side));
                List<RgbImage> order = new ArrayList<>(tiles);
                for (int epoch = 0; epoch < o.epochs(); epoch++) {
                    Collections.shuffle(order, rnd);
                    double sum = 0;
                    int batches = 0;
                    for (int from = 0; from + batch <= order.size(); from += batch) {
                        float[] x = new float[2 * batch * 3 * side * side];
                        int plane = 3 * side * side;
                        for (int i = 0; i < batch; i++) {
                            RgbImage t = order.get(from + i);
                            System.arraycopy(ContrastiveTileEncoder.chw(augment(t, rnd)), 0, x, i * plane, plane);
                            System.arraycopy(ContrastiveTileEncoder.chw(augment(t, rnd)), 0, x, (batch + i) * plane, plane);
                        }
                        try (NDManager m = trainer.getManager().newSubManager(); GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray z = trainer.forward(new NDList(m.create(x, new Shape(2L * batch, 3, side, side)))).singletonOrThrow();
                            NDArray loss = ntXent(m, z, batch, 0.2f);
                            gc.backward(loss);
                            sum += loss.getFloat();
                            batches++;
                        }
                        trainer.step();
                    }
                    losses.add(sum / Math.max(1, batches));
                    progress.accept(String.format(java.util.Locale.ROOT, "  epoch %3d  contrastive loss %.4f", epoch, losses.get(epoch)));
                }
            }
            ContrastiveTileEncoder.save(backbone, o.features(), out);
        }
        return new Result(List.copyOf(losses), tiles.size());
    }

    /** NT-Xent over 2B views: rows i and i + B are the two views of one tile; every other view is a negative. */
    static NDArray ntXent(NDManager m, NDArray z, int b, float temperature) {
        NDArray unit = z.div(z.norm(new int[] {1}, true).add(1e-8f));
        NDArray sim = unit.matMul(unit.transpose()).div(Torch.scalar(unit, temperature)).sub(m.eye(2 * b).mul(1e9f));
        float[] positives = new float[4 * b * b];
        for (int i = 0; i < 2 * b; i++) positives[i * 2 * b + (i + b) % (2 * b)] = 1f;
        NDArray target = m.create(positives, new Shape(2L * b, 2L * b));
        return sim.logSoftmax(1).mul(target).sum(new int[] {1}).mean().neg();
    }

    /**
     * A random view of a 64 px tile: a crop of 40–64 px resized back to 64 (nearest), flips and quarter turns, and each
     * channel scaled by 0.85–1.15 and shifted by ±20 (of 255).
     */
    static RgbImage augment(RgbImage t, Random rnd) {
        int side = ContrastiveTileEncoder.SIDE;
        int crop = 40 + rnd.nextInt(side - 40 + 1);
        int ox = rnd.nextInt(side - crop + 1);
        int oy = rnd.nextInt(side - crop + 1);
        boolean flip = rnd.nextBoolean();
        int turns = rnd.nextInt(4);
        double[] scale = {0.85 + 0.3 * rnd.nextDouble(), 0.85 + 0.3 * rnd.nextDouble(), 0.85 + 0.3 * rnd.nextDouble()};
        double[] shift = {40 * rnd.nextDouble() - 20, 40 * rnd.nextDouble() - 20, 40 * rnd.nextDouble() - 20};
        int[] out = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int u = x;
                int v = y;
                for (int k = 0; k < turns; k++) {
                    int tmp = u;
                    u = side - 1 - v;
                    v = tmp;
                }
                if (flip) u = side - 1 - u;
                int sx = ox + u * crop / side;
                int sy = oy + v * crop / side;
                int p = t.pixels()[sy * side + sx];
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    int value = p >> (16 - 8 * c) & 0xFF;
                    int w = (int) Math.round(Math.max(0, Math.min(255, value * scale[c] + shift[c])));
                    rgb |= w << (16 - 8 * c);
                }
                out[y * side + x] = rgb;
            }
        }
        return new RgbImage(side, side, out);
    }
}
