package org.livercast.learn.features;

import java.util.List;
import org.livercast.core.model.TumourBurden;
import org.livercast.learn.inputs.PostOperativeInputs;

/**
 * The subgroups in which the evidence says adjuvant TACE works differently, pre-specified for the therapy model as a
 * trial statistician pre-specifies subgroup interactions (sources in ../shared/knowledge/hcc-clinical-reference.md):
 * <ul>
 *   <li>MVI present, largest tumour &lt; 5 cm — benefit (Oncologist 2019, PSM n = 444 of MVI+ patients: adjusted OR 0.59;
 *       Wang 2018 and Wei 2018 RCTs in MVI+ / high-risk patients: RFS HR 0.68–0.70);</li>
 *   <li>MVI present, largest tumour ≥ 5 cm — no benefit (same PSM: OR 1.17, a significant size × TACE interaction);</li>
 *   <li>no MVI but a tumour ≥ 5 cm or several tumours — Wang 2018's intermediate-risk group (benefit);</li>
 * </ul>
 * and the reference, no MVI with one tumour &lt; 5 cm (TNM I–II: the RCT there was null, HR 0.88). The model estimates
 * each subgroup's effect from the data; only where to look is given. Why pre-specify: a network asked to find these
 * products of features on its own did not (its individual effects carried no information about the truth's at 3,000 or
 * 10,000 patients; BENCHMARKS.md), while the subgroups are what the trials report.
 *
 * <p>Tumour size is the pathology report's when it gives one, else the pre-operative imaging's. Unknown MVI or size
 * puts the patient in no subgroup (the average effect of the reference applies).
 */
public final class TaceEffectModifiers {
    private TaceEffectModifiers() {}

    public static final List<String> NAMES = List.of("tace_x_mvi_under_50mm", "tace_x_mvi_50mm_or_more", "tace_x_no_mvi_large_or_multinodular");

    /** What a clinician reads for each subgroup, the reference first, then {@link #NAMES} order. */
    public static final List<String> LABELS = List.of("no MVI, one tumour under 5 cm (or MVI or size unknown)", "MVI, largest tumour under 5 cm",
            "MVI, largest tumour 5 cm or more", "no MVI, tumour of 5 cm or more or several tumours");

    private static final double FIVE_CM_MM = 50;

    /** The patient's subgroup as {@link #LABELS} names it. */
    public static String label(PostOperativeInputs in) { return LABELS.get(group(in)); }

    /** The patient's subgroup: 0 for the reference, else 1 + its index in {@link #NAMES}. */
    public static int group(PostOperativeInputs in) {
        float[] z = of(in);
        for (int k = 0; k < z.length; k++) if (z[k] == 1f) return k + 1;
        return 0;
    }

    /** One 0/1 indicator per subgroup, in {@link #NAMES} order. */
    public static float[] of(PostOperativeInputs in) {
        float[] z = new float[NAMES.size()];
        var mvi = in.pathology().mvi();
        TumourBurden burden = in.pre().baseline().preoperativeBurden();
        List<Double> reported = in.pathology().tumourSizesMm();
        Double largestMm = !reported.isEmpty() ? reported.get(0) : burden != null && burden.count() > 0 ? burden.largestMm() : null;
        int tumours = Math.max(reported.size(), burden == null ? 0 : burden.count());
        if (mvi == null || largestMm == null) return z;
        boolean large = largestMm >= FIVE_CM_MM;
        if (mvi.present()) z[large ? 1 : 0] = 1f;
        else if (large || tumours > 1) z[2] = 1f;
        return z;
    }
}
