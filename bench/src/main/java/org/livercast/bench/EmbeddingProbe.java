package org.livercast.bench;

import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.math.Correlation;
import org.livercast.stats.math.Matrices;

/**
 * A linear probe of slide embeddings: ridge regression of a tissue variable of the synthetic truth on a slide's mean tile
 * embedding, fitted on the training centres' slides and scored on the held-out centre's (R²). It asks whether an encoder
 * keeps what the slides vary — before any outcome model, and across a change of stain between centres. The ridge
 * penalty is chosen by 5-fold cross-validation on the training slides.
 */
final class EmbeddingProbe {
    private static final double[] LAMBDAS = {0.01, 0.1, 1, 10, 100, 1000};

    private EmbeddingProbe() {}

    /**
     * @param r2          on the test slides: 1 − residual / total sum of squares (a shift between centres lowers it)
     * @param correlation Pearson's r between predicted and true values on the test slides (blind to such a shift)
     */
    record Score(double r2, double correlation) {}

    /** A ridge fit on the training slides (features standardised on them), scored on the test slides. */
    static Score heldOut(List<double[]> trainX, double[] trainY, List<double[]> testX, double[] testY) {
        double[][] scale = standardisation(trainX);
        double[][] xs = standardise(trainX, scale);
        double lambda = chooseLambda(xs, trainY);
        double[] beta = fit(xs, trainY, lambda);
        double[][] ts = standardise(testX, scale);
        double[] predicted = new double[ts.length];
        for (int i = 0; i < ts.length; i++) predicted[i] = predict(ts[i], beta);
        return new Score(r2(predicted, testY), Correlation.pearson(predicted, testY));
    }

    private static double chooseLambda(double[][] x, double[] y) {
        int folds = 5;
        double best = LAMBDAS[0];
        double bestError = Double.POSITIVE_INFINITY;
        for (double lambda : LAMBDAS) {
            double error = 0;
            for (int f = 0; f < folds; f++) {
                List<double[]> fx = new ArrayList<>();
                List<Double> fy = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    if (i % folds != f) {
                        fx.add(x[i]);
                        fy.add(y[i]);
                    }
                }
                double[] beta = fit(fx.toArray(double[][]::new), fy.stream().mapToDouble(Double::doubleValue).toArray(), lambda);
                for (int i = f; i < x.length; i += folds) {
                    double e = y[i] - predict(x[i], beta);
                    error += e * e;
                }
            }
            if (error < bestError) {
                bestError = error;
                best = lambda;
            }
        }
        return best;
    }

    /** β[0] the intercept (unpenalised: y's mean, the features being centred), β[1..] the slopes. */
    private static double[] fit(double[][] x, double[] y, double lambda) {
        int p = x[0].length;
        double meanY = 0;
        for (double v : y) meanY += v / y.length;
        double[] meanX = new double[p];
        for (double[] row : x) for (int j = 0; j < p; j++) meanX[j] += row[j] / x.length;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                double a = x[i][j] - meanX[j];
                xty[j] += a * (y[i] - meanY);
                for (int k = 0; k <= j; k++) xtx[j][k] += a * (x[i][k] - meanX[k]);
            }
        }
        for (int j = 0; j < p; j++) {
            xtx[j][j] += lambda;
            for (int k = 0; k < j; k++) xtx[k][j] = xtx[j][k];
        }
        double[] slope = Matrices.multiply(Matrices.symmetricInverse(xtx, 1e-12), xty);
        double[] beta = new double[p + 1];
        beta[0] = meanY;
        for (int j = 0; j < p; j++) {
            beta[j + 1] = slope[j];
            beta[0] -= slope[j] * meanX[j];
        }
        return beta;
    }

    private static double predict(double[] x, double[] beta) {
        double s = beta[0];
        for (int j = 0; j < x.length; j++) s += beta[j + 1] * x[j];
        return s;
    }

    private static double r2(double[] predicted, double[] y) {
        double mean = 0;
        for (double v : y) mean += v / y.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - predicted[i];
            residual += e * e;
            total += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - residual / total;
    }

    private static double[][] standardisation(List<double[]> x) {
        int p = x.get(0).length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] row : x) for (int j = 0; j < p; j++) mean[j] += row[j] / x.size();
        for (double[] row : x) for (int j = 0; j < p; j++) sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.size();
        for (int j = 0; j < p; j++) sd[j] = sd[j] > 1e-12 ? Math.sqrt(sd[j]) : 1;
        return new double[][] {mean, sd};
    }

    private static double[][] standardise(List<double[]> x, double[][] scale) {
        double[][] out = new double[x.size()][];
        for (int i = 0; i < x.size(); i++) {
            double[] row = x.get(i);
            out[i] = new double[row.length];
            for (int j = 0; j < row.length; j++) out[i][j] = (row[j] - scale[0][j]) / scale[1][j];
        }
        return out;
    }
}
