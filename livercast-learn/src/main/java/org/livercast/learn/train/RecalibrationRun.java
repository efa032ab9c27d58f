package org.livercast.learn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.NetInputs;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.slide.TileEncoder;
import org.livercast.stats.calibration.BinaryCalibration;
import org.livercast.stats.calibration.ModelUpdating;

/**
 * {@code livercast recalibrate}: updates a PRE or POST model for a centre from the centre's first resected HCC patients
 * whose 2-year outcome is known (in order of surgery), by recalibrating its aggressive-recurrence probability (see
 * {@link ModelUpdating}: the closed test chooses between the model as it is, recalibration in the large and logistic
 * recalibration), and its RFS and OS hazards by one shift each ({@link SurvivalUpdate}) when the centre's follow-up shows
 * one. Why: a centre whose case mix differs from the training centres' gets probabilities that rank well but are too
 * extreme or shifted (held-out slopes 0.62–0.79 on two synthetic cohorts, BENCHMARKS.md); P2's high-risk threshold of 0.5
 * is only meaningful on calibrated probabilities. The networks are unchanged, so the ranking (AUC, C-index) is too; the
 * new model gets its own id. The centre's later evaluable patients, not used for the update, measure it (before and
 * after).
 */
public final class RecalibrationRun {
    private RecalibrationRun() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The closed test's level. */
    public static final double ALPHA = 0.05;

    /**
     * Prior SDs of a new centre's miscalibration, for the shrunk update: its shift of the log-odds at the average patient
     * and its change of calibration slope. Measured: across ten synthetic cohorts' held-out centres, calibration in the
     * large spread about ±0.45 and slopes 0.6–1.2, of which sampling noise (about 100 events each) explains roughly half
     * (BENCHMARKS.md); these are the training run's Platt priors, for the same reason.
     */
    static final double PRIOR_SD_SHIFT = PlattScaling.PRIOR_SD_INTERCEPT;
    static final double PRIOR_SD_SLOPE = PlattScaling.PRIOR_SD_SLOPE;

    /** Fewest later patients (with both outcomes among them) for the before/after comparison to be reported. */
    static final int MIN_LATER = 20;

    /**
     * @param patients    how many of the centre's first evaluable patients the update is estimated on
     * @param method      a forced update (SHRUNK: the shrunk one), or null for the closed test
     * @param tileCache   where slide tile embeddings are cached (a POST model trained with slides needs them)
     * @param tileEncoder the tile encoder the model was trained with; null for the built-in features
     */
    public record Options(Path model, Path cohort, String centre, int patients, ModelUpdating.Method method, Path out, LocalDate defaultCutoff,
                          Path tileCache, TileEncoder tileEncoder) {
        public Options {
            if (patients < 2) throw new IllegalArgumentException("patients: at least 2, not " + patients);
        }
    }

    public record Result(Path modelDir, ModelStore.Card card, ModelUpdating.Update update, Map<String, Object> report) {}

    /** A resected HCC patient of the centre: their outcomes, surgery date and the model's output for them. */
    record Local(LabelledCase c, LocalDate surgery, TrainedModel.Raw raw, double lp) {}

    /**
     * Whether the patient's 2-year outcome is known and may be used: operated by {@code lastSurgery}, two years before the
     * cut-off — among patients operated later, the ones who already recurred are evaluable and the others not yet, which
     * would inflate the event rate the update is fitted to.
     */
    private static boolean evaluable(LabelledCase c, LocalDate lastSurgery) {
        return c.aggressive() != null && !c.patient().record().surgeryDate().orElseThrow().isAfter(lastSurgery);
    }

    public static Result run(Options o, Consumer<String> progress) throws IOException {
        ModelStore.Card card = ModelStore.card(o.model());
        if (card.kind() != ModelKind.PRE && card.kind() != ModelKind.POST) {
            throw new IllegalArgumentException(o.model() + ": a " + card.kind().id() + " model; recalibration updates the aggressive-recurrence "
                    + "probability of PRE and POST models");
        }
        CohortExport.Cohort cohort = CohortExport.read(o.cohort(), o.defaultCutoff());
        if (!cohort.centres().contains(o.centre())) {
            throw new IllegalArgumentException("centre " + o.centre() + " is not in " + o.cohort() + " (centres: " + cohort.centres() + ")");
        }
        List<LabelledCase> resected = new ArrayList<>();
        for (PatientCase c : cohort.cases()) {
            if (!c.centre().equals(o.centre()) || c.record().surgeryDate().isEmpty()) continue;
            LabelledCase l = LabelledCase.of(c, cohort.dataCutoff());
            if (l.hcc()) resected.add(l);
        }
        LocalDate lastEvaluable = cohort.dataCutoff().minusYears(2);
        long evaluableCount = resected.stream().filter(l -> evaluable(l, lastEvaluable)).count();
        if (evaluableCount < o.patients()) {
            throw new IllegalArgumentException("centre " + o.centre() + " of " + o.cohort() + " has " + evaluableCount + " resected HCC patients whose "
                    + "2-year outcome is known (operated by " + lastEvaluable + ", two years before the data cut-off); " + o.patients() + " were asked for");
        }
        List<Local> centre;
        try (TrainedModel model = ModelStore.load(o.model())) {
            centre = outputs(model, resected, SlideBags.forModel(model.encoder(), o.tileEncoder(), o.tileCache()));
        }
        // The order a centre meets its patients in: the update uses its first ones, as it would when it starts using the model.
        centre.sort(Comparator.comparing(Local::surgery).thenComparing(l -> l.c().patient().id()));
        List<Local> evaluable = centre.stream().filter(l -> evaluable(l.c(), lastEvaluable)).toList();
        List<Local> first = evaluable.subList(0, o.patients());
        List<Local> later = evaluable.subList(o.patients(), evaluable.size());
        LocalDate until = first.get(first.size() - 1).surgery();
        // Survival needs no 2-year outcome: every patient operated in the same months counts, censored where follow-up ends.
        List<Local> survivalFit = centre.stream().filter(l -> !l.surgery().isAfter(until)).toList();
        List<Local> survivalLater = centre.stream().filter(l -> l.surgery().isAfter(until)).toList();
        progress.accept(String.format(Locale.ROOT, "centre %s: %d evaluable resected HCC patients; the first %d (operated %s to %s) update the model, "
                + "the %d after them measure it", o.centre(), evaluable.size(), first.size(), first.get(0).surgery(), until, later.size()));

        boolean[] yFirst = outcomes(first);
        double[] lpFirst = first.stream().mapToDouble(Local::lp).toArray();
        ModelUpdating.Update u = o.method() == null ? ModelUpdating.closedTest(lpFirst, yFirst, ALPHA)
                : o.method() == ModelUpdating.Method.SHRUNK ? ModelUpdating.shrunk(lpFirst, yFirst, PRIOR_SD_SHIFT, PRIOR_SD_SLOPE)
                : ModelUpdating.forced(lpFirst, yFirst, o.method());
        progress.accept(String.format(Locale.ROOT, "%s (%s): logit p' = %.3f + %.3f × logit p; calibration in the large %.3f, slope %.3f on these "
                + "patients; LR tests p = %.3g (logistic vs original), %.3g (logistic vs in the large)", u.chosen().id(),
                o.method() == null ? "closed test" : "forced", u.intercept(), u.slope(), u.inTheLargeIntercept(), u.logisticSlope(),
                u.pLogisticVsOriginal(), u.pLogisticVsIntercept()));
        SurvivalUpdate rfs = SurvivalUpdate.of("RFS", survivalFit, survivalLater, o.method(), Local::raw, TrainedModel.Raw::hazard,
                l -> l.c().rfsDays(), l -> l.c().rfsEvent(), progress);
        SurvivalUpdate os = SurvivalUpdate.of("OS", survivalFit, survivalLater, o.method(), Local::raw, TrainedModel.Raw::osHazard,
                l -> l.c().osDays(), l -> l.c().osEvent(), progress);

        boolean[] yLater = outcomes(later);
        double[] before = later.stream().mapToDouble(l -> expit(l.lp())).toArray();
        double[] after = later.stream().mapToDouble(l -> expit(u.apply(l.lp()))).toArray();
        Map<String, Object> measuredLater = later(later, yLater, before, after);
        ModelStore.Recalibration r = new ModelStore.Recalibration(card.modelId(), o.centre(), u.chosen().id(), u.intercept(), u.slope(), rfs.applied(),
                os.applied(), u.n(), u.events(), first.get(0).surgery().toString(), until.toString());
        Path modelDir = o.out().resolve("model");
        ModelStore.Card updated = ModelStore.recalibrate(o.model(), modelDir, r, cardMetrics(card.metrics(), o.centre(), u, measuredLater));

        Map<String, Object> report = report(o, card, updated, cohort.dataCutoff(), u, first, until, measuredLater, rfs, os);
        Files.createDirectories(o.out());
        JSON.writeValue(o.out().resolve("recalibration.json").toFile(), report);
        RecalibrationReport.write(o.out(), report, yLater, before, measuredLater.containsKey("after") ? after : null);
        return new Result(modelDir, updated, u, report);
    }

    /** recalibration.json: the update, the tests that chose it, and its measurement on the centre's later patients. */
    private static Map<String, Object> report(Options o, ModelStore.Card card, ModelStore.Card updated, LocalDate dataCutoff, ModelUpdating.Update u,
                                              List<Local> first, LocalDate until, Map<String, Object> measuredLater, SurvivalUpdate rfs, SurvivalUpdate os) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schemaVersion", 1);
        report.put("model", card.kind().id());
        report.put("from_model_id", card.modelId());
        report.put("model_id", updated.modelId());
        report.put("centre", o.centre());
        report.put("data_cutoff", dataCutoff.toString());
        report.put("selection", o.method() == null ? "closed_test" : "forced");
        report.put("alpha", ALPHA);
        report.put("method", u.chosen().id());
        report.put("intercept", u.intercept());
        report.put("slope", u.slope());
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("n", u.n());
        fit.put("events", u.events());
        fit.put("first_surgery", first.get(0).surgery().toString());
        fit.put("last_surgery", until.toString());
        fit.put("calibration_in_the_large", u.inTheLargeIntercept());
        fit.put("calibration_slope", u.logisticSlope());
        fit.put("log_likelihood_original", u.logLikelihood()[0]);
        fit.put("log_likelihood_in_the_large", u.logLikelihood()[1]);
        fit.put("log_likelihood_logistic", u.logLikelihood()[2]);
        fit.put("lr_logistic_vs_original", u.lrLogisticVsOriginal());
        fit.put("p_logistic_vs_original", u.pLogisticVsOriginal());
        fit.put("lr_logistic_vs_in_the_large", u.lrLogisticVsIntercept());
        fit.put("p_logistic_vs_in_the_large", u.pLogisticVsIntercept());
        report.put("update_patients", fit);
        report.put("later_patients", measuredLater);
        report.put("rfs", rfs.report());
        report.put("os", os.report());
        return report;
    }

    /** Patients scored per batch at most. */
    private static final int BATCH = 128;

    /**
     * The model's output for each patient, read with the inputs its kind takes (PRE: pre-operative only). Patients are
     * read and encoded one at a time and scored in batches of at most {@link #BATCH} patients and
     * {@link NetInputs#MAX_BATCH_FLOATS} packed floats: a centre's slides — a foundation model's 15,000-tile slide is
     * 61 MB as the network's input — are never all held at once.
     */
    private static List<Local> outputs(TrainedModel model, List<LabelledCase> patients, SlideBags bags) throws IOException {
        return outputs(model, patients, bags, NetInputs.MAX_BATCH_FLOATS);
    }

    static List<Local> outputs(TrainedModel model, List<LabelledCase> patients, SlideBags bags, long maxBatchFloats) throws IOException {
        boolean images = model.encoder().mri();
        List<org.livercast.learn.nn.Modality> modalities = model.encoder().modalities();
        List<Local> out = new ArrayList<>(patients.size());
        List<InputEncoder.Encoded> pending = new ArrayList<>();
        for (LabelledCase l : patients) {
            PatientCase c = l.patient();
            InputEncoder.Encoded e = model.kind() == ModelKind.PRE ? model.encoder().encode(PreOperativeInputs.of(c, images))
                    : model.encoder().encode(PostOperativeInputs.of(c, bags, images));
            if (!pending.isEmpty() && NetInputs.packedFloats(modalities, java.util.stream.Stream.concat(pending.stream(), java.util.stream.Stream.of(e))
                    .map(InputEncoder.Encoded::vectors).toList()) > maxBatchFloats) {
                score(model, patients.subList(out.size(), out.size() + pending.size()), pending, out);
            }
            pending.add(e);
            if (pending.size() == BATCH) score(model, patients.subList(out.size(), out.size() + pending.size()), pending, out);
        }
        if (!pending.isEmpty()) score(model, patients.subList(out.size(), out.size() + pending.size()), pending, out);
        return out;
    }

    /** Scores the pending patients (in one batch: they fit), appends their outputs and empties the list. */
    private static void score(TrainedModel model, List<LabelledCase> batch, List<InputEncoder.Encoded> pending, List<Local> out) {
        List<TrainedModel.Raw> raw = model.raw(pending);
        for (int i = 0; i < batch.size(); i++) {
            LabelledCase l = batch.get(i);
            out.add(new Local(l, l.patient().record().surgeryDate().get(), raw.get(i), model.linearPredictor(raw.get(i).logit())));
        }
        pending.clear();
    }

    private static boolean[] outcomes(List<Local> patients) {
        boolean[] y = new boolean[patients.size()];
        for (int i = 0; i < y.length; i++) y[i] = patients.get(i).c().aggressive();
        return y;
    }

    /**
     * What the updated model's card says of it: the training run's discrimination (the networks are the same), and its
     * calibration as measured on the centre's later patients — the training run's held-out calibration described the
     * probabilities before the update, which this model no longer gives.
     */
    private static Map<String, Object> cardMetrics(Map<String, Object> trained, String centre, ModelUpdating.Update u, Map<String, Object> later) {
        Map<String, Object> m = new LinkedHashMap<>(trained);
        m.remove("calibration_slope");
        m.remove("calibration_groups");
        m.remove("calibration_population");
        m.put("recalibrated_for_centre", centre);
        m.put("recalibration_method", u.chosen().id());
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) later.get("after");
        if (after != null) {
            m.put("calibration_population", "later patients of " + centre);
            m.put("calibration_slope", after.get("calibration_slope"));
            m.put("calibration_groups", after.get("calibration_groups"));
        }
        return m;
    }

    /** Calibration of the model before and after the update on the centre's later patients (not used to estimate it). */
    private static Map<String, Object> later(List<Local> later, boolean[] y, double[] before, double[] after) {
        Map<String, Object> m = new LinkedHashMap<>();
        int events = 0;
        for (boolean b : y) if (b) events++;
        m.put("n", y.length);
        m.put("events", events);
        if (y.length < MIN_LATER || events == 0 || events == y.length) {
            m.put("note", "too few later patients (or only one outcome among them) to measure the update");
            return m;
        }
        m.put("first_surgery", later.get(0).surgery().toString());
        m.put("last_surgery", later.get(later.size() - 1).surgery().toString());
        m.put("auc", Evaluation.binary(y, before).auc());
        m.put("before", calibration(y, before));
        m.put("after", calibration(y, after));
        return m;
    }

    private static Map<String, Object> calibration(boolean[] y, double[] p) {
        BinaryCalibration.Result c = Evaluation.calibration(y, p);
        int high = 0;
        for (double v : p) if (v >= 0.5) high++;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calibration_slope", c.slope());
        m.put("calibration_in_the_large", c.intercept());
        m.put("brier", c.brier());
        m.put("mean_predicted", java.util.Arrays.stream(p).average().orElse(Double.NaN));
        m.put("n_high_risk", high);
        m.put("calibration_groups", HeldOut.groups(c));
        return m;
    }

    /** Clamped away from 0 and 1 so the calibration fit's logit stays finite. */
    private static double expit(double x) { return Math.min(1 - 1e-12, Math.max(1e-12, 1 / (1 + Math.exp(-x)))); }
}
