package org.livercast.learn.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
     * patients without it too high (BENCHMARKS.md). Offsets of several absent inputs add. A model may also rescale the
     * logit of a patient without the input ({@link #scaled}); {@code logScale} 0 (cards written before it) rescales nothing.
     */
    public record AbsenceOffset(double logit, double rfsHazard, double osHazard,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) double logScale,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) double scaleCentre) {
        /** An offset that moves the outputs without rescaling the logit. */
        public AbsenceOffset(double logit, double rfsHazard, double osHazard) { this(logit, rfsHazard, osHazard, 0, 0); }

        /**
         * The network logit of a patient lacking the input: its distance from {@code scaleCentre} multiplied by
         * e^{@code logScale} (without the input the networks' logits were too close together: the held-out calibration slope
         * rose from 0.95 to 1.15–1.20), then moved by {@code logit}. The centre is the mean logit of the training patients
         * without the input. With several inputs absent, every rescaling applies first (in the network's order of inputs),
         * then every offset.
         */
        public double scaled(double networkLogit) { return logScale == 0 ? networkLogit : scaleCentre + (networkLogit - scaleCentre) * Math.exp(logScale); }
    }

    public Calibration {
        absent = absent == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(absent));
    }

    public Calibration(double intercept, double slope, double rfsHazardShift, double osHazardShift) {
        this(intercept, slope, rfsHazardShift, osHazardShift, Map.of());
    }

    public boolean shiftsHazards() { return rfsHazardShift != 0 || osHazardShift != 0; }

    /** The calibrated logit of a network logit. */
    public double linearPredictor(double logit) { return intercept + slope * logit; }

    /** The key of {@link #absent} for a set of absent inputs: their names in the network's order, joined by "+". */
    public static String patternKey(java.util.List<String> absentInOrder) { return String.join("+", absentInOrder); }

    /**
     * The corrections for a patient lacking the inputs named (in the network's order): the one estimated for exactly
     * that combination when the model has it, else each input's own (rescalings apply one after the other, then the
     * offsets add); empty when nothing is absent or the model has no offsets.
     */
    public java.util.List<AbsenceOffset> forAbsent(java.util.List<String> absentInOrder) {
        if (absentInOrder.isEmpty() || absent.isEmpty()) return java.util.List.of();
        AbsenceOffset exact = absent.get(patternKey(absentInOrder));
        if (exact != null) return java.util.List.of(exact);
        return absentInOrder.stream().map(absent::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The same calibration with these absence offsets. */
    public Calibration withAbsent(Map<String, AbsenceOffset> offsets) {
        return new Calibration(intercept, slope, rfsHazardShift, osHazardShift, offsets);
    }
}
