package org.livercast.learn.train;

/**
 * Pulling an estimate toward a prior value by precision weighting: the posterior mean of a normal prior (mean
 * {@code prior}, SD {@code priorSd}) and a normal likelihood (the estimate, its variance). Every correction a training
 * run fits from few patients — the Platt calibration, the absence offsets, a new centre's update — goes through it, so
 * a small cohort keeps the networks' own outputs and a large one its data.
 */
final class Shrinkage {
    private Shrinkage() {}

    /** The prior itself when the estimate's variance is not finite and positive (a fit that did not identify it). */
    static double posteriorMean(double estimate, double prior, double variance, double priorSd) {
        if (!(variance > 0) || Double.isInfinite(variance)) return prior;
        double wData = 1 / variance;
        double wPrior = 1 / (priorSd * priorSd);
        return (wData * estimate + wPrior * prior) / (wData + wPrior);
    }
}
