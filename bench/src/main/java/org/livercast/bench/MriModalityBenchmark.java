package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.core.io.Folders;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TrainingRun;
import org.livercast.synth.CohortGenerator;

/**
 * What the MRI images add to PRE beyond the MRI report: a cohort with DICOM exams (3 centres, the last held out), PRE
 * trained without the images and with each way of reading the tumour-centred tensor (its radiomic features, a 3D CNN).
 * Usage: MriModalityBenchmark PATIENTS SEED [READERS, default none,radiomics,cnn]
 */
public final class MriModalityBenchmark {
    private MriModalityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        List<String> readers = List.of((args.length > 2 ? args[2] : "none,radiomics,cnn").split(","));
        Path dir = Folders.deleteTreeOnExit(Files.createTempDirectory("mri-" + seed));
        long t0 = System.nanoTime();
        CohortGenerator.generate(new CohortGenerator.Options(patients, 3, seed, dir, LocalDate.of(2026, 6, 30), true, false,
                Runtime.getRuntime().availableProcessors()), l -> { });
        System.out.printf(Locale.ROOT, "generated %d patients with MRI in %.0f s%n", patients, (System.nanoTime() - t0) / 1e9);
        System.out.printf("%-6s %-9s %7s %7s %7s %7s %7s %9s%n", "model", "images", "AUC", "oracle", "C", "oracle", "slope", "seconds");
        for (String reader : readers) {
            long t = System.nanoTime();
            boolean images = !reader.equals("none");
            var o = new TrainingRun.Options(ModelKind.PRE, dir, dir.resolve("pre-" + reader), null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30), null,
                    images);
            if (images) o = o.withMriReading(InputEncoder.MriReading.valueOf(reader.toUpperCase(Locale.ROOT)));
            var r = TrainingRun.run(o, l -> { });
            r.model().close();
            Map<String, Object> m = r.report();
            System.out.printf(Locale.ROOT, "%-6s %-9s %7.3f %7.3f %7.3f %7.3f %7.2f %9.0f%n", "pre", reader, m.get("auc"), m.get("oracle_auc"),
                    m.get("c_index"), m.get("oracle_c_index"), m.get("calibration_slope"), (System.nanoTime() - t) / 1e9);
            MissingInputs.print(m);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> baselines = (Map<String, Map<String, Object>>) m.get("baselines");
            baselines.forEach((name, b) -> System.out.printf(Locale.ROOT, "  baseline %-30s %7.3f %7s %7.3f%n", name, b.get("auc"), "", b.get("c_index")));
        }
    }
}
