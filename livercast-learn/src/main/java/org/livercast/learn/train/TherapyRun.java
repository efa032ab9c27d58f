package org.livercast.learn.train;

import ai.djl.Model;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.livercast.core.model.AdjuvantStrategy;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.features.ClinicalFeatures;
import org.livercast.learn.features.TaceEffectModifiers;
import org.livercast.learn.features.TrialEffectPriors;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.TherapyModel;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.RiskNet;
import org.livercast.learn.nn.Torch;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.slide.TileStandardiser;

/**
 * {@code livercast train --model therapy}: learns RFS under each adjuvant strategy from observational data. The
 * confounding (teams give TACE to MVI-positive and large tumours, systemic therapy to high-AFP and poorly differentiated
 * ones, each centre in its own way) is handled by inverse-probability-of-treatment weighting: every training patient's
 * loss is weighted by the stabilised inverse of the probability of the strategy they received ({@link Propensity}), so
 * the weighted sample looks as if strategies had been assigned at random given the covariates, and the network — which
 * sees the strategy as an input — compares like with like. The two treatment components (TACE, systemic) add their
 * effects on the log hazard, with no TACE × systemic interaction (the biology and the trials give none, and the rare
 * combination otherwise picked up the confounding that weighting leaves). TACE's effect differs in the subgroups the
 * trials name ({@link TaceEffectModifiers}: MVI with a tumour under or over 5 cm, intermediate risk without MVI), each
 * estimated from the data under a prior from the randomised trials ({@link TrialEffectPriors}: the fit is the posterior
 * mode, so where the data are thin the trials' estimate holds, and where they are many the data's); otherwise an effect
 * is the same for every patient on the hazard-ratio scale, and the absolute gain follows the patient's own risk. Weighting was
 * chosen over a doubly robust estimator because the network is itself the outcome model: the weighted fit keeps one
 * model, and the ensemble's spread gives the uncertainty. Only resected HCC patients enter (P4's population; benign
 * lesions are never treated, which would break positivity). The outcome is P4's RFS (recurrence or death), so fatal
 * toxicity counts against a strategy. Why not let the network find who benefits: effect modifiers computed by its trunk
 * or by their own small network carried no information about the truth's individual effects at 3,000 or 10,000
 * patients, and a doubly robust learner and a policy tree found none either; the trials' subgroups recover most of the
 * oracle's gain (BENCHMARKS.md).
 */
public final class TherapyRun {
    private TherapyRun() {}

    public static final int MEMBERS = 5;

    public record Result(TherapyModel model, Map<String, Object> report) {}

    record Row(LabelledCase c, PostOperativeInputs in, AdjuvantStrategy received, double[] design) {}

    public static Result run(TrainingRun.Options o, Consumer<String> progress) throws IOException {
        return run(o, Weighting.IPW, progress);
    }

    public static Result run(TrainingRun.Options o, Weighting weighting, Consumer<String> progress) throws IOException {
        return run(o, weighting, TrialEffectPriors.components(), progress);
    }

    /**
     * @param priors one prior per strategy component ({@link TrialEffectPriors#components()}: the trials'), or an empty list
     *               to estimate the effects from the data alone
     */
    public static Result run(TrainingRun.Options o, Weighting weighting, List<TrialEffectPriors.Prior> priors, Consumer<String> progress)
            throws IOException {
        long started = System.nanoTime();
        CohortExport.Cohort cohort = CohortExport.read(o.cohort(), o.defaultCutoff());
        List<String> centres = cohort.centres();
        String heldout = TrainingRun.heldoutCentre(o, cohort);
        List<LabelledCase> train = new ArrayList<>();
        List<LabelledCase> test = new ArrayList<>();
        for (PatientCase c : cohort.cases()) {
            if (c.record().treatment() == null || c.record().treatment().adjuvantStrategy() == null) continue;
            // P4's RFS ends at recurrence or death: a strategy that kills by toxicity must not look like one that spares.
            LabelledCase l = LabelledCase.of(c, cohort.dataCutoff(), org.livercast.core.endpoint.RfsEvents.RECURRENCE_OR_DEATH);
            if (l.hcc()) (c.centre().equals(heldout) ? test : train).add(l);
        }
        Collections.shuffle(train, new Random(o.fit().seed()));
        // The slides' scratch file, if their bags needed one, is removed once the run is done with them.
        try (RunSlides slides = TrainingRun.slides(o, cohort, progress)) {
            return run(o, weighting, priors, new Patients(cohort, centres, heldout, train, test), slides, started, progress);
        }
    }

    /** The cohort's resected HCC patients with a recorded strategy: the training centres' (shuffled) and the held-out centre's. */
    private record Patients(CohortExport.Cohort cohort, List<String> centres, String heldout, List<LabelledCase> train, List<LabelledCase> test) {}

    private static Result run(TrainingRun.Options o, Weighting weighting, List<TrialEffectPriors.Prior> priors, Patients p, RunSlides slides,
                              long started, Consumer<String> progress) throws IOException {
        CohortExport.Cohort cohort = p.cohort();
        List<String> centres = p.centres();
        String heldout = p.heldout();
        List<LabelledCase> train = p.train();
        List<LabelledCase> test = p.test();
        int nVal = Math.max(2, train.size() / 5);
        SlideBags bags = slides.bags();
        // The inputs without their slides, which are read again whenever a patient is encoded (PostOperativeInputs.withSlide):
        // the cohort's tile embeddings are never all held beside the networks' copy of them.
        List<PostOperativeInputs> trainInputs = new ArrayList<>();
        for (LabelledCase c : train) trainInputs.add(PostOperativeInputs.of(c.patient(), null, o.images()));
        List<PostOperativeInputs> testInputs = new ArrayList<>();
        for (LabelledCase c : test) testInputs.add(PostOperativeInputs.of(c.patient(), null, o.images()));
        List<PostOperativeInputs> fitInputs = trainInputs.subList(nVal, trainInputs.size());
        TileStandardiser tiles = bags == null ? null
                : TileStandardiser.fit(bags.encoder(), bags.lazily(train.subList(nVal, train.size()).stream().flatMap(c -> c.patient().slide().stream()).toList()));
        InputEncoder encoder = InputEncoder.fitPost(fitInputs, tiles, o.mriReading()).forTherapy();
        List<String> trainingCentres = centres.stream().filter(c -> !c.equals(heldout)).toList();
        List<Row> trainRows = rows(encoder, train, trainInputs, trainingCentres);
        List<Row> testRows = rows(encoder, test, testInputs, trainingCentres);

        // Propensity on all training-centre patients; weights for every one of them.
        Propensity propensity = Propensity.fit(trainRows.stream().map(Row::design).toArray(double[][]::new),
                trainRows.stream().map(Row::received).toList());
        double[][] design = trainRows.stream().map(Row::design).toArray(double[][]::new);
        List<AdjuvantStrategy> received = trainRows.stream().map(Row::received).toList();
        float[] w = switch (weighting) {
            case IPW -> propensity.weights(design, received);
            case OVERLAP -> propensity.overlapWeights(design, received);
            case NONE -> {
                float[] ones = new float[design.length];
                java.util.Arrays.fill(ones, 1f);
                yield ones;
            }
        };
        List<Double> propensityRange = propensityRange(propensity, design, received);
        List<Example> all = new ArrayList<>();
        for (int i = 0; i < trainRows.size(); i++) {
            Row r = trainRows.get(i);
            InputEncoder.Encoded e = slides.place(encoder.encode(r.in().withSlide(r.c().patient(), bags), r.received()), encoder.modalities());
            // P4's endpoint is RFS: the members learn no OS (it would reshape the trunk the strategy's effects are read from).
            all.add(Example.withoutOs(r.c().patient().id(), e.vectors(), e.present(), r.c().aggressive(), r.c().rfsDays(), r.c().rfsEvent())
                    .withWeight(w[i]));
        }
        List<Example> validation = all.subList(0, nVal);
        List<Example> fit = all.subList(nVal, all.size());
        progress.accept(String.format(Locale.ROOT, "therapy model: %d fit, %d validation HCC patients (centres %s), %d held out (%s); %d members",
                fit.size(), validation.size(), trainingCentres, testRows.size(), heldout, MEMBERS));

        Torch.engine();
        Fitter.EffectPrior prior = priors.isEmpty() ? null : new Fitter.EffectPrior(priors.stream().mapToDouble(TrialEffectPriors.Prior::meanLogHr).toArray(),
                priors.stream().mapToDouble(TrialEffectPriors.Prior::sdLogHr).toArray());
        List<TrainedModel> members = new ArrayList<>();
        List<float[]> memberEffects = new ArrayList<>();
        List<double[]> memberPrecision = new ArrayList<>();
        List<float[]> memberPosteriorMeans = new ArrayList<>();
        boolean robust = priors.stream().anyMatch(TrialEffectPriors.Prior::robust);
        Fitter.History firstMember = null;
        Random boot = new Random(o.fit().seed() * 7919 + 1);
        for (int m = 0; m < MEMBERS; m++) {
            List<Example> resample = new ArrayList<>(fit.size());
            for (int i = 0; i < fit.size(); i++) resample.add(fit.get(boot.nextInt(fit.size())));
            Model model = Model.newInstance("livercast-therapy-" + m);
            model.setBlock(new RiskNet(encoder.modalities(), o.fit().hidden(), DiscreteTime.INTERVALS, o.fit().dropout()));
            // Modality dropout would hide the strategy itself: off for this model.
            FitConfig cfg = o.fit().member(m).withModalityDropout(0f);
            Fitter.History h = Fitter.fit(model, resample, validation, cfg, prior, line -> { });
            if (firstMember == null) firstMember = h;
            if (prior == null) {
                PriorInfluence.profileEffects(model, resample, o.fit().aggressiveWeight(), 3);
            } else {
                float[] mode = PriorInfluence.fitted(model);
                double[] precision = PriorInfluence.dataPrecision(model, resample, o.fit().aggressiveWeight());
                memberEffects.add(mode);
                memberPrecision.add(precision);
                if (robust) {
                    // Fitted under the trials' side; the robust prior's other side ("no effect here") enters by the update.
                    float[] mean = PriorInfluence.posteriorMeans(priors, mode, precision);
                    PriorInfluence.moveEffects(model, resample, mean);
                    memberPosteriorMeans.add(mean);
                }
            }
            members.add(ModelStore.identify(model, encoder, 0, 1));
            progress.accept(String.format(Locale.ROOT, "  member %d/%d trained: %d epochs, best %d (validation loss %.4f)", m + 1, MEMBERS,
                    h.trainLoss().size(), h.bestEpoch(), h.validationLoss().get(h.bestEpoch())));
        }
        TherapyModel therapy = new TherapyModel(members);
        List<TherapyModel.Scored> scored = new ArrayList<>();
        for (Row r : testRows) scored.add(therapy.score(r.in().withSlide(r.c().patient(), bags)));
        List<TherapyModel.Recommendation> recommendations = scored.stream().map(TherapyModel.Scored::recommendation).toList();
        List<double[][]> testLogHr = scored.stream().map(TherapyModel.Scored::memberLogHazardRatios).toList();
        Optional<TruthTable> truthTable = TruthTable.read(o.cohort());
        Map<String, Object> report = evaluate(recommendations, testRows, truthTable);
        report.put("hazard_ratios", TherapyEffects.hazardRatios(testLogHr, testRows));
        report.put("effect_priors", TherapyEffects.priors(priors, memberEffects, memberPrecision, memberPosteriorMeans));
        truthTable.ifPresent(t -> report.put("effect_calibration", TherapyEffects.calibration(testLogHr, testRows, t)));
        report.put("heldout_centre", heldout);
        report.put("training_centres", trainingCentres);
        report.put("n_fit", fit.size());
        report.put("n_validation", validation.size());
        report.put("weighting", weighting.name().toLowerCase(Locale.ROOT));
        report.put("propensity", "P(TACE|x)·P(systemic|x), two logistic regressions on clinical, MRI-report and pathology features and centre");
        report.put("propensity_of_received_range", propensityRange);
        double[] ws = new double[w.length];
        for (int i = 0; i < w.length; i++) ws[i] = w[i];
        report.put("weight_range", List.of(java.util.Arrays.stream(ws).min().orElse(0), java.util.Arrays.stream(ws).max().orElse(0)));
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        String dataHash = DataHash.of(cohort, heldout);
        report.put("training_data_sha256", dataHash);
        therapy.save(o.out().resolve("model"), report, o.fit().dropout(), dataHash,
                org.livercast.learn.slide.TileEncoderSource.of(o.tileEncoder()).orElse(null));
        Files.createDirectories(o.out());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().resolve("report.json").toFile(), report);
        SummaryReport.write(o.out(), "Adjuvant-therapy model — held-out centre " + heldout, "Recommendations for the held-out centre's "
                + "resected HCC patients; policy values are mean true 3-year RFS (synthetic cohorts only), policy_gain_fraction the share of "
                + "the oracle's gain over observed practice that the recommendations recover.", report, figures(recommendations, testRows, report, firstMember));
        return new Result(therapy, report);
    }

    /** The smallest and largest propensity of the received strategy: how close to a positivity violation the data come. */
    private static List<Double> propensityRange(Propensity p, double[][] design, List<AdjuvantStrategy> received) {
        double lo = 1;
        double hi = 0;
        for (int i = 0; i < design.length; i++) {
            double e = p.probability(design[i], received.get(i));
            lo = Math.min(lo, e);
            hi = Math.max(hi, e);
        }
        return List.of(lo, hi);
    }

    /**
     * Recommendations for the held-out centre's patients and, with the truth, the value of each policy: mean true
     * 3-year RFS under the recommended strategy, as actually treated, under the truly best strategy, and with everyone
     * given the same strategy. {@code policy_gain_fraction} = (recommended − observed) / (best − observed).
     */
    /** @param recs the ensemble's recommendation for each held-out row, in order */
    static Map<String, Object> evaluate(List<TherapyModel.Recommendation> recs, List<Row> test, Optional<TruthTable> truth) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<AdjuvantStrategy, Integer> recommended = new EnumMap<>(AdjuvantStrategy.class);
        double vRec = 0;
        double vObs = 0;
        double vBest = 0;
        Map<AdjuvantStrategy, Double> everyone = new EnumMap<>(AdjuvantStrategy.class);
        double agreement = 0;
        int matchesBest = 0;
        Map<AdjuvantStrategy, Double> predicted = new EnumMap<>(AdjuvantStrategy.class);
        for (int i = 0; i < test.size(); i++) {
            Row row = test.get(i);
            TherapyModel.Recommendation rec = recs.get(i);
            for (TherapyModel.StrategyEstimate e : rec.estimates()) predicted.merge(e.strategy(), e.rfs3y(), Double::sum);
            recommended.merge(rec.recommended(), 1, Integer::sum);
            agreement += rec.agreement();
            if (truth.isPresent()) {
                String id = row.c().patient().id();
                TruthTable t = truth.get();
                vRec += t.rfs3y(id, rec.recommended());
                vObs += t.rfs3y(id, row.received());
                AdjuvantStrategy best = t.best(id);
                vBest += t.rfs3y(id, best);
                if (best == rec.recommended()) matchesBest++;
                for (AdjuvantStrategy s : AdjuvantStrategy.values()) everyone.merge(s, t.rfs3y(id, s), Double::sum);
            }
        }
        int n = test.size();
        r.put("n_heldout_hcc", n);
        Map<String, Integer> recCounts = new LinkedHashMap<>();
        recommended.forEach((k, v) -> recCounts.put(k.id(), v));
        r.put("recommended_counts", recCounts);
        r.put("mean_member_agreement", agreement / Math.max(1, n));
        Map<String, Double> meanPredicted = new LinkedHashMap<>();
        predicted.forEach((k, v) -> meanPredicted.put(k.id(), v / Math.max(1, n)));
        r.put("predicted_mean_rfs3y", meanPredicted);
        if (truth.isPresent() && n > 0) {
            r.put("value_recommended_rfs3y", vRec / n);
            r.put("value_observed_rfs3y", vObs / n);
            r.put("value_oracle_rfs3y", vBest / n);
            r.put("policy_gain_fraction", (vRec - vObs) / (vBest - vObs));
            r.put("recommended_is_truly_best", (double) matchesBest / n);
            Map<String, Object> fixed = new LinkedHashMap<>();
            for (var e : everyone.entrySet()) {
                fixed.put(e.getKey().id(), Map.of("value_rfs3y", e.getValue() / n, "policy_gain_fraction", (e.getValue() - vObs) / (vBest - vObs)));
            }
            r.put("everyone_same_strategy", fixed);
            r.put("effect_vs_truth", TherapyEffects.vsTruth(recs, test, truth.get()));
        }
        return r;
    }

    /**
     * The report's figures: the first member's loss curves; observed RFS on the held-out centre of the patients whose
     * received strategy was the recommended one against the others (P4's consistent vs inconsistent, with log-rank);
     * and, with a synthetic cohort's truth, the policies' mean true 3-year RFS.
     */
    private static List<String> figures(List<TherapyModel.Recommendation> recs, List<Row> test, Map<String, Object> report, Fitter.History loss) {
        List<String> out = new ArrayList<>();
        if (loss != null) out.add(TrainingReport.lossCurves(loss.trainLoss(), loss.validationLoss(), loss.bestEpoch()));
        int n = test.size();
        if (n >= 4) {
            double[] days = new double[n];
            boolean[] event = new boolean[n];
            String[] group = new String[n];
            for (int i = 0; i < n; i++) {
                Row r = test.get(i);
                days[i] = r.c().rfsDays();
                event[i] = r.c().rfsEvent();
                group[i] = recs.get(i).recommended() == r.received() ? "received the recommended strategy" : "received another strategy";
            }
            var all = new org.livercast.stats.survival.SurvivalData(days, event);
            List<org.livercast.stats.plot.KaplanMeierPlot.Group> groups = new ArrayList<>();
            for (String g : List.of("received the recommended strategy", "received another strategy")) {
                int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> group[i].equals(g)).toArray();
                if (rows.length > 0) groups.add(new org.livercast.stats.plot.KaplanMeierPlot.Group(g + " (" + rows.length + ")",
                        org.livercast.stats.survival.KaplanMeier.fit(all.subset(rows))));
            }
            double p = groups.size() == 2 ? org.livercast.stats.survival.LogRank.test(all, group, null).p() : Double.NaN;
            out.add(org.livercast.stats.plot.KaplanMeierPlot.render("Held-out centre: observed RFS, consistent vs inconsistent with the recommendation",
                    groups, "Days since surgery", "Recurrence-free", p, 1825));
        }
        if (report.containsKey("value_oracle_rfs3y")) {
            Map<String, Double> bars = new LinkedHashMap<>();
            bars.put("as treated", (Double) report.get("value_observed_rfs3y"));
            bars.put("recommended", (Double) report.get("value_recommended_rfs3y"));
            bars.put("oracle", (Double) report.get("value_oracle_rfs3y"));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Double>> fixed = (Map<String, Map<String, Double>>) report.get("everyone_same_strategy");
            fixed.forEach((k, v) -> bars.put("everyone " + k.replace('_', ' '), v.get("value_rfs3y")));
            out.add(valueBars(bars));
        }
        return out;
    }

    /** Horizontal bars of mean true 3-year RFS per policy, on an axis from the smallest value less a margin. */
    static String valueBars(Map<String, Double> values) {
        double min = values.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double lo = Math.max(0, min - 0.05);
        double hi = Math.min(1, max + 0.02);
        int rowH = 24;
        int w = 520;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                + "font-size=\"12\" role=\"img\" aria-label=\"Mean true 3-year RFS per policy\"><text x=\"10\" y=\"18\" font-size=\"14\">Mean true 3-year RFS per policy "
                + "(held-out centre; axis %.2f to %.2f)</text>", w, 40 + rowH * values.size(), lo, hi));
        int i = 0;
        for (var e : values.entrySet()) {
            double y = 30 + i++ * rowH;
            double len = (w - 240) * (e.getValue() - lo) / Math.max(1e-9, hi - lo);
            String colour = e.getKey().equals("recommended") ? "#1f77b4" : e.getKey().equals("oracle") ? "#2ca02c" : "#999";
            s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%.0f\">%s</text><rect x=\"170\" y=\"%.0f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%.0f\">%.3f</text>", y + 13, e.getKey(), y, Math.max(1, len), colour, 176 + len, y + 13, e.getValue()));
        }
        return s.append("</svg>").toString();
    }

    private static List<Row> rows(InputEncoder encoder, List<LabelledCase> cases, List<PostOperativeInputs> inputs, List<String> trainingCentres) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            LabelledCase c = cases.get(i);
            PostOperativeInputs in = inputs.get(i);
            List<Double> d = new ArrayList<>();
            d.add(1.0);
            for (float v : encoder.clinical().apply(ClinicalFeatures.baseline(in.pre()))) d.add((double) v);
            for (float v : encoder.radiology().apply(ClinicalFeatures.radiology(in.pre()))) d.add((double) v);
            for (float v : encoder.pathology().apply(ClinicalFeatures.pathology(in))) d.add((double) v);
            // Centre indicators (the first training centre is the reference); a held-out centre gets none.
            for (int k = 1; k < trainingCentres.size(); k++) d.add(c.patient().centre().equals(trainingCentres.get(k)) ? 1.0 : 0.0);
            rows.add(new Row(c, in, c.patient().record().treatment().adjuvantStrategy(), d.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return rows;
    }
}
