package org.livercast.imaging;

import java.time.LocalTime;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.write.SeriesMetadata;

/** Small synthetic volumes for tests: known geometry (oblique), known intensities. */
public final class Phantoms {
    private Phantoms() {}

    /** An oblique 20×16×6 volume with a bright sphere, non-integer values (so a rescale is needed). */
    public static ImageVolume phantom() {
        int nx = 20;
        int ny = 16;
        int nz = 6;
        float[] v = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double r = Math.sqrt(Math.pow(i - 10, 2) + Math.pow(j - 8, 2) + Math.pow(2.5 * (k - 3), 2));
                    v[i + nx * (j + ny * k)] = (float) (100 + (r < 5 ? 400 : 0) + 0.25 * i - 0.5 * j);
                }
            }
        }
        double c = Math.cos(Math.toRadians(10));
        double s = Math.sin(Math.toRadians(10));
        double[] row = {c, s, 0};
        double[] col = {-s, c, 0};
        double[] normal = {0, 0, 1};
        return new ImageVolume(nx, ny, nz, new double[] {0.75, 0.75, 2.5}, new double[] {-120.5, -80.25, 33.0}, row, col, normal, v);
    }

    /** The same phantom with integral intensities, as scanners store MR (no rescale needed). */
    public static ImageVolume integralPhantom() {
        ImageVolume p = phantom();
        float[] v = p.voxels().clone();
        for (int i = 0; i < v.length; i++) v[i] = Math.round(v[i] * 4);
        return new ImageVolume(p.nx(), p.ny(), p.nz(), p.spacing(), p.origin(), p.rowDir(), p.colDir(), p.sliceDir(), v);
    }

    public static SeriesMetadata metadata() {
        return SeriesMetadata.builder().patient("TEST^PATIENT", "P001", null, "M").series(null, 5, "AX T1 ART")
                .contrast("Gd-EOB-DTPA", LocalTime.of(9, 1)).acquisitionTime(LocalTime.of(9, 1, 25)).uidSeed("writer-test").build();
    }

}
