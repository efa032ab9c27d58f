package org.livercast.learn.mri;

import org.livercast.core.model.Phase;
import org.livercast.learn.features.FeatureRow;

/**
 * Hand-crafted features of the tumour-centred MRI tensor ({@link MriRoi}) — the LI-RADS and MVI signs a radiologist
 * reads, measured: how the tumour enhances against the liver around it in each phase, whether its edge enhances apart
 * from its core (arterial rim, portal-venous/delayed capsule), whether the liver just outside it lights up in the
 * arterial phase only (peritumoral enhancement), its volume and how irregular its surface is.
 *
 * <p>Why: a 3D CNN trained from scratch did not learn these signs from ~500 patients (BENCHMARKS "What the MRI images
 * add"), and costs minutes per member; these features take microseconds and are what the network then weighs. They are
 * a pure function of the tensor, so blanking a block of the cube changes them — the occlusion map works as for the CNN.
 *
 * <p>Every phase is z-scored over the cube by {@link MriRoi}, so differences of mean z-scores compare centres with
 * different scanners. Rings are grown from the tumour mask one voxel (5 mm) at a time: the first ring is where the
 * peritumoral signs sit; the third and fourth (10–20 mm out) are the liver the tumour is compared with. A feature
 * that needs a missing phase, an interior the tumour is too small to have, or a ring the cube cannot hold is null
 * (the standardiser's missing indicator).
 */
public final class MriRadiomics {
    private MriRadiomics() {}

    // Channel indices, taken from MriRoi's channel order (its phases, then the tumour mask) rather than restated.
    static final int NC = MriRoi.PHASES.indexOf(Phase.NON_CONTRAST);
    static final int ART = MriRoi.PHASES.indexOf(Phase.ARTERIAL);
    static final int PV = MriRoi.PHASES.indexOf(Phase.PORTAL_VENOUS);
    static final int DEL = MriRoi.PHASES.indexOf(Phase.DELAYED);
    static final int TUMOUR = MriRoi.PHASES.size();
    /** The voxel's volume in millilitres (5 mm)³. */
    private static final double VOXEL_ML = MriRoi.VOXEL_MM * MriRoi.VOXEL_MM * MriRoi.VOXEL_MM / 1000.0;

    /** The features of one tensor (channels × side³, channel-major, as {@link MriRoi#read} gives). */
    public static FeatureRow of(float[] roi) {
        int side = MriRoi.SIDE;
        int n = side * side * side;
        if (roi.length != MriRoi.CHANNELS * n) {
            throw new IllegalArgumentException("an MRI tensor has " + MriRoi.CHANNELS * n + " values, not " + roi.length);
        }
        boolean[] tumour = new boolean[n];
        for (int i = 0; i < n; i++) tumour[i] = roi[TUMOUR * n + i] > 0.5f;
        boolean[] interior = erode(tumour, side);
        boolean[] edge = new boolean[n];
        for (int i = 0; i < n; i++) edge[i] = tumour[i] && !interior[i];
        // Rings by distance from the tumour, in 5 mm steps (6-connected dilation).
        boolean[] grown1 = dilate(tumour, side);
        boolean[] grown2 = dilate(grown1, side);
        boolean[] grown4 = dilate(dilate(grown2, side), side);
        boolean[] ring1 = minus(grown1, tumour);
        boolean[] liver = minus(grown4, grown2);
        int tumourVoxels = count(tumour);
        FeatureRow row = new FeatureRow();
        row.put("mri_nc_tumour_vs_liver", difference(roi, NC, n, tumour, liver));
        row.put("mri_art_tumour_vs_liver", difference(roi, ART, n, tumour, liver));
        row.put("mri_pv_tumour_vs_liver", difference(roi, PV, n, tumour, liver));
        row.put("mri_del_tumour_vs_liver", difference(roi, DEL, n, tumour, liver));
        row.put("mri_art_core_vs_edge", difference(roi, ART, n, interior, edge));
        row.put("mri_pv_edge_vs_core", difference(roi, PV, n, edge, interior));
        row.put("mri_del_edge_vs_core", difference(roi, DEL, n, edge, interior));
        // Arterial-only brightening of the first ring: its arterial excess over the liver beyond its portal-venous excess.
        Double ringArt = difference(roi, ART, n, ring1, liver);
        Double ringPv = difference(roi, PV, n, ring1, liver);
        row.put("mri_peritumoral_arterial_excess", ringArt == null || ringPv == null ? null : ringArt - ringPv);
        Double del = difference(roi, DEL, n, tumour, liver);
        Double pv = difference(roi, PV, n, tumour, liver);
        row.put("mri_delayed_fill_in", del == null || pv == null ? null : del - pv);
        row.put("mri_log_volume_ml", tumourVoxels == 0 ? null : Math.log(tumourVoxels * VOXEL_ML));
        // Surface voxels against a sphere's for the same volume (≈ 1 smooth, higher when lobulated); the grid's own
        // staircase raises small tumours' value, which the volume beside it lets the network allow for.
        row.put("mri_surface_irregularity", tumourVoxels == 0 ? null : count(edge) / (4.836 * Math.pow(tumourVoxels, 2.0 / 3)));
        return row;
    }

    /** Mean of channel c over voxels a minus over voxels b; null when either set is empty or the phase is absent. */
    private static Double difference(float[] roi, int c, int n, boolean[] a, boolean[] b) {
        if (!phasePresent(roi, c, n)) return null;
        Double ma = mean(roi, c, n, a);
        Double mb = mean(roi, c, n, b);
        return ma == null || mb == null ? null : ma - mb;
    }

    /** A missing phase is a channel of zeros ({@link MriRoi}); a z-scored phase never is. */
    private static boolean phasePresent(float[] roi, int c, int n) {
        for (int i = 0; i < n; i++) if (roi[c * n + i] != 0f) return true;
        return false;
    }

    private static Double mean(float[] roi, int c, int n, boolean[] where) {
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!where[i]) continue;
            s += roi[c * n + i];
            k++;
        }
        return k == 0 ? null : s / k;
    }

    private static int count(boolean[] m) {
        int k = 0;
        for (boolean b : m) if (b) k++;
        return k;
    }

    private static boolean[] minus(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] && !b[i];
        return out;
    }

    /** Voxels whose six neighbours are all in the mask (a voxel on the cube's face has no interior). */
    static boolean[] erode(boolean[] m, int side) {
        boolean[] out = new boolean[m.length];
        for (int z = 1; z < side - 1; z++) {
            for (int y = 1; y < side - 1; y++) {
                for (int x = 1; x < side - 1; x++) {
                    int i = (z * side + y) * side + x;
                    out[i] = m[i] && m[i - 1] && m[i + 1] && m[i - side] && m[i + side] && m[i - side * side] && m[i + side * side];
                }
            }
        }
        return out;
    }

    /** The mask and its six-connected neighbours. */
    static boolean[] dilate(boolean[] m, int side) {
        boolean[] out = m.clone();
        for (int z = 0; z < side; z++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int i = (z * side + y) * side + x;
                    if (!m[i]) continue;
                    if (x > 0) out[i - 1] = true;
                    if (x < side - 1) out[i + 1] = true;
                    if (y > 0) out[i - side] = true;
                    if (y < side - 1) out[i + side] = true;
                    if (z > 0) out[i - side * side] = true;
                    if (z < side - 1) out[i + side * side] = true;
                }
            }
        }
        return out;
    }
}
