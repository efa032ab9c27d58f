package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.slide.ContrastiveTileEncoder;
import org.livercast.learn.slide.ContrastiveTraining;
import org.livercast.learn.slide.TileEncoder;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TrainingRun;
import org.livercast.synth.CohortGenerator;

/**
 * What a tile encoder trained here adds: a cohort with slides (3 centres, the last held out); the contrastive encoder
 * trained on the training centres' slides only; POST trained without slides, with the built-in histology features and
 * with the contrastive encoder, measured on the held-out centre. Usage: TileEncoderQualityBenchmark PATIENTS SEED
 * TILES_PER_SLIDE EPOCHS
 */
public final class TileEncoderQualityBenchmark {
    private TileEncoderQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        int perSlide = Integer.parseInt(args[2]);
        int epochs = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory("encoder-" + seed);
        long t0 = System.nanoTime();
        CohortGenerator.generate(new CohortGenerator.Options(patients, 3, seed, dir, LocalDate.of(2026, 6, 30), false, true,
                Runtime.getRuntime().availableProcessors()), l -> { });
        System.out.printf(Locale.ROOT, "generated %d patients with slides in %.0f s%n", patients, (System.nanoTime() - t0) / 1e9);
        var cohort = CohortExport.read(dir, LocalDate.of(2026, 6, 30));
        String heldout = cohort.centres().get(cohort.centres().size() - 1);
        List<Path> training = cohort.cases().stream().filter(c -> !c.centre().equals(heldout)).flatMap(c -> c.slide().stream()).toList();
        long t1 = System.nanoTime();
        var tiles = ContrastiveTraining.sampleTiles(training, perSlide);
        Path encoderFile = dir.resolve("encoder.lcte");
        var r = ContrastiveTraining.train(tiles, new ContrastiveTraining.Options(perSlide, epochs, 64, seed), encoderFile, l -> { });
        System.out.printf(Locale.ROOT, "contrastive encoder: %d tiles from %d training-centre slides, %d epochs, loss %.3f -> %.3f (chance %.3f) in %.0f s%n",
                tiles.size(), training.size(), epochs, r.lossPerEpoch().get(0), r.lossPerEpoch().get(epochs - 1), Math.log(127), (System.nanoTime() - t1) / 1e9);
        System.out.printf("%-24s %7s %7s %7s %7s %7s%n", "POST, tiles by", "AUC", "oracle", "C", "oracle", "slope");
        for (String which : new String[] {"no slides", "histology features", "contrastive CNN"}) {
            try (TileEncoder enc = which.equals("contrastive CNN") ? ContrastiveTileEncoder.load(encoderFile) : null) {
                var o = new TrainingRun.Options(ModelKind.POST, dir, dir.resolve("post-" + which.replace(' ', '-')), null, FitConfig.defaults(1),
                        LocalDate.of(2026, 6, 30), which.equals("no slides") ? null : dir.resolve("cache"), false, enc);
                long t = System.nanoTime();
                var run = TrainingRun.run(o, line -> { });
                run.model().close();
                Map<String, Object> m = run.report();
                System.out.printf(Locale.ROOT, "%-24s %7.3f %7.3f %7.3f %7.3f %7.2f  (%.0f s)%n", which, m.get("auc"), m.get("oracle_auc"), m.get("c_index"),
                        m.get("oracle_c_index"), m.get("calibration_slope"), (System.nanoTime() - t) / 1e9);
            }
        }
    }
}
