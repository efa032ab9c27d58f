package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.livercast.core.io.Folders;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TrainingRun;
import org.livercast.synth.CohortGenerator;

/**
 * PRE and POST trained on several synthetic cohorts (clinical tables and reports, 3 centres, the last held out): the
 * issue's targets as fractions of the oracle, the calibration slope and the best baseline, per cohort seed; and whether
 * the fusion network beats every single-modality baseline (clinical, radiology report, pathology) in both AUC and C-index
 * ({@code beats}, against {@code single AUC / C}, the best single-modality baseline's); and the calibration slope of the
 * regression on every tabular feature on the same held-out patients ({@code reg slope}), which tells a shift in the data
 * from a network's miscalibration, beside the oracle's own ({@code oracle slope}, near 1 by construction).
 * Usage: ModelQualityBenchmark PATIENTS SEED...   ({@code -Dmembers=1}: single networks instead of the default ensemble)
 */
public final class ModelQualityBenchmark {
    private ModelQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        // -Dmembers=N: networks per PRE/POST ensemble (default FitConfig.DEFAULT_MEMBERS; 1 for a single network).
        FitConfig fit = FitConfig.defaults(1).withMembers(Integer.getInteger("members", FitConfig.DEFAULT_MEMBERS));
        System.out.printf("%-6s %-5s %7s %7s %6s %7s %7s %6s %6s %16s %7s %7s %7s %7s %15s %6s %9s %12s%n", "seed", "model", "AUC", "oracle", "frac", "C", "oracle", "frac",
                "slope", "best baseline", "AUC", "best C", "OS C", "best OS", "single AUC / C", "beats", "reg slope", "oracle slope");
        for (int i = 1; i < args.length; i++) {
            long seed = Long.parseLong(args[i]);
            Path dir = Folders.deleteTreeOnExit(Files.createTempDirectory("quality-" + seed));
            CohortGenerator.generate(new CohortGenerator.Options(patients, 3, seed, dir, LocalDate.of(2026, 6, 30), false, false,
                    Runtime.getRuntime().availableProcessors()), l -> { });
            for (ModelKind kind : new ModelKind[] {ModelKind.PRE, ModelKind.POST}) {
                var r = TrainingRun.run(new TrainingRun.Options(kind, dir, dir.resolve("run-" + kind.id()), null, fit,
                        LocalDate.of(2026, 6, 30)), l -> { });
                r.model().close();
                Map<String, Object> m = r.report();
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Double>> b = (Map<String, Map<String, Double>>) m.get("baselines");
                var best = b.entrySet().stream().max(java.util.Map.Entry.comparingByValue(java.util.Comparator.comparingDouble(x -> x.get("auc")))).orElseThrow();
                double bestC = b.values().stream().mapToDouble(x -> x.get("c_index")).max().orElse(Double.NaN);
                double bestOs = b.values().stream().mapToDouble(x -> x.get("os_c_index")).max().orElse(Double.NaN);
                // The comparison: each modality alone (the all-features regression is a fusion of its own).
                var single = b.entrySet().stream().filter(e -> !e.getKey().startsWith("all_")).map(Map.Entry::getValue).toList();
                double singleAuc = single.stream().mapToDouble(x -> x.get("auc")).max().orElse(Double.NaN);
                double singleC = single.stream().mapToDouble(x -> x.get("c_index")).max().orElse(Double.NaN);
                boolean beats = (double) m.get("auc") > singleAuc && (double) m.get("c_index") > singleC;
                System.out.printf(Locale.ROOT, "%-6d %-5s %7.3f %7.3f %6.3f %7.3f %7.3f %6.3f %6.2f %16s %7.3f %7.3f %7.3f %7.3f   %5.3f / %5.3f %6s %9.2f %12.2f%n", seed, kind.id(), m.get("auc"),
                        m.get("oracle_auc"), m.get("auc_fraction_of_oracle"), m.get("c_index"), m.get("oracle_c_index"),
                        m.get("c_index_fraction_of_oracle"), m.get("calibration_slope"), best.getKey(), best.getValue().get("auc"), bestC,
                        m.get("os_c_index"), bestOs, singleAuc, singleC, beats ? "yes" : "no",
                        b.get("all_tabular_logistic_cox").get("calibration_slope"), m.get("oracle_calibration_slope"));
            }
        }
    }
}
