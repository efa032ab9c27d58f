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
import org.livercast.learn.train.DiagnosisRun;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TrainingRun;
import org.livercast.synth.CohortGenerator;

/**
 * The diagnosis model (P5) trained on several synthetic cohorts (3 centres, the last held out): malignant vs benign and
 * ICC vs HCC, the calibration of P(malignant), beside the LI-RADS category and the logistic regression on the MRI
 * report; then the same network with each input hidden from every held-out patient, beside the regression on what is
 * left (a centre that sends lesions without a report). No speed peer: the comparison is with the radiologist's category
 * and the regressions. Usage: DiagnosisQualityBenchmark PATIENTS SEED... With {@code -Dreaders=none,radiomics} the cohorts
 * carry MRI exams and the model is trained once per way of reading them ({@code none}: the report only, the default;
 * {@code radiomics}; {@code cnn}).
 */
public final class DiagnosisQualityBenchmark {
    private DiagnosisQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        int patients = Integer.parseInt(args[0]);
        List<String> readers = List.of(System.getProperty("readers", "none").split(","));
        boolean images = readers.stream().anyMatch(r -> !r.equals("none"));
        String header = String.format("%-6s %-10s %-16s %8s %8s %6s %6s %6s %7s %7s %8s %8s", "seed", "mri", "inputs", "AUC mal", "AUC ICC", "sens",
                "spec", "slope", "CITL", "Brier", "reg mal", "reg ICC");
        System.out.println(header);
        for (int i = 1; i < args.length; i++) {
            long seed = Long.parseLong(args[i]);
            Path dir = Folders.deleteTreeOnExit(Files.createTempDirectory("diagnosis-" + seed));
            CohortGenerator.generate(new CohortGenerator.Options(patients, 3, seed, dir, LocalDate.of(2026, 6, 30), images, false,
                    Runtime.getRuntime().availableProcessors()), l -> { });
            for (String reader : readers) run(seed, dir, reader);
        }
    }

    private static void run(long seed, Path dir, String reader) throws Exception {
        boolean images = !reader.equals("none");
        var o = new TrainingRun.Options(ModelKind.DIAGNOSIS, dir, dir.resolve("run-" + reader), null, FitConfig.defaults(1),
                LocalDate.of(2026, 6, 30), null, images);
        if (images) o = o.withMriReading(InputEncoder.MriReading.valueOf(reader.toUpperCase(Locale.ROOT)));
        var r = DiagnosisRun.run(o, l -> { });
        r.model().close();
        Map<String, Object> m = r.report();
        @SuppressWarnings("unchecked")
        Map<String, Object> reg = ((Map<String, Map<String, Object>>) m.get("baselines")).get("radiology_findings_logistic");
        print(seed, reader, "all", m, reg);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> missing = (Map<String, Map<String, Object>>) m.get("missing_modalities");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> offsets = (Map<String, Map<String, Object>>) m.getOrDefault("absence_offsets", Map.of());
        missing.forEach((hidden, row) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> rest = (Map<String, Object>) row.get("regression_on_the_rest");
            print(seed, reader, "without " + hidden, row, rest);
            if (offsets.containsKey(hidden)) System.out.println("         offsets " + offsets.get(hidden));
        });
    }

    private static void print(long seed, String reader, String inputs, Map<String, Object> m, Map<String, Object> regression) {
        System.out.printf(Locale.ROOT, "%-6d %-10s %-16s %8.3f %8.3f %6.3f %6.3f %6.2f %7.2f %7.4f %8.3f %8.3f%n", seed, reader, inputs, m.get("auc_malignant"),
                m.get("auc_icc_vs_hcc"), m.get("malignant_sensitivity_at_0.5"), m.get("malignant_specificity_at_0.5"),
                m.getOrDefault("malignant_calibration_slope", Double.NaN), m.getOrDefault("malignant_calibration_in_the_large", Double.NaN),
                m.getOrDefault("malignant_brier", Double.NaN), regression.get("auc_malignant"), regression.get("auc_icc_vs_hcc"));
    }
}
