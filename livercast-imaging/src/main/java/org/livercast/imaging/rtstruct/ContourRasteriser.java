package org.livercast.imaging.rtstruct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.livercast.imaging.series.ImageVolume;

/**
 * Rasterises closed planar contours onto an image grid. Rule: a voxel belongs to the region when its centre lies
 * inside the polygons of its slice under the even-odd rule (so a contour inside another is a hole), after mapping
 * the contour points into the grid's continuous voxel coordinates. A contour is assigned to the slice nearest its
 * plane; one farther than half a slice from every slice is ignored.
 */
public final class ContourRasteriser {
    private ContourRasteriser() {}

    public static boolean[] rasterise(List<double[][]> contours, ImageVolume grid) {
        Map<Integer, List<double[][]>> bySlice = new HashMap<>();
        for (double[][] contour : contours) {
            double[][] ij = new double[contour.length][];
            double kSum = 0;
            for (int p = 0; p < contour.length; p++) {
                double[] idx = grid.toIndex(contour[p]);
                ij[p] = new double[] {idx[0], idx[1]};
                kSum += idx[2];
            }
            double k = kSum / Math.max(1, contour.length);
            int slice = (int) Math.round(k);
            if (slice < 0 || slice >= grid.nz() || Math.abs(k - slice) > 0.5) continue;
            bySlice.computeIfAbsent(slice, s -> new ArrayList<>()).add(ij);
        }
        boolean[] mask = new boolean[grid.nx() * grid.ny() * grid.nz()];
        for (var e : bySlice.entrySet()) fillSlice(mask, grid, e.getKey(), e.getValue());
        return mask;
    }

    /** Scan-line fill at each row's voxel centres with even-odd crossings over all polygons of the slice. */
    private static void fillSlice(boolean[] mask, ImageVolume grid, int k, List<double[][]> polygons) {
        int nx = grid.nx();
        int base = nx * grid.ny() * k;
        List<Double> crossings = new ArrayList<>();
        for (int j = 0; j < grid.ny(); j++) {
            crossings.clear();
            double y = j;
            for (double[][] poly : polygons) {
                for (int a = 0, b = poly.length - 1; a < poly.length; b = a++) {
                    double ya = poly[a][1];
                    double yb = poly[b][1];
                    if ((ya > y) != (yb > y)) crossings.add(poly[a][0] + (y - ya) * (poly[b][0] - poly[a][0]) / (yb - ya));
                }
            }
            crossings.sort(null);
            for (int c = 0; c + 1 < crossings.size(); c += 2) {
                int from = (int) Math.ceil(crossings.get(c));
                int to = (int) Math.floor(crossings.get(c + 1));
                // A centre exactly on the right edge is outside (half-open), as the even-odd rule has it.
                if (to == crossings.get(c + 1)) to--;
                for (int i = Math.max(0, from); i <= Math.min(nx - 1, to); i++) mask[base + nx * j + i] = true;
            }
        }
    }
}
