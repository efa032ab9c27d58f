package org.livercast.pathology.analysis;

import java.util.Arrays;
import org.livercast.pathology.slide.RgbImage;

/**
 * Macenko et al. (ISBI 2009) stain separation and normalisation: optical density, the plane of the two largest
 * eigenvectors of tissue OD, stain vectors at the 1st/99th percentile angles in that plane (haematoxylin the one with
 * the larger red OD), concentrations by least squares, and their 99th percentiles mapped onto a reference.
 */
public final class Macenko {
    /** The reference stain matrix (columns H, E) and maximum concentrations commonly used with Macenko's method. */
    public static final double[][] REFERENCE_HE = {{0.5626, 0.2159}, {0.7201, 0.8012}, {0.4062, 0.5581}};
    public static final double[] REFERENCE_MAX_C = {1.9705, 1.0308};
    static final double IO = 255;
    static final double BETA = 0.15;
    static final double ALPHA = 1;

    /** A slide's stains: the unit H and E vectors in OD space and the 99th-percentile concentrations. */
    public record Stains(double[] haematoxylin, double[] eosin, double[] maxConcentration, int tissuePixels) {}

    private Macenko() {}

    public static Stains estimate(RgbImage img) {
        double[][] od = tissueOd(img);
        if (od.length < 10) throw new IllegalArgumentException("too few stained pixels (" + od.length + ") to estimate stain vectors");
        double[][] cov = covariance(od);
        double[][] eig = SymmetricEigen.vectors(cov);   // columns sorted by eigenvalue, descending
        double[] e1 = {eig[0][0], eig[1][0], eig[2][0]};
        double[] e2 = {eig[0][1], eig[1][1], eig[2][1]};
        double[] angles = new double[od.length];
        for (int i = 0; i < od.length; i++) angles[i] = Math.atan2(dot(od[i], e2), dot(od[i], e1));
        double[] sorted = angles.clone();
        Arrays.sort(sorted);
        double lo = percentile(sorted, ALPHA);
        double hi = percentile(sorted, 100 - ALPHA);
        double[] v1 = unit(add(scale(e1, Math.cos(lo)), scale(e2, Math.sin(lo))));
        double[] v2 = unit(add(scale(e1, Math.cos(hi)), scale(e2, Math.sin(hi))));
        double[] h = v1[0] > v2[0] ? v1 : v2;
        double[] e = v1[0] > v2[0] ? v2 : v1;
        double[][] c = concentrations(od, h, e);
        double[] c0 = new double[c.length];
        double[] c1 = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            c0[i] = c[i][0];
            c1[i] = c[i][1];
        }
        Arrays.sort(c0);
        Arrays.sort(c1);
        return new Stains(h, e, new double[] {percentile(c0, 99), percentile(c1, 99)}, od.length);
    }

    /** Re-renders an image with the reference stains, keeping each pixel's (rescaled) stain amounts. */
    public static RgbImage normalise(RgbImage img, Stains source) {
        double[] hRef = {REFERENCE_HE[0][0], REFERENCE_HE[1][0], REFERENCE_HE[2][0]};
        double[] eRef = {REFERENCE_HE[0][1], REFERENCE_HE[1][1], REFERENCE_HE[2][1]};
        int[] out = new int[img.pixels().length];
        double[][] pinv = pseudoInverse(source.haematoxylin(), source.eosin());
        for (int i = 0; i < out.length; i++) {
            double[] od = od(img.pixels()[i]);
            double ch = (pinv[0][0] * od[0] + pinv[0][1] * od[1] + pinv[0][2] * od[2]) * REFERENCE_MAX_C[0] / source.maxConcentration()[0];
            double ce = (pinv[1][0] * od[0] + pinv[1][1] * od[1] + pinv[1][2] * od[2]) * REFERENCE_MAX_C[1] / source.maxConcentration()[1];
            int rgb = 0;
            for (int k = 0; k < 3; k++) {
                double v = IO * Math.exp(-(hRef[k] * ch + eRef[k] * ce));
                rgb |= (int) Math.max(0, Math.min(255, Math.round(v))) << (16 - 8 * k);
            }
            out[i] = rgb;
        }
        return new RgbImage(img.width(), img.height(), out);
    }

    static double[] od(int p) {
        return new double[] {-Math.log(Math.max(1, p >> 16 & 0xFF) / IO), -Math.log(Math.max(1, p >> 8 & 0xFF) / IO),
                -Math.log(Math.max(1, p & 0xFF) / IO)};
    }

    private static double[][] tissueOd(RgbImage img) {
        int n = 0;
        double[][] all = new double[img.pixels().length][];
        for (int p : img.pixels()) {
            double[] od = od(p);
            if (od[0] > BETA && od[1] > BETA && od[2] > BETA) all[n++] = od;
        }
        return Arrays.copyOf(all, n);
    }

    private static double[][] concentrations(double[][] od, double[] h, double[] e) {
        double[][] pinv = pseudoInverse(h, e);
        double[][] c = new double[od.length][2];
        for (int i = 0; i < od.length; i++) {
            for (int k = 0; k < 2; k++) c[i][k] = pinv[k][0] * od[i][0] + pinv[k][1] * od[i][1] + pinv[k][2] * od[i][2];
        }
        return c;
    }

    /** (MᵀM)⁻¹Mᵀ for the 3×2 matrix M = [h e]. */
    static double[][] pseudoInverse(double[] h, double[] e) {
        double a = dot(h, h);
        double b = dot(h, e);
        double d = dot(e, e);
        double det = a * d - b * b;
        double[][] inv = {{d / det, -b / det}, {-b / det, a / det}};
        double[][] out = new double[2][3];
        for (int r = 0; r < 2; r++) for (int k = 0; k < 3; k++) out[r][k] = inv[r][0] * h[k] + inv[r][1] * e[k];
        return out;
    }

    private static double[][] covariance(double[][] x) {
        double[] mean = new double[3];
        for (double[] r : x) for (int k = 0; k < 3; k++) mean[k] += r[k] / x.length;
        double[][] c = new double[3][3];
        for (double[] r : x) for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) c[a][b] += (r[a] - mean[a]) * (r[b] - mean[b]) / (x.length - 1);
        return c;
    }

    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p / 100;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    private static double[] add(double[] a, double[] b) { return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }

    private static double[] scale(double[] a, double s) { return new double[] {a[0] * s, a[1] * s, a[2] * s}; }

    private static double[] unit(double[] a) {
        double n = Math.sqrt(dot(a, a));
        double sign = a[0] + a[1] + a[2] < 0 ? -1 : 1;  // stain vectors are positive in OD space
        return scale(a, sign / n);
    }
}
