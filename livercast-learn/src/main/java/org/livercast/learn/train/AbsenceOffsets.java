package org.livercast.learn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.livercast.learn.model.Calibration;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.Modality;
import org.livercast.stats.calibration.BinaryCalibration;
import org.livercast.stats.calibration.Logistic;

/**
 * Estimates, per combination of missing inputs ({@link #patterns}), how a patient's lack of them should change the
 * networks' outputs ({@link Calibration.AbsenceOffset}). Every training patient is scored by the members that never
 * trained on it (its out-of-fold prediction, {@link CrossFitting}) twice — as it is, and with those inputs hidden. The
 * aggressive logit is first rescaled about the hidden logits' mean by the ratio of the two calibration slopes (hidden
 * over as is), then offset by the difference in calibration-in-the-large (the intercept of a logistic model with the
 * calibrated prediction as offset); the RFS and OS heads are offset by the shift of their complementary log-log hazards
 * ({@link HazardShift}). Each is shrunk toward none by its standard error (prior SDs {@link #PRIOR_SD},
 * {@link #PRIOR_SD_LOG_SCALE}), so a small cohort keeps the networks' own outputs.
 * <p>
 * Why: trained with each input hidden from a fifth of the examples, the networks still predicted patients without a
 * report or pathology 0.2–0.5 log-odds too high — on their own training patients as on every held-out centre of ten
 * cohorts — and too close together (held-out slope 1.21 without both reports against the full model's 0.95;
 * BENCHMARKS.md), so a centre that sends no reports would have had its risks overstated.
 */
final class AbsenceOffsets {
    private AbsenceOffsets() {}

    /** Prior SD of an offset (log-odds, or log hazard ratio): the offsets measured were 0.2–0.5. */
    static final double PRIOR_SD = 0.5;

    /** Prior SD of the log of a rescaling: the hidden predictions' held-out slopes were 1.03–1.20 times the full model's. */
    static final double PRIOR_SD_LOG_SCALE = 0.25;

    /** Patients scored per forward pass (an MRI model's tensors for thousands of patients at once would take gigabytes). */
    private static final int SCORING_BATCH = 256;

    /** Members' outputs on the training patients: logit[k][i], and each interval's RFS and OS complementary log-log [k][j][i]. */
    record Outputs(double[][] logit, double[][][] rfs, double[][][] os) {}

    /** Each member's own outputs (no calibration, no offsets) for the patients, in order. */
    static Outputs score(List<TrainedModel> members, List<InputEncoder.Encoded> patients) {
        int n = patients.size();
        int intervals = org.livercast.learn.nn.DiscreteTime.INTERVALS;
        double[][] logit = new double[members.size()][n];
        double[][][] rfs = new double[members.size()][intervals][n];
        double[][][] os = new double[members.size()][intervals][n];
        for (int k = 0; k < members.size(); k++) {
            for (int from = 0; from < n; from += SCORING_BATCH) {
                List<TrainedModel.Raw> raw = members.get(k).raw(patients.subList(from, Math.min(n, from + SCORING_BATCH)));
                for (int i = 0; i < raw.size(); i++) {
                    logit[k][from + i] = raw.get(i).logit();
                    for (int j = 0; j < intervals; j++) {
                        rfs[k][j][from + i] = cloglog(raw.get(i).hazard()[j]);
                        os[k][j][from + i] = cloglog(raw.get(i).osHazard()[j]);
                    }
                }
            }
        }
        return new Outputs(logit, rfs, os);
    }

    /**
     * @param members    each member alone, uncalibrated (member k validated on {@code split}'s fold of k)
     * @param full       their outputs on {@code patients} as they are ({@link #score})
     * @param platt      the model's calibration of an out-of-fold logit (narrowed as the model's is); a log-odds offset δ
     *                   is δ / its slope on the network's logit
     * @return per combination of inputs that can be absent ({@link #patterns}; key {@link Calibration#patternKey}) its
     *         correction and what it rests on
     */
    static Map<String, Estimate> fit(CrossFitting split, List<TrainedModel> members, InputEncoder encoder, List<InputEncoder.Encoded> patients,
                                     List<LabelledCase> cases, Outputs full, PlattScaling platt) {
        DoubleUnaryOperator calibrated = platt::logOdds;
        // The patients as they are, measured once: every input's offset is a difference against these.
        LogitReference logitAsIs = LogitReference.of(cases, split.outOfFold(full.logit()), calibrated);
        HazardReference rfsAsIs = HazardReference.of(cases, outOfFold(split, full.rfs()), false);
        HazardReference osAsIs = HazardReference.of(cases, outOfFold(split, full.os()), true);
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (List<String> pattern : patterns(encoder)) {
            List<InputEncoder.Encoded> hidden = patients.stream().map(e -> {
                for (String name : pattern) e = encoder.without(e, name);
                return e;
            }).toList();
            Outputs without = score(members, hidden);
            double[] hiddenLogits = split.outOfFold(without.logit());
            // First the spread (the slope of the calibrated hidden logits against the as-is ones), then the level of the
            // rescaled logits: the offset is measured on what the model will compute.
            double[] spread = logitAsIs.logScale(hiddenLogits, calibrated);
            // About the mean of these patients' hidden logits, so that the rescaling leaves their average logit where it
            // was and the offset below is the level alone.
            double centre = logitAsIs.meanOf(hiddenLogits);
            Calibration.AbsenceOffset scaleOnly = new Calibration.AbsenceOffset(0, 0, 0, spread[0], centre);
            // The model rescales the ensemble's mean logit, which is the members' narrowed about the Platt centre.
            double ensembleCentre = platt.centre() + platt.narrowing() * (centre - platt.centre());
            double[] rescaled = java.util.Arrays.stream(hiddenLogits).map(scaleOnly::scaled).toArray();
            double logit = logitAsIs.offset(rescaled, calibrated);
            double[] rfs = rfsAsIs.offset(outOfFold(split, without.rfs()));
            double[] os = osAsIs.offset(outOfFold(split, without.os()));
            out.put(Calibration.patternKey(pattern), new Estimate(new Calibration.AbsenceOffset(logit / platt.slope(), rfs[0], os[0], spread[0],
                    ensembleCentre), logit, spread[1], rfs[1], os[1]));
        }
        return out;
    }

    /**
     * The sets of inputs a correction is estimated for: every input that can be absent (all but the first and a
     * treatment) alone, and — when there are at most {@link #MAX_INPUTS_FOR_EVERY_PATTERN} of them — every combination
     * of two or more; beyond that only all of them at once (each pattern costs one scoring pass over the training
     * patients). A patient lacking a combination without its own correction gets its inputs' corrections composed.
     * Why combinations: per-input corrections composed undercorrected the level with two inputs missing and
     * overcorrected the spread (BENCHMARKS.md).
     */
    static List<List<String>> patterns(InputEncoder encoder) {
        return patterns(encoder.modalities().stream().skip(1).filter(m -> m.type() != Modality.Type.TREATMENT).map(Modality::name).toList());
    }

    /** The same for the inputs that can be absent, named in the network's order. */
    static List<List<String>> patterns(List<String> inputs) {
        List<List<String>> out = new ArrayList<>();
        if (inputs.size() > MAX_INPUTS_FOR_EVERY_PATTERN) {
            inputs.forEach(name -> out.add(List.of(name)));
            if (inputs.size() > 1) out.add(inputs);
            return out;
        }
        // Every non-empty subset, the smaller first, each in the network's order of inputs.
        for (int size = 1; size <= inputs.size(); size++) {
            for (int mask = 1; mask < 1 << inputs.size(); mask++) {
                if (Integer.bitCount(mask) != size) continue;
                List<String> pattern = new ArrayList<>();
                for (int k = 0; k < inputs.size(); k++) if ((mask & 1 << k) != 0) pattern.add(inputs.get(k));
                out.add(pattern);
            }
        }
        return out;
    }

    /** Three inputs that can be absent give 7 patterns; four would give 15 scoring passes. */
    static final int MAX_INPUTS_FOR_EVERY_PATTERN = 3;

    /**
     * @param offset        what the model does to a patient lacking the combination
     * @param logOddsOffset the same on the calibrated log-odds (offset.logit × the Platt slope)
     * @param calibrationSlopeHidden the calibration slope of the hidden out-of-fold predictions relative to the as-is ones,
     *                               before the rescaling (e^logScale is it, shrunk); NaN when not estimable
     * @param rfsObservedOverExpected observed / expected RFS events with the input hidden, before its offset
     * @param osObservedOverExpected  the same for deaths
     */
    record Estimate(Calibration.AbsenceOffset offset, double logOddsOffset, double calibrationSlopeHidden, double rfsObservedOverExpected,
                    double osObservedOverExpected) {}

    /**
     * Calibration-in-the-large of the calibrated out-of-fold logits of the patients evaluable for aggressive recurrence
     * ({@code used}); {@code asIs} null when their outcome has one value.
     */
    private record LogitReference(int[] used, boolean[] outcome, Logistic.Fit asIs, Logistic.Fit asIsSlope) {
        static LogitReference of(List<LabelledCase> cases, double[] outOfFold, DoubleUnaryOperator calibrated) {
            int[] used = java.util.stream.IntStream.range(0, cases.size())
                    .filter(i -> cases.get(i).aggressive() != null && !Double.isNaN(outOfFold[i])).toArray();
            boolean[] y = new boolean[used.length];
            for (int u = 0; u < y.length; u++) y[u] = cases.get(used[u]).aggressive();
            double[] logOdds = logOdds(used, outOfFold, calibrated);
            return new LogitReference(used, y, BinaryCalibration.inTheLargeFit(y, logOdds), slopeFit(y, logOdds));
        }

        /**
         * {shrunk log of the hidden predictions' calibration slope over the as-is predictions', that ratio unshrunk}: how
         * much farther apart the logits of patients without the input should be; {0, NaN} when either slope cannot be
         * fitted or is not positive (a hidden input that leaves no discrimination is not rescaled).
         */
        double[] logScale(double[] hiddenOutOfFold, DoubleUnaryOperator calibrated) {
            if (asIsSlope == null || !(asIsSlope.coef()[1] > 0)) return new double[] {0, Double.NaN};
            Logistic.Fit hidden = slopeFit(outcome, logOdds(used, hiddenOutOfFold, calibrated));
            if (hidden == null || !(hidden.coef()[1] > 0)) return new double[] {0, Double.NaN};
            double ratio = hidden.coef()[1] / asIsSlope.coef()[1];
            // Delta method: var(log b) = var(b) / b²; the as-is slope is the Platt fit's own, ~1 with little error.
            double variance = hidden.variance()[1][1] / (hidden.coef()[1] * hidden.coef()[1]);
            return new double[] {Shrinkage.posteriorMean(Math.log(ratio), 0, variance, PRIOR_SD_LOG_SCALE), ratio};
        }

        /** The mean of out-of-fold logits over the patients used. */
        double meanOf(double[] outOfFold) { return java.util.Arrays.stream(used).mapToDouble(i -> outOfFold[i]).average().orElse(0); }

        /** y ~ 1 + log-odds (R: glm(y ~ lp, binomial)); null when the outcome has one value. */
        private static Logistic.Fit slopeFit(boolean[] y, double[] logOdds) {
            boolean any = false;
            boolean all = true;
            for (boolean b : y) {
                any |= b;
                all &= b;
            }
            if (!any || all) return null;
            double[][] x = new double[y.length][];
            for (int i = 0; i < y.length; i++) x[i] = new double[] {1, logOdds[i]};
            return Logistic.fit(x, y, null);
        }

        /** The calibrated log-odds offset δ (shrunk): citl(hidden) − citl(as is); 0 when either cannot be fitted. */
        double offset(double[] hiddenOutOfFold, DoubleUnaryOperator calibrated) {
            Logistic.Fit hidden = asIs == null ? null : BinaryCalibration.inTheLargeFit(outcome, logOdds(used, hiddenOutOfFold, calibrated));
            if (hidden == null) return 0;
            return Shrinkage.posteriorMean(hidden.coef()[0] - asIs.coef()[0], 0, hidden.variance()[0][0], PRIOR_SD);
        }

        private static double[] logOdds(int[] used, double[] outOfFold, DoubleUnaryOperator calibrated) {
            return java.util.Arrays.stream(used).mapToDouble(i -> calibrated.applyAsDouble(outOfFold[i])).toArray();
        }
    }

    /**
     * The hazard shift ({@link HazardShift}) of the out-of-fold hazards of the patients that have them ({@code used}), for
     * RFS or, {@code overall}, OS; {@code asIs} null without events.
     */
    private record HazardReference(int[] used, double[] days, boolean[] event, HazardShift asIs) {
        static HazardReference of(List<LabelledCase> cases, double[][] outOfFold, boolean overall) {
            int[] used = java.util.stream.IntStream.range(0, cases.size()).filter(i -> !Double.isNaN(outOfFold[0][i])).toArray();
            double[] days = java.util.Arrays.stream(used).mapToDouble(i -> overall ? cases.get(i).osDays() : cases.get(i).rfsDays()).toArray();
            boolean[] event = new boolean[used.length];
            boolean any = false;
            for (int u = 0; u < used.length; u++) {
                event[u] = overall ? cases.get(used[u]).osEvent() : cases.get(used[u]).rfsEvent();
                any |= event[u];
            }
            return new HazardReference(used, days, event, any ? HazardShift.fit(hazards(outOfFold, used), days, event) : null);
        }

        /** {shrunk shift of the cloglog hazards with the input hidden against as is, observed / expected hidden}; {0, NaN} without events. */
        double[] offset(double[][] hiddenOutOfFold) {
            if (asIs == null) return new double[] {0, Double.NaN};
            HazardShift hidden = HazardShift.fit(hazards(hiddenOutOfFold, used), days, event);
            double shift = Shrinkage.posteriorMean(hidden.shift() - asIs.shift(), 0, hidden.standardError() * hidden.standardError(), PRIOR_SD);
            return new double[] {shift, hidden.observedOverExpected()};
        }
    }

    /** Out-of-fold cloglog per interval: [j][i]. */
    private static double[][] outOfFold(CrossFitting split, double[][][] byMember) {
        int intervals = byMember[0].length;
        double[][] out = new double[intervals][];
        for (int j = 0; j < intervals; j++) {
            double[][] member = new double[byMember.length][];
            for (int k = 0; k < byMember.length; k++) member[k] = byMember[k][j];
            out[j] = split.outOfFold(member);
        }
        return out;
    }

    /** The hazards per interval of the patients named, from complementary log-log scores [j][i]. */
    private static List<float[]> hazards(double[][] cloglogByInterval, int[] patients) {
        List<float[]> out = new ArrayList<>(patients.length);
        for (int i : patients) {
            float[] h = new float[cloglogByInterval.length];
            for (int j = 0; j < h.length; j++) h[j] = (float) -Math.expm1(-Math.exp(cloglogByInterval[j][i]));
            out.add(h);
        }
        return out;
    }

    private static double cloglog(float hazard) {
        double h = Math.min(1 - 1e-12, Math.max(1e-12, hazard));
        return Math.log(-Math.log1p(-h));
    }

    /** What the report says of each absence offset: the offsets themselves, and what they rest on. */
    static Map<String, Object> report(Map<String, Estimate> absence) {
        Map<String, Object> out = new LinkedHashMap<>();
        absence.forEach((name, e) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("log_odds", e.logOddsOffset());
            m.put("network_logit", e.offset().logit());
            m.put("logit_scale", Math.exp(e.offset().logScale()));
            m.put("calibration_slope_hidden", e.calibrationSlopeHidden());
            m.put("rfs_cloglog_hazard", e.offset().rfsHazard());
            m.put("os_cloglog_hazard", e.offset().osHazard());
            m.put("rfs_observed_over_expected_hidden", e.rfsObservedOverExpected());
            m.put("os_observed_over_expected_hidden", e.osObservedOverExpected());
            out.put(name, m);
        });
        return out;
    }
}
