package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.core.io.Folders;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.slide.ContrastiveTileEncoder;
import org.livercast.learn.slide.ContrastiveTraining;
import org.livercast.learn.slide.HistologyFeatureEncoder;
import org.livercast.learn.slide.SlideBag;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.slide.TileEncoder;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.HeldOut;
import org.livercast.learn.train.TrainingRun;
import org.livercast.learn.train.TruthTable;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.Roc;
import org.livercast.synth.CohortGenerator;

/**
 * What a tile encoder trained here adds: a cohort with slides (3 centres, the last held out); the contrastive encoder
 * trained on the training centres' slides only; then (1) a linear probe of each encoder's slide embeddings against the
 * synthetic truth's tissue variables (fitted on the training centres, R² on the held-out one: {@link EmbeddingProbe}) and
 * (2) POST trained without slides, with the built-in histology features and with the contrastive encoder, measured on
 * the held-out centre. Usage: TileEncoderQualityBenchmark PATIENTS SEED TILES_PER_SLIDE EPOCHS [COHORT_DIR]
 * (a COHORT_DIR that holds a cohort is reused; otherwise one is generated there). {@code -Dfeatures=F} the encoder's outputs (default 16); {@code -Dmembers=N} networks per POST
 * model (default 1: the single networks this benchmark first measured); {@code -Dprobe.only=true} stops after the probe,
 * {@code -Dprobe=false} skips it;
 * {@code -Dpost=contrastive-CNN} trains only the POST models named (comma-separated).
 */
public final class TileEncoderQualityBenchmark {
    private static final LocalDate CUTOFF = LocalDate.of(2026, 6, 30);

    private TileEncoderQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        int perSlide = Integer.parseInt(args[2]);
        int epochs = Integer.parseInt(args[3]);
        Path dir = args.length > 4 ? Path.of(args[4]) : Folders.deleteTreeOnExit(Files.createTempDirectory("encoder-" + seed));
        if (!Files.exists(dir.resolve("truth").resolve("truth.csv"))) {
            long t0 = System.nanoTime();
            CohortGenerator.generate(new CohortGenerator.Options(patients, 3, seed, dir, CUTOFF, false, true,
                    Runtime.getRuntime().availableProcessors()), l -> { });
            System.out.printf(Locale.ROOT, "generated %d patients with slides in %.0f s%n", patients, (System.nanoTime() - t0) / 1e9);
        }
        var cohort = CohortExport.read(dir, CUTOFF);
        TruthTable truth = TruthTable.read(dir).orElseThrow();
        String heldout = cohort.centres().get(cohort.centres().size() - 1);
        List<PatientCase> withSlide = cohort.cases().stream().filter(c -> c.slide().isPresent()).toList();
        List<Path> training = withSlide.stream().filter(c -> !c.centre().equals(heldout)).map(c -> c.slide().get()).toList();
        // Training is deterministic for its seed and tiles: an encoder already trained in this folder is reused.
        int features = Integer.getInteger("features", ContrastiveTileEncoder.DEFAULT_FEATURES);
        Path encoderFile = dir.resolve("encoder-" + seed + "-" + perSlide + "-" + epochs + "-f" + features + ".lcte");
        if (Files.exists(encoderFile)) {
            System.out.println("contrastive encoder: reusing " + encoderFile);
        } else {
            long t1 = System.nanoTime();
            var tiles = ContrastiveTraining.sampleTiles(training, perSlide);
            var r = ContrastiveTraining.train(tiles, new ContrastiveTraining.Options(perSlide, epochs, 64, seed, features), encoderFile, l -> { });
            System.out.printf(Locale.ROOT, "contrastive encoder: %d tiles from %d training-centre slides, %d epochs, loss %.3f -> %.3f (chance %.3f) in %.0f s%n",
                    tiles.size(), training.size(), epochs, r.lossPerEpoch().get(0), r.lossPerEpoch().get(epochs - 1), Math.log(127), (System.nanoTime() - t1) / 1e9);
        }

        Path cache = dir.resolve("cache");
        if (!System.getProperty("probe", "true").equals("false")) {
            System.out.printf("%-24s  %14s  %14s  %14s   (linear probe of the mean tile embedding on the held-out centre's %s HCC slides: R² / r)%n",
                    "probe, tiles by", "grade", "dedifferentiation", "immune", heldout);
            try (TileEncoder histology = new HistologyFeatureEncoder(); TileEncoder cnn = ContrastiveTileEncoder.load(encoderFile)) {
                for (TileEncoder enc : List.of(histology, cnn)) probe(enc, cache, withSlide, heldout, truth);
            }
        }
        if (Boolean.getBoolean("probe.only")) return;

        int members = Integer.getInteger("members", 1);
        System.out.printf("%-24s %7s %7s %7s %7s %7s%n", "POST, tiles by", "AUC", "oracle", "C", "oracle", "slope");
        for (String which : System.getProperty("post", "no-slides,histology-features,contrastive-CNN").split(",")) {
            try (TileEncoder enc = which.equals("contrastive-CNN") ? ContrastiveTileEncoder.load(encoderFile) : null) {
                var o = new TrainingRun.Options(ModelKind.POST, dir, dir.resolve("post-" + which), null,
                        FitConfig.defaults(1).withMembers(members), CUTOFF, which.equals("no-slides") ? null : cache, false, enc);
                long t = System.nanoTime();
                var run = TrainingRun.run(o, line -> { });
                run.model().close();
                Map<String, Object> m = run.report();
                writeHeldOut(dir.resolve("heldout-" + which + ".csv"), run.heldOut());
                System.out.printf(Locale.ROOT, "%-24s %7.3f %7.3f %7.3f %7.3f %7.2f  (%.0f s; calibration in the large %.2f)%n", which, m.get("auc"),
                        m.get("oracle_auc"), m.get("c_index"), m.get("oracle_c_index"), m.get("calibration_slope"), (System.nanoTime() - t) / 1e9,
                        m.get("calibration_in_the_large"));
                MissingInputs.print(m);
            }
        }
        // The same held-out patients in every row: DeLong's paired test says whether two rows' AUCs differ beyond chance
        // (rows measured by an earlier run on this folder count too: their predictions are kept beside the cohort).
        Map<String, BinaryData> measured = new LinkedHashMap<>();
        for (String which : List.of("no-slides", "histology-features", "contrastive-CNN")) {
            Path f = dir.resolve("heldout-" + which + ".csv");
            if (Files.exists(f)) measured.put(which, readHeldOut(f));
        }
        List<String> names = new ArrayList<>(measured.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                BinaryData a = measured.get(names.get(i));
                BinaryData b = measured.get(names.get(j));
                if (!java.util.Arrays.equals(a.outcome(), b.outcome())) {
                    System.out.printf("no paired test of %s and %s: their held-out patients differ (rows from another cohort in this folder?)%n",
                            names.get(i), names.get(j));
                    continue;
                }
                var test = Roc.of(a).deLongTest(Roc.of(b));
                System.out.printf(Locale.ROOT, "paired DeLong %s vs %s: AUC %.3f vs %.3f, z %.2f, p %.3f (%d patients)%n", names.get(i), names.get(j),
                        test.auc1(), test.auc2(), test.z(), test.p(), a.outcome().length);
            }
        }
    }

    /** One row per evaluable held-out patient: outcome (0/1) and predicted probability, in the run's patient order. */
    private static void writeHeldOut(Path file, HeldOut h) throws java.io.IOException {
        StringBuilder b = new StringBuilder("aggressive,probability\n");
        for (int i = 0; i < h.outcome().length; i++) b.append(h.outcome()[i] ? 1 : 0).append(',').append(h.probability()[i]).append('\n');
        Files.writeString(file, b);
    }

    private static BinaryData readHeldOut(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        boolean[] y = new boolean[lines.size() - 1];
        double[] p = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            String[] f = lines.get(i + 1).split(",");
            y[i] = f[0].equals("1");
            p[i] = Double.parseDouble(f[1]);
        }
        return new BinaryData(y, p);
    }

    /** Edmondson grade (from the pathology record) and the truth's latent dedifferentiation and immune infiltration. */
    private static void probe(TileEncoder enc, Path cache, List<PatientCase> cases, String heldout, TruthTable truth) throws Exception {
        long t = System.nanoTime();
        SlideBags bags = new SlideBags(enc, cache);
        List<double[]> trainX = new ArrayList<>();
        List<double[]> testX = new ArrayList<>();
        List<double[]> trainY = new ArrayList<>();
        List<double[]> testY = new ArrayList<>();
        for (PatientCase c : cases) {
            Integer grade = c.record().pathology() == null ? null : c.record().pathology().edmondsonGrade();
            if (grade == null) continue;   // HCC slides only: the others have no grade
            SlideBag bag = bags.of(c.slide().get());
            double[] mean = new double[enc.dimension()];
            for (float[] e : bag.embeddings()) for (int j = 0; j < mean.length; j++) mean[j] += e[j] / bag.size();
            double[] y = {grade, truth.number(c.id(), "dedifferentiation"), truth.number(c.id(), "immune")};
            (c.centre().equals(heldout) ? testX : trainX).add(mean);
            (c.centre().equals(heldout) ? testY : trainY).add(y);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", enc.id().length() > 24 ? enc.id().substring(0, 24) : enc.id()));
        for (int k = 0; k < 3; k++) {
            final int col = k;
            var s = EmbeddingProbe.heldOut(trainX, trainY.stream().mapToDouble(y -> y[col]).toArray(), testX,
                    testY.stream().mapToDouble(y -> y[col]).toArray());
            line.append(String.format(Locale.ROOT, "  %6.3f / %5.3f", s.r2(), s.correlation()));
        }
        System.out.printf(Locale.ROOT, "%s   (%d + %d slides, %.0f s)%n", line, trainX.size(), testX.size(), (System.nanoTime() - t) / 1e9);
    }
}
