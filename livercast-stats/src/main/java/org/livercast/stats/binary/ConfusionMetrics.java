package org.livercast.stats.binary;

/** Sensitivity, specificity, PPV, NPV and accuracy at a threshold; a subject is positive when marker ≥ threshold. */
public record ConfusionMetrics(double threshold, int truePositive, int falsePositive, int trueNegative, int falseNegative) {
    public static ConfusionMetrics at(BinaryData data, double threshold) {
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < data.size(); i++) {
            boolean positive = data.marker()[i] >= threshold;
            if (data.outcome()[i]) {
                if (positive) tp++;
                else fn++;
            } else if (positive) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMetrics(threshold, tp, fp, tn, fn);
    }

    public double sensitivity() { return ratio(truePositive, truePositive + falseNegative); }

    public double specificity() { return ratio(trueNegative, trueNegative + falsePositive); }

    public double ppv() { return ratio(truePositive, truePositive + falsePositive); }

    public double npv() { return ratio(trueNegative, trueNegative + falseNegative); }

    public double accuracy() { return ratio(truePositive + trueNegative, truePositive + trueNegative + falsePositive + falseNegative); }

    /** Clopper–Pearson 95% intervals (R's binom.test; caret's confusionMatrix gives accuracy's the same way), {NaN, NaN} on an empty denominator. */
    public double[] sensitivityCi95() { return exact(truePositive, truePositive + falseNegative); }

    public double[] specificityCi95() { return exact(trueNegative, trueNegative + falsePositive); }

    public double[] ppvCi95() { return exact(truePositive, truePositive + falsePositive); }

    public double[] npvCi95() { return exact(trueNegative, trueNegative + falseNegative); }

    public double[] accuracyCi95() { return exact(truePositive + trueNegative, truePositive + trueNegative + falsePositive + falseNegative); }

    private static double[] exact(int k, int n) { return n == 0 ? new double[] {Double.NaN, Double.NaN} : ExactBinomial.clopperPearson95(k, n); }

    private static double ratio(int a, int b) { return b == 0 ? Double.NaN : (double) a / b; }
}
