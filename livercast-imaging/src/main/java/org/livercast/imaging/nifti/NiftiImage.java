package org.livercast.imaging.nifti;

/**
 * A NIfTI-1 image: dimensions (x fastest), voxel values after scl_slope/scl_inter, voxel sizes, and the
 * voxel-to-RAS affine (from the sform when set, else the qform, else the voxel sizes, as nibabel chooses).
 */
public record NiftiImage(int[] dims, float[] data, double[] zooms, double[][] affineRas, int datatype) {
    public int nx() { return dims[0]; }

    public int ny() { return dims[1]; }

    public int nz() { return dims.length > 2 ? dims[2] : 1; }

    public float value(int i, int j, int k) { return data[i + nx() * (j + ny() * k)]; }

    public double mean() {
        double s = 0;
        for (float v : data) s += v;
        return s / data.length;
    }

    /** RAS coordinates of a voxel index. */
    public double[] toRas(double i, double j, double k) {
        double[] p = new double[3];
        for (int r = 0; r < 3; r++) p[r] = affineRas[r][0] * i + affineRas[r][1] * j + affineRas[r][2] * k + affineRas[r][3];
        return p;
    }
}
