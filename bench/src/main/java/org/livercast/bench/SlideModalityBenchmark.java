package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.livercast.core.io.Folders;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TherapyRun;
import org.livercast.learn.train.TrainingRun;
import org.livercast.synth.CohortGenerator;

/**
 * What the H&amp;E slides add: a cohort with slides (3 centres, the last held out), POST and THERAPY trained without and
 * with the slide modality, and the tile-embedding throughput. Usage: SlideModalityBenchmark PATIENTS SEED
 */
public final class SlideModalityBenchmark {
    private SlideModalityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Path dir = Folders.deleteTreeOnExit(Files.createTempDirectory("slides-" + seed));
        long t0 = System.nanoTime();
        CohortGenerator.generate(new CohortGenerator.Options(patients, 3, seed, dir, LocalDate.of(2026, 6, 30), false, true,
                Runtime.getRuntime().availableProcessors()), l -> { });
        System.out.printf(Locale.ROOT, "generated %d patients with slides in %.0f s%n", patients, (System.nanoTime() - t0) / 1e9);
        Path cache = dir.resolve("tile-cache");
        System.out.printf("%-8s %-7s %7s %7s %7s %7s %7s %9s%n", "model", "slides", "AUC", "oracle", "C", "oracle", "slope", "gain");
        for (boolean slides : new boolean[] {false, true}) {
            var o = new TrainingRun.Options(ModelKind.POST, dir, dir.resolve("post-" + slides), null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30),
                    slides ? cache : null);
            long t = System.nanoTime();
            var r = TrainingRun.run(o, line -> { if (line.contains("slides embedded")) System.out.println("  " + line); });
            r.model().close();
            Map<String, Object> m = r.report();
            System.out.printf(Locale.ROOT, "%-8s %-7s %7.3f %7.3f %7.3f %7.3f %7.2f %9s  (%.0f s)%n", "post", slides, m.get("auc"), m.get("oracle_auc"),
                    m.get("c_index"), m.get("oracle_c_index"), m.get("calibration_slope"), "", (System.nanoTime() - t) / 1e9);
        }
        for (boolean slides : new boolean[] {false, true}) {
            var o = new TrainingRun.Options(ModelKind.THERAPY, dir, dir.resolve("therapy-" + slides), null, FitConfig.defaults(1),
                    LocalDate.of(2026, 6, 30), slides ? cache : null);
            var r = TherapyRun.run(o, line -> { });
            r.model().close();
            System.out.printf(Locale.ROOT, "%-8s %-7s %7s %7s %7s %7s %7s %9.3f%n", "therapy", slides, "", "", "", "", "",
                    r.report().get("policy_gain_fraction"));
        }
    }
}
