package org.livercast.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A stored MRI occlusion map as a lookup: the regions are equal cubic blocks tiling a cube centred on the tumour
 * (their centres in mm along the cube's axes); the block size is the spacing of the centres and the cube's half-size
 * is the outermost centre plus half a block, so the map needs nothing but itself.
 */
record OcclusionGrid(double blockMm, double halfMm, Map<Long, Double> effects, double maxAbs) {
    static OcclusionGrid of(JsonNode regions) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double block = Double.POSITIVE_INFINITY;
        for (JsonNode r : regions) {
            min = Math.min(min, r.path("xMm").asDouble());
            max = Math.max(max, r.path("xMm").asDouble());
        }
        for (JsonNode r : regions) {
            double gap = r.path("xMm").asDouble() - min;
            if (gap > 1e-6) block = Math.min(block, gap);
        }
        if (!Double.isFinite(block)) block = 2 * Math.max(Math.abs(min), 1);
        double half = max + block / 2;
        Map<Long, Double> effects = new HashMap<>();
        double maxAbs = 0;
        OcclusionGrid shape = new OcclusionGrid(block, half, Map.of(), 0);
        for (JsonNode r : regions) {
            double e = r.path("logOddsEffect").asDouble();
            effects.put(shape.key(r.path("xMm").asDouble(), r.path("yMm").asDouble(), r.path("zMm").asDouble()), e);
            maxAbs = Math.max(maxAbs, Math.abs(e));
        }
        return new OcclusionGrid(block, half, effects, maxAbs);
    }

    /** The effect of the block holding the point (mm from the cube's centre along its axes); NaN outside the cube. */
    double effectAt(double xMm, double yMm, double zMm) {
        if (Math.abs(xMm) >= halfMm || Math.abs(yMm) >= halfMm || Math.abs(zMm) >= halfMm) return Double.NaN;
        Double e = effects.get(key(xMm, yMm, zMm));
        return e == null ? Double.NaN : e;
    }

    private long key(double xMm, double yMm, double zMm) {
        long bx = (long) Math.floor((xMm + halfMm) / blockMm);
        long by = (long) Math.floor((yMm + halfMm) / blockMm);
        long bz = (long) Math.floor((zMm + halfMm) / blockMm);
        return (bz << 32) | (by << 16) | bx;
    }
}
