package org.livercast.synth.files;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.livercast.core.model.MviGrade;
import org.livercast.synth.SyntheticPatient;

/**
 * One place where a synthetic H&amp;E slide shows a local finding. {@link #of} gives all of a patient's, decided once so
 * the painter draws them and the truth folder records them (truth/slide-regions.csv: the ground truth an attention heat
 * map is measured against).
 *
 * <p>The evidence is local, as on real slides, so a model that reads it has to find it: microvascular invasion is tumour
 * emboli in a few vessels of the peritumoral band (M1: 1–3 invaded vessels, M2: 6–9, as the Chinese grading counts
 * them; 83% of MVI lies within 1 cm of the tumour), every slide also has uninvolved vessels (so a vessel alone is not
 * MVI), and immune infiltration is lymphoid aggregates in the tumour (none when cold, 2 when intermediate, 6 when hot)
 * rather than lymphocytes sprinkled evenly over it. Necrosis keeps its one focus.
 *
 * @param kind    {@link #LYMPHOID_AGGREGATE}, {@link #INVADED_VESSEL}, {@link #VESSEL} or {@link #NECROSIS}
 * @param xPx     centre, level-0 pixels
 * @param yPx     centre, level-0 pixels
 * @param radiusPx radius, level-0 pixels (0.5 µm each)
 */
public record SlideRegion(String kind, long xPx, long yPx, long radiusPx) {
    public static final String LYMPHOID_AGGREGATE = "lymphoid_aggregate";
    public static final String INVADED_VESSEL = "invaded_vessel";
    public static final String VESSEL = "vessel";
    public static final String NECROSIS = "necrosis";

    /** The tumour occupies the tissue left of this fraction of the width; non-tumour liver the rest. */
    static final double TUMOUR_BORDER_FRACTION = 0.58;

    static final long NECROSIS_RADIUS_PX = 350;

    /** Every region of this patient's slide, the same on every call (seeded by the cohort seed and the patient). */
    public static List<SlideRegion> of(SyntheticPatient p, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + p.truth().patientId().hashCode() * 17L + 5);
        List<SlideRegion> out = new ArrayList<>();
        if (p.findings().necrosis()) {
            out.add(new SlideRegion(NECROSIS, Math.round(SlideFile.WIDTH * 0.2), Math.round(SlideFile.HEIGHT * 0.4), NECROSIS_RADIUS_PX));
        }
        int aggregates = switch (p.findings().immuneLevel()) {
            case 0 -> 0;
            case 1 -> 2;
            default -> 6;
        };
        double border = SlideFile.WIDTH * TUMOUR_BORDER_FRACTION;
        for (int i = 0; i < aggregates; i++) out.add(place(r, out, LYMPHOID_AGGREGATE, 160, 260, SlideFile.WIDTH * 0.10, border - 300));
        MviGrade mvi = p.record().pathology().mvi();
        int invaded = mvi == null || mvi == MviGrade.M0 ? 0 : mvi == MviGrade.M1 ? 1 + r.nextInt(3) : 6 + r.nextInt(4);
        // The peritumoral band: both sides of the tumour's edge, within about 0.5 mm of it.
        for (int i = 0; i < invaded; i++) out.add(place(r, out, INVADED_VESSEL, 60, 110, border - 1000, border + 1000));
        for (int i = 0; i < 3; i++) out.add(place(r, out, VESSEL, 60, 110, SlideFile.WIDTH * 0.10, SlideFile.WIDTH * 0.90));
        return List.copyOf(out);
    }

    /** A disc inside the tissue ellipse, between xMin and xMax, not overlapping the regions already placed. */
    private static SlideRegion place(SplittableRandom r, List<SlideRegion> placed, String kind, int minRadius, int maxRadius, double xMin, double xMax) {
        SlideRegion last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            long radius = minRadius + r.nextInt(maxRadius - minRadius + 1);
            long x = Math.round(xMin + r.nextDouble() * (xMax - xMin));
            long y = Math.round(SlideFile.HEIGHT * (0.12 + 0.76 * r.nextDouble()));
            last = new SlideRegion(kind, x, y, radius);
            if (insideTissue(last) && placed.stream().noneMatch(o -> Math.hypot(o.xPx - x, o.yPx - y) < o.radiusPx + radius + 40)) return last;
        }
        return last;  // a crowded slide: overlapping is better than a missing finding
    }

    /** Whether the whole disc lies inside the tissue ellipse (with its radius to spare). */
    private static boolean insideTissue(SlideRegion s) {
        double dx = (s.xPx - SlideFile.WIDTH / 2.0) / (SlideFile.WIDTH * 0.42 - s.radiusPx);
        double dy = (s.yPx - SlideFile.HEIGHT / 2.0) / (SlideFile.HEIGHT * 0.42 - s.radiusPx);
        return dx * dx + dy * dy <= 1;
    }

    /** Whether the disc can reach into the rectangle [x, x+w) × [y, y+h) (its bounding square overlaps it). */
    boolean touches(long x, long y, int w, int h) {
        return xPx + radiusPx > x && xPx - radiusPx < x + w && yPx + radiusPx > y && yPx - radiusPx < y + h;
    }

    boolean contains(long x, long y) {
        long dx = x - xPx;
        long dy = y - yPx;
        return dx * dx + dy * dy < radiusPx * radiusPx;
    }

    /** Distance from the centre as a fraction of the radius (0 at the centre, 1 at the edge). */
    double relativeDistance(long x, long y) {
        double dx = x - xPx;
        double dy = y - yPx;
        return Math.sqrt(dx * dx + dy * dy) / radiusPx;   // exact squares, one rounding: hypot's care, many times faster
    }
}
