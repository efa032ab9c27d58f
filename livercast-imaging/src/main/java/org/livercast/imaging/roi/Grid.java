package org.livercast.imaging.roi;

import org.livercast.imaging.series.ImageVolume;

/** A sampling grid in patient space: size, spacing, origin and direction cosines (no voxels). */
public record Grid(int nx, int ny, int nz, double[] spacing, double[] origin, double[] rowDir, double[] colDir, double[] sliceDir) {
    public static Grid of(ImageVolume v) {
        return new Grid(v.nx(), v.ny(), v.nz(), v.spacing(), v.origin(), v.rowDir(), v.colDir(), v.sliceDir());
    }

    public double[] toPatient(double i, double j, double k) {
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) p[a] = origin[a] + i * spacing[0] * rowDir[a] + j * spacing[1] * colDir[a] + k * spacing[2] * sliceDir[a];
        return p;
    }

    public int size() { return nx * ny * nz; }

    /**
     * A cube of {@code sizeMm} on a side, {@code voxelMm} spacing, centred on a patient point, with the directions of
     * a reference grid (so the crop is aligned with the acquisition).
     */
    public static Grid centredCube(double[] centre, double sizeMm, double voxelMm, Grid reference) {
        int n = (int) Math.round(sizeMm / voxelMm);
        double half = (n - 1) * voxelMm / 2;
        double[] origin = new double[3];
        for (int a = 0; a < 3; a++) {
            origin[a] = centre[a] - half * (reference.rowDir()[a] + reference.colDir()[a] + reference.sliceDir()[a]);
        }
        return new Grid(n, n, n, new double[] {voxelMm, voxelMm, voxelMm}, origin, reference.rowDir(), reference.colDir(), reference.sliceDir());
    }
}
