package org.livercast.stats.math;

/** Pearson's product-moment correlation, as R's {@code cor(a, b)}. */
public final class Correlation {
    private Correlation() {}

    /** Pearson's r of two equally long samples; NaN when either is constant (R: NA with a warning). */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("samples of " + a.length + " and " + b.length + " values");
        // DoubleStream's compensated mean: the digits the therapy model's report had before this class.
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }
}
