package org.livercast.synth;

import java.util.Map;
import org.livercast.core.model.AdjuvantStrategy;

/**
 * What the generator knows and no model may see: the latent biology, the linear predictor of the recurrence hazard
 * under the observed strategy, the true probability of aggressive recurrence within two years, and the true
 * recurrence-free survival at 2 and 3 years under each of the four strategies (counterfactuals), and the true RFS and
 * OS curves at 1–5 years under each strategy.
 */
public record Truth(String patientId, String centreId, Latent latent, AdjuvantStrategy observed, double logHazard,
                    double pAggressive2y, Map<AdjuvantStrategy, double[]> rfs2y3y, AdjuvantStrategy best,
                    Map<AdjuvantStrategy, double[][]> curves) {
    /** Years at which {@link #curves} are given: RFS (row 0) and OS (row 1) at 1…5 years. */
    public static final int[] CURVE_YEARS = {1, 2, 3, 4, 5};
}
