package org.livercast.stats.binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.livercast.stats.math.Distributions;

/**
 * ROC analysis as R's pROC does it (higher marker = case): the curve at every threshold midway between observed
 * values, the AUC with DeLong variance and 95% CI, the paired DeLong test of two markers, the Youden-optimal
 * threshold, and the confusion metrics at any threshold (positive when marker ≥ threshold).
 */
public final class Roc {
    private final BinaryData data;
    private final DeLong.Components components;

    private Roc(BinaryData data) {
        this.data = data;
        this.components = DeLong.of(data.cases(), data.controls());
    }

    public static Roc of(BinaryData data) { return new Roc(data); }

    public double auc() { return components.auc(); }

    public double aucVarianceDeLong() { return components.variance(); }

    /** DeLong 95% interval, clipped to [0, 1] as pROC does. */
    public double[] aucCi95() {
        double sd = Math.sqrt(aucVarianceDeLong());
        return new double[] {Math.max(0, auc() - Distributions.Z_975 * sd), Math.min(1, auc() + Distributions.Z_975 * sd)};
    }

    public record PairedTest(double auc1, double auc2, double z, double p) {}

    /** Paired DeLong test of this marker against {@code other}, measured on the same subjects. */
    public PairedTest deLongTest(Roc other) {
        if (!Arrays.equals(data.outcome(), other.data.outcome())) throw new IllegalArgumentException("paired test needs the same subjects");
        // The covariance pairs components by subject, so recompute them in subject order.
        DeLong.Components a = DeLong.ofSubjects(data.cases(), data.controls());
        DeLong.Components b = DeLong.ofSubjects(other.data.cases(), other.data.controls());
        double var = aucVarianceDeLong() + other.aucVarianceDeLong() - 2 * DeLong.covariance(a, b);
        double z = (auc() - other.auc()) / Math.sqrt(var);
        return new PairedTest(auc(), other.auc(), z, Distributions.normalTwoSidedP(z));
    }

    public ConfusionMetrics at(double threshold) { return ConfusionMetrics.at(data, threshold); }

    /** Thresholds as pROC lists them: −∞, midpoints between consecutive distinct values, +∞. */
    public double[] thresholds() {
        double[] v = Arrays.stream(data.marker()).sorted().distinct().toArray();
        double[] t = new double[v.length + 1];
        t[0] = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < v.length; i++) t[i] = (v[i - 1] + v[i]) / 2;
        t[v.length] = Double.POSITIVE_INFINITY;
        return t;
    }

    /** Every point of the curve, one per threshold, in one sorted sweep (O(n log n)). */
    public List<ConfusionMetrics> curve() {
        double[] values = Arrays.stream(data.marker()).sorted().distinct().toArray();
        int k = values.length;
        int[] casesAt = new int[k];
        int[] controlsAt = new int[k];
        for (int i = 0; i < data.size(); i++) {
            int r = Arrays.binarySearch(values, data.marker()[i]);
            if (data.outcome()[i]) casesAt[r]++;
            else controlsAt[r]++;
        }
        int cases = Arrays.stream(casesAt).sum();
        int controls = Arrays.stream(controlsAt).sum();
        double[] thresholds = thresholds();
        List<ConfusionMetrics> out = new ArrayList<>(k + 1);
        int tp = cases;
        int fp = controls;
        for (int i = 0; i <= k; i++) {
            // Threshold i makes values[i..] positive.
            out.add(new ConfusionMetrics(thresholds[i], tp, fp, controls - fp, cases - tp));
            if (i < k) {
                tp -= casesAt[i];
                fp -= controlsAt[i];
            }
        }
        return out;
    }

    /** The threshold maximising sensitivity + specificity (the first, lowest, on ties). */
    public ConfusionMetrics youden() {
        ConfusionMetrics best = null;
        for (ConfusionMetrics m : curve()) {
            if (best == null || m.sensitivity() + m.specificity() > best.sensitivity() + best.specificity() + 1e-12) best = m;
        }
        return best;
    }

    public BinaryData data() { return data; }
}
