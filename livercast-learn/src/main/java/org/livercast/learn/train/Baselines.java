package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.calibration.Logistic;
import org.livercast.stats.survival.Cox;
import org.livercast.stats.survival.SurvivalData;
import org.livercast.stats.survival.Ties;

/**
 * The comparators reported beside each network, fitted by the statistics engine on the same training patients:
 * logistic regression for aggressive recurrence and a Cox model for RFS, over one feature group at a time (the way
 * published clinical scores are built). Columns constant in training are dropped, since they make the information
 * matrix singular and carry nothing.
 */
public final class Baselines {
    private Baselines() {}

    public record Scores(double[] logit, double[] coxRisk) {}

    /**
     * @param trainX     standardised features of the training patients
     * @param aggressive aggressive-recurrence label per training patient, null where not evaluable
     * @return scores for {@code testX}
     */
    public static Scores fitAndScore(float[][] trainX, Boolean[] aggressive, double[] rfsDays, boolean[] rfsEvent, float[][] testX) {
        int[] keep = varyingColumns(trainX);
        List<double[]> rows = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (int i = 0; i < trainX.length; i++) {
            if (aggressive[i] == null) continue;
            rows.add(design(trainX[i], keep, true));
            ys.add(aggressive[i]);
        }
        boolean[] y = new boolean[ys.size()];
        for (int i = 0; i < y.length; i++) y[i] = ys.get(i);
        Logistic.Fit logistic = Logistic.fit(rows.toArray(double[][]::new), y, null);
        double[][] coxX = new double[trainX.length][];
        for (int i = 0; i < trainX.length; i++) coxX[i] = design(trainX[i], keep, false);
        boolean anyEvent = false;
        for (boolean e : rfsEvent) anyEvent |= e;
        // Without events (a task with no survival outcome) there is no Cox model: the risk column stays 0.
        Cox.Fit cox = anyEvent ? Cox.fit(new SurvivalData(rfsDays, rfsEvent), coxX, null, Ties.EFRON) : null;
        double[] logit = new double[testX.length];
        double[] risk = new double[testX.length];
        for (int i = 0; i < testX.length; i++) {
            double[] d = design(testX[i], keep, true);
            for (int j = 0; j < d.length; j++) logit[i] += logistic.coef()[j] * d[j];
            risk[i] = cox == null ? 0 : cox.linearPredictor(design(testX[i], keep, false));
        }
        return new Scores(logit, risk);
    }

    private static int[] varyingColumns(float[][] x) {
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < x[0].length; j++) {
            float first = x[0][j];
            for (float[] row : x) {
                if (row[j] != first) {
                    keep.add(j);
                    break;
                }
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] design(float[] row, int[] keep, boolean intercept) {
        double[] d = new double[keep.length + (intercept ? 1 : 0)];
        int o = 0;
        if (intercept) d[o++] = 1;
        for (int j : keep) d[o++] = row[j];
        return d;
    }
}
