package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 * from a network's miscalibration, beside the oracle's own ({@code oracle slope}, near 1 by construction); and whether
 * the network's difference from the best single-modality baseline is more than the centre's noise: the paired DeLong p
 * of the AUC difference ({@code dAUC p}, against the best by AUC) and the paired bootstrap 95% interval of the C-index
 * difference ({@code dC 95% CI}, against the best by C).
 * Usage: ModelQualityBenchmark PATIENTS SEED...   ({@code -Dmembers=1}: single networks instead of the default ensemble)
 */
public final class ModelQualityBenchmark {
    private ModelQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        // -Dmembers=N: networks per PRE/POST ensemble (default FitConfig.DEFAULT_MEMBERS; 1 for a single network).
        FitConfig fit = FitConfig.defaults(1).withMembers(Integer.getInteger("members", FitConfig.DEFAULT_MEMBERS));
        // -DmodalityDropout=P: the probability of hiding each non-clinical input from a training example.
        if (System.getProperty("modalityDropout") != null) fit = fit.withModalityDropout(Float.parseFloat(System.getProperty("modalityDropout")));
        System.out.printf("%-6s %-5s %7s %7s %6s %7s %7s %6s %6s %16s %7s %7s %7s %7s %15s %6s %9s %12s %9s %20s%n", "seed", "model", "AUC", "oracle", "frac", "C", "oracle", "frac",
                "slope", "best baseline", "AUC", "best C", "OS C", "best OS", "single AUC / C", "beats", "reg slope", "oracle slope",
                "dAUC p", "dC 95% CI");
        List<String> missing = new ArrayList<>();
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
                // Is the lead (or lag) more than this centre's noise? Paired against the best single baseline by AUC and by C.
                @SuppressWarnings("unchecked")
                var raw = (Map<String, Map<String, Object>>) m.get("baselines");
                String byAuc = raw.entrySet().stream().filter(e -> !e.getKey().startsWith("all_"))
                        .max(java.util.Comparator.comparingDouble(e -> ((Number) e.getValue().get("auc")).doubleValue())).orElseThrow().getKey();
                String byC = raw.entrySet().stream().filter(e -> !e.getKey().startsWith("all_"))
                        .max(java.util.Comparator.comparingDouble(e -> ((Number) e.getValue().get("c_index")).doubleValue())).orElseThrow().getKey();
                Object p = raw.get(byAuc).get("model_minus_baseline_auc_p");
                Object ci = raw.get(byC).get("model_minus_baseline_c_index_ci95");
                System.out.printf(Locale.ROOT, "%-6d %-5s %7.3f %7.3f %6.3f %7.3f %7.3f %6.3f %6.2f %16s %7.3f %7.3f %7.3f %7.3f   %5.3f / %5.3f %6s %9.2f %12.2f %9s %20s%n", seed, kind.id(), m.get("auc"),
                        m.get("oracle_auc"), m.get("auc_fraction_of_oracle"), m.get("c_index"), m.get("oracle_c_index"),
                        m.get("c_index_fraction_of_oracle"), m.get("calibration_slope"), best.getKey(), best.getValue().get("auc"), bestC,
                        m.get("os_c_index"), bestOs, singleAuc, singleC, beats ? "yes" : "no",
                        b.get("all_tabular_logistic_cox").get("calibration_slope"), m.get("oracle_calibration_slope"),
                        p instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : "-",
                        ci instanceof List<?> l ? String.format(Locale.ROOT, "%+.3f to %+.3f", ((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()) : "-");
                missing.addAll(missingRows(seed, kind, m));
            }
        }
        System.out.printf("%nWith a modality missing for every held-out patient (the same networks), beside the regression on what is left:%n");
        System.out.printf("%-6s %-5s %-22s %7s %7s %6s %6s %9s %7s %7s %8s %8s %8s %6s%n", "seed", "model", "hidden", "AUC", "C", "slope", "CITL", "Brier",
                "reg AUC", "reg C", "beats", "offset", "rfs off", "scale");
        missing.forEach(System.out::println);
    }

    /** One line per missing-modality row of the report ({@code missing_modalities}). */
    @SuppressWarnings("unchecked")
    private static List<String> missingRows(long seed, ModelKind kind, Map<String, Object> report) {
        List<String> lines = new ArrayList<>();
        // The full model first, for reference: a missing input should cost discrimination, not calibration.
        lines.add(String.format(Locale.ROOT, "%-6d %-5s %-22s %7.3f %7.3f %6.2f %6.2f %9.4f", seed, kind.id(), "(none)", report.get("auc"),
                report.get("c_index"), report.get("calibration_slope"), report.get("calibration_in_the_large"), report.get("brier")));
        ((Map<String, Map<String, Object>>) report.get("missing_modalities")).forEach((hidden, r) -> {
            Map<String, Object> reg = (Map<String, Object>) r.get("regression_on_the_rest");
            double regAuc = reg == null ? Double.NaN : (double) reg.get("auc");
            double regC = reg == null ? Double.NaN : (double) reg.get("c_index");
            boolean beats = (double) r.get("auc") > regAuc && (double) r.get("c_index") > regC;
            // The absence offset the model applies (one modality's; several add), on the log-odds and the RFS hazard.
            Map<String, Object> offsets = (Map<String, Object>) report.getOrDefault("absence_offsets", Map.of());
            Map<String, Double> o = (Map<String, Double>) offsets.get(hidden);
            lines.add(String.format(Locale.ROOT, "%-6d %-5s %-22s %7.3f %7.3f %6.2f %6.2f %9.4f %7.3f %7.3f %8s %8s %8s %6s", seed, kind.id(), hidden, r.get("auc"),
                    r.get("c_index"), r.get("calibration_slope"), r.get("calibration_in_the_large"), r.get("brier"), regAuc, regC,
                    reg == null ? "-" : beats ? "yes" : "no", o == null ? "" : String.format(Locale.ROOT, "%.2f", o.get("log_odds")),
                    o == null ? "" : String.format(Locale.ROOT, "%.2f", o.get("rfs_cloglog_hazard")),
                    o == null ? "" : String.format(Locale.ROOT, "%.2f", o.getOrDefault("logit_scale", 1.0))));
        });
        return lines;
    }
}
