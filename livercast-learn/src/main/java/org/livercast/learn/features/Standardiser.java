package org.livercast.learn.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns feature rows into model input with missing values handled explicitly: each feature becomes its z-score
 * (mean and SD from the training rows only) and, for features that were ever missing in training, a 0/1 "missing"
 * indicator with the z-score set to 0. Fitted once, saved with the model, applied unchanged at prediction.
 */
public record Standardiser(List<String> names, double[] mean, double[] sd, boolean[] indicator) {
    public static Standardiser fit(List<FeatureRow> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no training rows to fit the standardiser on");
        List<String> names = new ArrayList<>(rows.get(0).values().keySet());
        int k = names.size();
        double[] mean = new double[k];
        double[] sd = new double[k];
        boolean[] indicator = new boolean[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            double ss = 0;
            int n = 0;
            for (FeatureRow r : rows) {
                Double v = r.values().get(names.get(j));
                if (v == null) {
                    indicator[j] = true;
                    continue;
                }
                s += v;
                ss += v * v;
                n++;
            }
            mean[j] = n == 0 ? 0 : s / n;
            double var = n < 2 ? 0 : (ss - n * mean[j] * mean[j]) / (n - 1);
            // A constant feature carries nothing: SD 1 keeps it at 0 rather than dividing by zero.
            sd[j] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        return new Standardiser(List.copyOf(names), mean, sd, indicator);
    }

    public int width() {
        int w = names.size();
        for (boolean b : indicator) if (b) w++;
        return w;
    }

    /** Column names of {@link #apply}'s output, for reports and contributions. */
    public List<String> columns() {
        List<String> c = new ArrayList<>(names);
        for (int j = 0; j < names.size(); j++) if (indicator[j]) c.add(names.get(j) + "_missing");
        return c;
    }

    public float[] apply(FeatureRow row) {
        Map<String, Double> v = row.values();
        if (!v.keySet().containsAll(names)) {
            List<String> absent = names.stream().filter(n -> !v.containsKey(n)).toList();
            throw new IllegalArgumentException("feature row lacks " + absent + " (the model was trained with them)");
        }
        float[] out = new float[width()];
        int extra = names.size();
        for (int j = 0; j < names.size(); j++) {
            Double x = v.get(names.get(j));
            out[j] = x == null ? 0f : (float) ((x - mean[j]) / sd[j]);
            if (indicator[j]) out[extra++] = x == null ? 1f : 0f;
        }
        return out;
    }
}
