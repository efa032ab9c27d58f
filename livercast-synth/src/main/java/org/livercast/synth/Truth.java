package org.livercast.synth;

import java.util.Map;
import org.livercast.core.model.AdjuvantStrategy;

/**
 * What the generator knows and no model may see: the latent biology, the linear predictor of the recurrence hazard
 * under the observed strategy, the true probability of aggressive recurrence within two years, and the true
 * recurrence-free survival at 2 and 3 years under each of the four strategies (counterfactuals).
 */
public record Truth(String patientId, String centreId, Latent latent, AdjuvantStrategy observed, double logHazard,
                    double pAggressive2y, Map<AdjuvantStrategy, double[]> rfs2y3y, AdjuvantStrategy best) {}
