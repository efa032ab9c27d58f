package org.livercast.imaging.roi;

import java.util.Arrays;

/**
 * Per-phase intensity normalisation for MR, whose units are arbitrary and differ between scanners and centres:
 * clip to the 0.5th–99.5th percentiles of the voxels considered (the ROI box), then z-score (mean 0, SD 1) over
 * them. CT (Hounsfield units) would instead use a fixed window; MR needs the data-driven version.
 */
public final class Normalisation {
    private Normalisation() {}

    public static float[] clipAndZScore(float[] v) {
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) Math.floor(0.005 * (sorted.length - 1))];
        float hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
        double sum = 0;
        double sq = 0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(lo, Math.min(hi, v[i]));
            sum += out[i];
            sq += (double) out[i] * out[i];
        }
        double mean = sum / v.length;
        double sd = Math.sqrt(Math.max(0, sq / v.length - mean * mean));
        for (int i = 0; i < v.length; i++) out[i] = (float) (sd > 0 ? (out[i] - mean) / sd : 0);
        return out;
    }
}
