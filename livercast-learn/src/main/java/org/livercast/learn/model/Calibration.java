package org.livercast.learn.model;

/**
 * What turns a model's network outputs into its predictions: the Platt calibration of the aggressive-recurrence logit
 * (logit p = intercept + slope·logit), and the shifts of the RFS and OS hazards on the complementary log-log scale
 * (cloglog h' = cloglog h + shift: every interval's cumulative hazard times e^shift) that a recalibration for a centre
 * adds; a model as trained has none.
 */
public record Calibration(double intercept, double slope, double rfsHazardShift, double osHazardShift) {
    public boolean shiftsHazards() { return rfsHazardShift != 0 || osHazardShift != 0; }

    /** The calibrated logit of a network logit. */
    public double linearPredictor(double logit) { return intercept + slope * logit; }
}
