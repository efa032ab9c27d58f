package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.livercast.core.io.Folders;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.RecalibrationRun;
import org.livercast.learn.train.TrainingRun;
import org.livercast.stats.calibration.ModelUpdating;
import org.livercast.synth.CohortGenerator;

/**
 * Recalibration for a new centre, per synthetic cohort (clinical tables and reports, 3 centres, the last held out):
 * PRE and POST trained as {@code livercast train} trains them, then updated from the held-out centre's first N
 * evaluable patients (in order of surgery) by the closed test and by each forced update; the peer is the model before
 * the update, measured on the same later patients of that centre: calibration slope, calibration in the large and Brier
 * score, before → after; and the RFS hazards' shift (θ, 0 when not applied) with observed / expected recurrences on the
 * centre's later patients, before → after. {@code fit slope} is the slope the update patients themselves show.
 * Usage: RecalibrationBenchmark PATIENTS N[,N...] SEED...   ({@code -Dmembers=N} networks per model)
 */
public final class RecalibrationBenchmark {
    private RecalibrationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        int[] firsts = java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        ModelUpdating.Method[] forced = {null, ModelUpdating.Method.INTERCEPT, ModelUpdating.Method.LOGISTIC, ModelUpdating.Method.SHRUNK};
        FitConfig fit = FitConfig.defaults(1).withMembers(Integer.getInteger("members", FitConfig.DEFAULT_MEMBERS));
        LocalDate cutoff = LocalDate.of(2026, 6, 30);
        System.out.printf("%-6s %-5s %5s %4s %9s %-11s %-27s %7s %6s %6s %4s %15s %15s %17s %7s %15s%n", "seed", "model", "n", "ev", "fit slope", "selection",
                "method", "alpha", "beta", "later", "ev", "slope", "in the large", "Brier", "RFS θ", "later RFS O/E");
        for (int i = 2; i < args.length; i++) {
            long seed = Long.parseLong(args[i]);
            Path dir = Folders.deleteTreeOnExit(Files.createTempDirectory("recal-" + seed));
            CohortGenerator.generate(new CohortGenerator.Options(patients, 3, seed, dir, cutoff, false, false, Runtime.getRuntime().availableProcessors()),
                    l -> { });
            for (ModelKind kind : new ModelKind[] {ModelKind.PRE, ModelKind.POST}) {
                var trained = TrainingRun.run(new TrainingRun.Options(kind, dir, dir.resolve("run-" + kind.id()), null, fit, cutoff), l -> { });
                trained.model().close();
                String centre = (String) trained.report().get("heldout_centre");
                for (int first : firsts) {
                    for (ModelUpdating.Method method : forced) {
                        var r = RecalibrationRun.run(new RecalibrationRun.Options(trained.modelDir(), dir, centre, first, method,
                                dir.resolve("recal-" + kind.id() + "-" + first + "-" + method), cutoff, null, null), l -> { });
                        print(seed, kind, method, r);
                    }
                }
            }
        }
    }

    private static void print(long seed, ModelKind kind, ModelUpdating.Method method, RecalibrationRun.Result r) {
        Map<String, Object> rep = r.report();
        @SuppressWarnings("unchecked")
        Map<String, Object> later = (Map<String, Object>) rep.get("later_patients");
        @SuppressWarnings("unchecked")
        Map<String, Double> before = (Map<String, Double>) later.get("before");
        @SuppressWarnings("unchecked")
        Map<String, Double> after = (Map<String, Double>) later.get("after");
        @SuppressWarnings("unchecked")
        Map<String, Object> rfs = (Map<String, Object>) rep.get("rfs");
        @SuppressWarnings("unchecked")
        Map<String, Double> rfsLater = (Map<String, Double>) rfs.get("later_patients");
        System.out.printf(Locale.ROOT, "%-6d %-5s %5d %4d %9.2f %-11s %-27s %7.3f %6.3f %6d %4d %6.2f → %5.2f %6.2f → %5.2f %6.4f → %6.4f %7.3f %6.2f → %5.2f%n", seed,
                kind.id(), r.update().n(), r.update().events(), r.update().logisticSlope(), method == null ? "closed test" : "forced",
                r.update().chosen().id(), r.update().intercept(), r.update().slope(), later.get("n"), later.get("events"), before.get("calibration_slope"),
                after.get("calibration_slope"), before.get("calibration_in_the_large"), after.get("calibration_in_the_large"), before.get("brier"),
                after.get("brier"), rfs.get("applied_shift"), rfsLater.get("observed_over_expected_before"), rfsLater.get("observed_over_expected_after"));
    }
}
