package org.livercast.imaging.roi;

import org.livercast.imaging.series.ImageVolume;

/**
 * Samples a volume onto another grid through patient space: trilinear interpolation for images, nearest neighbour for
 * masks. Points outside the source read as {@code outside} (0 for masks).
 */
public final class Resampler {
    private Resampler() {}

    public static float[] trilinear(ImageVolume src, Grid target, float outside) {
        float[] out = new float[target.size()];
        int o = 0;
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    double[] idx = src.toIndex(target.toPatient(i, j, k));
                    out[o++] = interpolate(src, idx[0], idx[1], idx[2], outside);
                }
            }
        }
        return out;
    }

    public static boolean[] nearest(boolean[] mask, Grid maskGrid, ImageVolume maskGeometry, Grid target) {
        boolean[] out = new boolean[target.size()];
        int o = 0;
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    double[] idx = maskGeometry.toIndex(target.toPatient(i, j, k));
                    int a = (int) Math.round(idx[0]);
                    int b = (int) Math.round(idx[1]);
                    int c = (int) Math.round(idx[2]);
                    out[o++] = a >= 0 && b >= 0 && c >= 0 && a < maskGrid.nx() && b < maskGrid.ny() && c < maskGrid.nz()
                            && mask[a + maskGrid.nx() * (b + maskGrid.ny() * c)];
                }
            }
        }
        return out;
    }

    static float interpolate(ImageVolume v, double x, double y, double z, float outside) {
        // Within half a voxel of the edge the nearest edge voxel is used (no darkening at the borders).
        if (x < -0.5 || y < -0.5 || z < -0.5 || x > v.nx() - 0.5 || y > v.ny() - 0.5 || z > v.nz() - 0.5) return outside;
        x = clamp(x, v.nx());
        y = clamp(y, v.ny());
        z = clamp(z, v.nz());
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        int x1 = Math.min(x0 + 1, v.nx() - 1);
        int y1 = Math.min(y0 + 1, v.ny() - 1);
        int z1 = Math.min(z0 + 1, v.nz() - 1);
        double fx = x - x0;
        double fy = y - y0;
        double fz = z - z0;
        double c00 = v.value(x0, y0, z0) * (1 - fx) + v.value(x1, y0, z0) * fx;
        double c10 = v.value(x0, y1, z0) * (1 - fx) + v.value(x1, y1, z0) * fx;
        double c01 = v.value(x0, y0, z1) * (1 - fx) + v.value(x1, y0, z1) * fx;
        double c11 = v.value(x0, y1, z1) * (1 - fx) + v.value(x1, y1, z1) * fx;
        double c0 = c00 * (1 - fy) + c10 * fy;
        double c1 = c01 * (1 - fy) + c11 * fy;
        return (float) (c0 * (1 - fz) + c1 * fz);
    }

    private static double clamp(double v, int n) { return Math.max(0, Math.min(n - 1, v)); }
}
