package org.livercast.learn.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What turns a model's network outputs into its predictions: the Platt calibration of the aggressive-recurrence logit
 * (logit p = intercept + slope·logit), the shifts of the RFS and OS hazards on the complementary log-log scale
 * (cloglog h' = cloglog h + shift: every interval's cumulative hazard times e^shift) that a recalibration for a centre
 * adds (a model as trained has none), and per input modality what its absence adds to the network's outputs
 * ({@link #absent}; see {@link AbsenceOffset}).
 */
public record Calibration(double intercept, double slope, double rfsHazardShift, double osHazardShift, Map<String, AbsenceOffset> absent) {
    /**
     * What a patient's lack of one input adds to the network's outputs before the calibration above: to the aggressive
     * logit, and to the RFS and OS hazards' complementary log-log scores. Estimated in training from every training
     * patient's out-of-fold predictions with that input hidden, as the difference in calibration-in-the-large against the
     * same predictions with it: the networks, trained with the input hidden from a fifth of the examples, still predicted
     * patients without it too high (BENCHMARKS.md). Offsets of several absent inputs add.
     */
    public record AbsenceOffset(double logit, double rfsHazard, double osHazard) {}

    public Calibration {
        absent = absent == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(absent));
    }

    public Calibration(double intercept, double slope, double rfsHazardShift, double osHazardShift) {
        this(intercept, slope, rfsHazardShift, osHazardShift, Map.of());
    }

    public boolean shiftsHazards() { return rfsHazardShift != 0 || osHazardShift != 0; }

    /** The calibrated logit of a network logit. */
    public double linearPredictor(double logit) { return intercept + slope * logit; }

    /** The same calibration with these absence offsets. */
    public Calibration withAbsent(Map<String, AbsenceOffset> offsets) {
        return new Calibration(intercept, slope, rfsHazardShift, osHazardShift, offsets);
    }
}
