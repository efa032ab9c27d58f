package org.livercast.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.livercast.core.io.Folders;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.PostModel;
import org.livercast.learn.slide.HistologyFeatureEncoder;
import org.livercast.learn.slide.ImportedTileFeatures;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.slide.TileEncoder;

/**
 * End-to-end POST prediction for one patient — read the reports, read the cached tile embeddings, encode, run the
 * network, occlusion contributions and the slide attention — timed per patient after a warm-up, and the cold cost of
 * embedding one slide (the built-in histology features). Usage: PredictionLatencyBenchmark MODEL_DIR COHORT_DIR TILE_CACHE
 * [FEATURES_DIR]: with a folder of tile features extracted elsewhere (a model trained with {@code --tile-encoder DIR}),
 * the slides' tiles are read from it, and the cold cost is reading one slide's file.
 */
public final class PredictionLatencyBenchmark {
    private PredictionLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (PostModel model = new PostModel(ModelStore.load(Path.of(args[0])))) {
            double load = (System.nanoTime() - t0) / 1e9;
            // Patients with a slide first: the slide is the costly input, and a development cohort may give few of them one.
            List<PatientCase> cases = CohortExport.read(Path.of(args[1]), LocalDate.of(2026, 6, 30)).cases().stream()
                    .sorted(java.util.Comparator.comparing((PatientCase c) -> c.slide().isEmpty())).toList();
            TileEncoder encoder = args.length > 3 ? ImportedTileFeatures.open(Path.of(args[3])) : new HistologyFeatureEncoder();
            SlideBags bags = new SlideBags(encoder, Path.of(args[2]));
            int warmUp = args.length > 3 ? 3 : 20;
            for (PatientCase c : cases.subList(0, Math.min(warmUp, cases.size()))) model.predict(PostOperativeInputs.of(c, bags));
            int n = Math.min(args.length > 3 ? 20 : 100, cases.size());
            int tiles = 0;
            double[] t = new double[n];
            int withSlide = 0;
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                var p = model.predict(PostOperativeInputs.of(cases.get(i), bags));
                t[i] = (System.nanoTime() - s) / 1e9;
                if (!p.slideAttention().isEmpty()) withSlide++;
                tiles = Math.max(tiles, p.slideAttention().size());
            }
            Arrays.sort(t);
            SlideBags cold = new SlideBags(encoder, Folders.deleteTreeOnExit(java.nio.file.Files.createTempDirectory("cold-cache")));
            long s = System.nanoTime();
            var bag = cold.of(cases.get(0).slide().orElseThrow());
            double embed = (System.nanoTime() - s) / 1e9;
            System.out.printf(Locale.ROOT, "model load %.3f s; prediction per patient (cached embeddings, %d of %d with a slide, up to %d tiles of %d features): "
                    + "median %.4f s, max %.4f s%n", load, withSlide, n, tiles, encoder.dimension(), t[n / 2], t[n - 1]);
            System.out.printf(Locale.ROOT, "cold: %s one slide (%d tissue tiles) %.2f s = %.0f tiles/s on one thread%n",
                    args.length > 3 ? "reading the features of" : "embedding", bag.size(), embed, bag.size() / embed);
        }
    }
}
