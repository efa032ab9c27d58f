package org.livercast.learn.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.livercast.learn.model.TrainedModel;
import org.livercast.stats.calibration.ModelUpdating;

/**
 * One survival head's part of a recalibration for a centre: the hazard shift fitted on the centre's first patients
 * ({@link HazardShift}), whether it is applied — when its likelihood-ratio test rejects "no shift" at the closed test's
 * level, or always when an update is forced (never when the original model is; shrunk toward none for the shrunk update)
 * — and observed / expected events on the centre's later patients before and after.
 *
 * @param applied the shift the recalibrated model adds (0 when none)
 */
record SurvivalUpdate(double applied, Map<String, Object> report) {
    /**
     * Follow-up is counted to 3 years after surgery, in the fit and in the later patients' measure alike. Why: a centre's
     * first patients have the longest follow-up and its later ones the shortest, and a model's miscalibration need not be
     * the same in every year (on seed 2027's held-out centre, observed / expected recurrences fell from 0.96 in the first
     * year to 0.82 over five) — a shift fitted over all of the first patients' years over-corrected the later patients'
     * first ones. Three years is the horizon of P4's RFS comparison and the follow-up the later patients have.
     */
    static final double HORIZON_DAYS = 3 * 365.25;

    static <T> SurvivalUpdate of(String name, List<T> fit, List<T> later, ModelUpdating.Method forced, Function<T, TrainedModel.Raw> raw,
                                 Function<TrainedModel.Raw, float[]> head, ToDoubleFunction<T> days, Predicate<T> event, Consumer<String> progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean[] ev = events(fit, event, days);
        int observed = 0;
        for (boolean b : ev) if (b) observed++;
        m.put("horizon_days", HORIZON_DAYS);
        m.put("patients", fit.size());
        m.put("events", observed);
        if (observed == 0) {
            m.put("note", "no events among these patients: the hazards are left as they are");
            m.put("applied_shift", 0.0);
            progress.accept(String.format(Locale.ROOT, "%s: no events among the %d patients; hazards unchanged", name, fit.size()));
            return new SurvivalUpdate(0, m);
        }
        HazardShift s = HazardShift.fit(fit.stream().map(t -> head.apply(raw.apply(t))).toList(), truncated(fit, days), ev);
        boolean apply = forced == null ? s.p() < RecalibrationRun.ALPHA : forced != ModelUpdating.Method.ORIGINAL;
        double applied = !apply ? 0 : forced == ModelUpdating.Method.SHRUNK ? shrunk(s) : s.shift();
        m.put("expected_events", s.expected());
        m.put("observed_over_expected", s.observedOverExpected());
        m.put("shift", s.shift());
        m.put("shift_se", s.standardError());
        m.put("lr", s.likelihoodRatio());
        m.put("p", s.p());
        m.put("applied_shift", applied);
        progress.accept(String.format(Locale.ROOT, "%s, first 3 years: %d patients, %d events, %.1f expected (O/E %.2f); cumulative hazard × %.2f (p = %.3g)%s", name,
                fit.size(), observed, s.expected(), s.observedOverExpected(), Math.exp(s.shift()), s.p(), apply ? "" : ": not applied"));
        if (!later.isEmpty()) {
            List<float[]> hazards = later.stream().map(t -> head.apply(raw.apply(t))).toList();
            double[] d = truncated(later, days);
            boolean[] e = events(later, event, days);
            double[] before = HazardShift.observedExpected(hazards, d, e, 0);
            double[] after = HazardShift.observedExpected(hazards, d, e, applied);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("patients", later.size());
            l.put("events", (int) before[0]);
            l.put("expected_before", before[1]);
            l.put("expected_after", after[1]);
            l.put("observed_over_expected_before", before[0] / before[1]);
            l.put("observed_over_expected_after", after[0] / after[1]);
            m.put("later_patients", l);
        }
        return new SurvivalUpdate(applied, m);
    }

    /** The shift's posterior mean under a normal prior centred on no shift, with the aggressive-recurrence update's SD for a shift. */
    static double shrunk(HazardShift s) {
        return Shrinkage.posteriorMean(s.shift(), 0, s.standardError() * s.standardError(), RecalibrationRun.PRIOR_SD_SHIFT);
    }

    /** Events within the horizon (one after it is follow-up censored there). */
    private static <T> boolean[] events(List<T> patients, Predicate<T> event, ToDoubleFunction<T> days) {
        boolean[] e = new boolean[patients.size()];
        for (int i = 0; i < e.length; i++) e[i] = event.test(patients.get(i)) && days.applyAsDouble(patients.get(i)) <= HORIZON_DAYS;
        return e;
    }

    private static <T> double[] truncated(List<T> patients, ToDoubleFunction<T> days) {
        return patients.stream().mapToDouble(t -> Math.min(days.applyAsDouble(t), HORIZON_DAYS)).toArray();
    }
}
