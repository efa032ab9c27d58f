package org.livercast.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.Roc;
import org.livercast.stats.survival.Concordance;
import org.livercast.stats.survival.Cox;
import org.livercast.stats.survival.KaplanMeier;
import org.livercast.stats.survival.SurvivalData;
import org.livercast.stats.survival.Ties;

/**
 * Times LiverCast on a benchmark CSV: Cox (5 covariates, Efron), Kaplan–Meier, Harrell's C with its standard error,
 * AUC with DeLong CI. Prints one line per task: {@code task seconds first_call_seconds result}, where seconds is the
 * median of the timed repeats after a warm-up call (first_call_seconds, JIT included, is reported separately).
 */
public final class StatsBenchmark {
    private StatsBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int n = (int) Files.lines(csv).count() - 1;
        double[] time = new double[n];
        int[] status = new int[n];
        double[][] x = new double[n][5];
        int[] early = new int[n];
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            r.readLine();
            for (int i = 0; i < n; i++) {
                String[] f = r.readLine().split(",");
                time[i] = Double.parseDouble(f[0]);
                status[i] = Integer.parseInt(f[1]);
                for (int j = 0; j < 5; j++) x[i][j] = Double.parseDouble(f[2 + j]);
                early[i] = Integer.parseInt(f[7]);
            }
        }
        SurvivalData data = SurvivalData.of(time, status);
        double[] marker = new double[n];
        for (int i = 0; i < n; i++) marker[i] = 0.5 * x[i][0] - 0.3 * x[i][1] + 0.2 * x[i][2] + 0.1 * x[i][3] - 0.2 * x[i][4];
        BinaryData binary = BinaryData.of(early, marker);
        time("cox_efron_5", repeats, () -> String.format(Locale.ROOT, "%.6f", Cox.fit(data, x, null, Ties.EFRON).coef()[0]));
        time("kaplan_meier", repeats, () -> Integer.toString(KaplanMeier.fit(data).size()));
        time("harrell_c_se", repeats, () -> String.format(Locale.ROOT, "%.6f", Concordance.harrell(data, marker, null).standardError()));
        time("auc_delong_ci", repeats, () -> {
            Roc roc = Roc.of(binary);
            return String.format(Locale.ROOT, "%.6f", roc.aucCi95()[0]);
        });
    }

    private static void time(String task, int repeats, Supplier<String> work) {
        long t0 = System.nanoTime();
        String result = work.get();
        double first = (System.nanoTime() - t0) / 1e9;
        double[] s = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            long t = System.nanoTime();
            work.get();
            s[k] = (System.nanoTime() - t) / 1e9;
        }
        java.util.Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s %.4f %.4f %s%n", task, s[repeats / 2], first, result);
    }
}
