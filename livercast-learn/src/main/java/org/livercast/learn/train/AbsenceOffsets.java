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
 * Estimates, per input modality, what a patient's lack of it should add to the networks' outputs
 * ({@link Calibration.AbsenceOffset}). Every training patient is scored by the members that never trained on it (its
 * out-of-fold prediction, {@link CrossFitting}) twice — as it is, and with the modality hidden — and the offset is the
 * difference in calibration-in-the-large between the two: for the aggressive logit the intercept of a logistic model
 * with the calibrated prediction as offset, for the RFS and OS heads the shift of the complementary log-log hazards
 * ({@link HazardShift}). Each is shrunk toward 0 by its standard error (prior SD {@link #PRIOR_SD}), so a small cohort
 * keeps the networks' own outputs.
 * <p>
 * Why: trained with each input hidden from a fifth of the examples, the networks still predicted patients without a
 * report or pathology 0.2–0.5 log-odds too high — on their own training patients as on every held-out centre of ten
 * cohorts (BENCHMARKS.md) — so a centre that sends no reports would have had its risks overstated.
 */
final class AbsenceOffsets {
    private AbsenceOffsets() {}

    /** Prior SD of an offset (log-odds, or log hazard ratio): the offsets measured were 0.2–0.5. */
    static final double PRIOR_SD = 0.5;

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
     * @param calibrated the model's calibrated log-odds of an out-of-fold logit (Platt, narrowed as the model's is)
     * @param slope      the Platt slope: a log-odds offset δ is δ / slope on the network's logit
     * @return per modality that can be absent (every one but the first and a treatment) its offsets and what they rest on
     */
    static Map<String, Estimate> fit(CrossFitting split, List<TrainedModel> members, InputEncoder encoder, List<InputEncoder.Encoded> patients,
                                     List<LabelledCase> cases, Outputs full, DoubleUnaryOperator calibrated, double slope) {
        // The patients as they are, measured once: every input's offset is a difference against these.
        LogitReference logitAsIs = LogitReference.of(cases, split.outOfFold(full.logit()), calibrated);
        HazardReference rfsAsIs = HazardReference.of(cases, outOfFold(split, full.rfs()), false);
        HazardReference osAsIs = HazardReference.of(cases, outOfFold(split, full.os()), true);
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (Modality m : encoder.modalities().subList(1, encoder.modalities().size())) {
            if (m.type() == Modality.Type.TREATMENT) continue;
            List<InputEncoder.Encoded> hidden = patients.stream().map(e -> encoder.without(e, m.name())).toList();
            Outputs without = score(members, hidden);
            double logit = logitAsIs.offset(split.outOfFold(without.logit()), calibrated);
            double[] rfs = rfsAsIs.offset(outOfFold(split, without.rfs()));
            double[] os = osAsIs.offset(outOfFold(split, without.os()));
            out.put(m.name(), new Estimate(new Calibration.AbsenceOffset(logit / slope, rfs[0], os[0]), logit, rfs[1], os[1]));
        }
        return out;
    }

    /**
     * @param offset        what the model adds when the modality is absent
     * @param logOddsOffset the same on the calibrated log-odds (offset.logit × the Platt slope)
     * @param rfsObservedOverExpected observed / expected RFS events with the input hidden, before its offset
     * @param osObservedOverExpected  the same for deaths
     */
    record Estimate(Calibration.AbsenceOffset offset, double logOddsOffset, double rfsObservedOverExpected, double osObservedOverExpected) {}

    /**
     * Calibration-in-the-large of the calibrated out-of-fold logits of the patients evaluable for aggressive recurrence
     * ({@code used}); {@code asIs} null when their outcome has one value.
     */
    private record LogitReference(int[] used, boolean[] outcome, Logistic.Fit asIs) {
        static LogitReference of(List<LabelledCase> cases, double[] outOfFold, DoubleUnaryOperator calibrated) {
            int[] used = java.util.stream.IntStream.range(0, cases.size())
                    .filter(i -> cases.get(i).aggressive() != null && !Double.isNaN(outOfFold[i])).toArray();
            boolean[] y = new boolean[used.length];
            for (int u = 0; u < y.length; u++) y[u] = cases.get(used[u]).aggressive();
            return new LogitReference(used, y, BinaryCalibration.inTheLargeFit(y, logOdds(used, outOfFold, calibrated)));
        }

        /** The calibrated log-odds offset δ (shrunk): citl(hidden) − citl(as is); 0 when either cannot be fitted. */
        double offset(double[] hiddenOutOfFold, DoubleUnaryOperator calibrated) {
            Logistic.Fit hidden = asIs == null ? null : BinaryCalibration.inTheLargeFit(outcome, logOdds(used, hiddenOutOfFold, calibrated));
            if (hidden == null) return 0;
            return TrainingRun.shrink(hidden.coef()[0] - asIs.coef()[0], 0, hidden.variance()[0][0], PRIOR_SD);
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
            double shift = TrainingRun.shrink(hidden.shift() - asIs.shift(), 0, hidden.standardError() * hidden.standardError(), PRIOR_SD);
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
}
