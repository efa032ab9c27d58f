package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.List;
import org.livercast.stats.calibration.Logistic;

/**
 * A Platt calibration as fitted on the training patients' out-of-fold logits: logit p = intercept + slope·(centre +
 * narrowing·(logit − centre)), the narrowing taken about the mean out-of-fold logit ({@code centre}). The model applies
 * intercept + slope·logit to the ensemble's mean, which is already that narrow.
 *
 * @param patients the training patients it was fitted on
 */
record PlattScaling(double intercept, double slope, double centre, double narrowing, int patients) {

    /** Prior SDs of the intercept and of (slope − 1): how far from "no recalibration" we expect a BCE-trained head to be. */
    static final double PRIOR_SD_INTERCEPT = 0.25;
    static final double PRIOR_SD_SLOPE = 0.15;

    /** The calibrated log-odds of one member's out-of-fold logit. */
    double logOdds(double outOfFoldLogit) { return intercept + slope * (centre + narrowing * (outOfFoldLogit - centre)); }

    /**
     * Platt scaling on the training patients' out-of-fold logits, logit(p) = a + b·(network logit), shrunk toward the
     * identity (a = 0, b = 1). Each patient's logit comes from the members that validated on it (all of them once there
     * are five members; fold 1's patients for one network), narrowed to the ensemble's spread ({@code narrowing},
     * {@link CrossFitting#ensembleNarrowing}). The estimate of b still carries an SE of 0.05–0.2, so each parameter is
     * pulled toward "no recalibration" by precision weighting with the prior SDs above ({@link Shrinkage}). Measured over
     * five cohorts, the plain Platt fit on one validation fifth put 2 of 10 held-out slopes outside 0.8–1.2, the shrunk
     * one none (BENCHMARKS.md).
     *
     * @param outcomes the binary outcome per training patient (null where it is not evaluable)
     */
    static PlattScaling fit(Boolean[] outcomes, double[] outOfFold, double narrowing) {
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) if (outcomes[i] != null && !Double.isNaN(outOfFold[i])) used.add(i);
        // One member's logit, narrowed about its mean to the ensemble's spread (CrossFitting.ensembleNarrowing).
        double mean = used.stream().mapToDouble(i -> outOfFold[i]).average().orElse(0);
        PlattScaling identity = new PlattScaling(0, 1, mean, narrowing, used.size());
        double[][] x = used.stream().map(i -> new double[] {1, identity.logOdds(outOfFold[i])}).toArray(double[][]::new);
        boolean[] outcome = new boolean[used.size()];
        for (int j = 0; j < outcome.length; j++) outcome[j] = outcomes[used.get(j)];
        Logistic.Fit fit = Logistic.fit(x, outcome, null);
        double a = Shrinkage.posteriorMean(fit.coef()[0], 0, fit.variance()[0][0], PRIOR_SD_INTERCEPT);
        double b = Shrinkage.posteriorMean(fit.coef()[1], 1, fit.variance()[1][1], PRIOR_SD_SLOPE);
        return new PlattScaling(a, b, mean, narrowing, outcome.length);
    }
}
