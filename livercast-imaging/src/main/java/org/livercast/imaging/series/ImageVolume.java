package org.livercast.imaging.series;

/**
 * A 3-D scalar image on a regular grid in patient space (DICOM LPS, millimetres): voxel (i, j, k) — i along the
 * row direction (columns), j along the column direction (rows), k along the slice direction — sits at
 * origin + i·Δi·rowDir + j·Δj·colDir + k·Δk·sliceDir. Voxels are stored with i fastest.
 */
public record ImageVolume(int nx, int ny, int nz, double[] spacing, double[] origin, double[] rowDir, double[] colDir,
                          double[] sliceDir, float[] voxels) {
    public ImageVolume {
        if ((long) nx * ny * nz != voxels.length) {
            throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " does not match " + voxels.length + " voxels");
        }
    }

    public float value(int i, int j, int k) { return voxels[i + nx * (j + ny * k)]; }

    public int index(int i, int j, int k) { return i + nx * (j + ny * k); }

    /** Patient (LPS) coordinates of a continuous voxel index. */
    public double[] toPatient(double i, double j, double k) {
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = origin[a] + i * spacing[0] * rowDir[a] + j * spacing[1] * colDir[a] + k * spacing[2] * sliceDir[a];
        }
        return p;
    }

    /** Continuous voxel index of a patient (LPS) point; the direction cosines are orthonormal, so this is a projection. */
    public double[] toIndex(double[] lps) {
        double[] d = {lps[0] - origin[0], lps[1] - origin[1], lps[2] - origin[2]};
        return new double[] {dot(d, rowDir) / spacing[0], dot(d, colDir) / spacing[1], dot(d, sliceDir) / spacing[2]};
    }

    /** The 4×4 voxel-to-LPS affine. */
    public double[][] affineLps() {
        double[][] a = new double[4][4];
        for (int r = 0; r < 3; r++) {
            a[r][0] = rowDir[r] * spacing[0];
            a[r][1] = colDir[r] * spacing[1];
            a[r][2] = sliceDir[r] * spacing[2];
            a[r][3] = origin[r];
        }
        a[3][3] = 1;
        return a;
    }

    /** The same affine in RAS (NIfTI's convention): x and y negated. */
    public double[][] affineRas() {
        double[][] a = affineLps();
        for (int c = 0; c < 4; c++) {
            a[0][c] = -a[0][c];
            a[1][c] = -a[1][c];
        }
        return a;
    }

    public double sum() {
        double s = 0;
        for (float v : voxels) s += v;
        return s;
    }

    public double mean() { return sum() / voxels.length; }

    static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
