package org.livercast.learn.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What turns a model's network outputs into its predictions: the Platt calibration of the aggressive-recurrence logit
 * (logit p = intercept + slope·logit), the shifts of the RFS and OS hazards on the complementary log-log scale
 * (cloglog h' = cloglog h + shift: every interval's cumulative hazard times e^shift) that a recalibration for a centre
 * adds (a model as trained has none), and per combination of absent inputs what their absence does to the network's
 * outputs ({@link #absent}; see {@link AbsenceOffset}).
 */
public record Calibration(double intercept, double slope, double rfsHazardShift, double osHazardShift, Map<String, AbsenceOffset> absent) {
    /**
     * What a patient's lack of some inputs does to the network's outputs before the calibration above: the aggressive
     * logit rescaled ({@link #scaled}) and moved by {@code logit}, the RFS and OS hazards' complementary log-log scores
     * moved by {@code rfsHazard} and {@code osHazard}. Estimated in training from every training patient's out-of-fold
     * predictions with those inputs hidden, against the same predictions with them: the networks, trained with each
     * input hidden from a fifth of the examples, still predicted patients without it too high and too close together
     * (BENCHMARKS.md). Kept per combination of absent inputs ({@link Calibration#absent}'s key, {@link Calibration#patternKey}); a
     * combination without its own is composed from its inputs' ({@link Calibration#forAbsent}). {@code logScale} 0 (cards written before it)
     * rescales nothing.
     */
    public record AbsenceOffset(double logit, double rfsHazard, double osHazard,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) double logScale,
                                @JsonInclude(JsonInclude.Include.NON_DEFAULT) double scaleCentre) {
        /** An offset that moves the outputs without rescaling the logit. */
        public AbsenceOffset(double logit, double rfsHazard, double osHazard) { this(logit, rfsHazard, osHazard, 0, 0); }

        /**
         * The network logit of a patient lacking the inputs, before {@code logit} is added: its distance from
         * {@code scaleCentre} (the training patients' mean logit with those inputs hidden) multiplied by e^{@code logScale}.
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
