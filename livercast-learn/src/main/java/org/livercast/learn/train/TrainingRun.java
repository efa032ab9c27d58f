package org.livercast.learn.train;

import org.livercast.learn.data.UnusableInputException;
import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.features.ClinicalFeatures;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.Calibration;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.RiskNet;
import org.livercast.learn.nn.Torch;
import org.livercast.learn.slide.HistologyFeatureEncoder;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.slide.SlideMeanTiles;
import org.livercast.learn.slide.TileStandardiser;
import org.livercast.stats.calibration.Logistic;

/**
 * {@code livercast train}: reads a cohort export, holds one centre out for external validation, trains the PRE or POST
 * network on the other centres (an ensemble cross-fitted over five folds, {@link CrossFitting}: each member stops early on
 * its own fifth, the Platt calibration reads every training patient's out-of-fold logit), fits the
 * statistical baselines on the same patients, and measures all of them on the held-out centre's resected HCC
 * patients — against the oracle where the cohort carries its truth.
 */
public final class TrainingRun {
    private TrainingRun() {}

    /**
     * @param tileCache where slide tile embeddings are cached; null trains without slides (POST and THERAPY only use them)
     * @param images    read the MRI series (the tumour-centred tensor, as {@code mriReading} says) when the export has them
     * @param tileEncoder how slide tiles become embeddings: null for the built-in histology features, or e.g. a
     *                    {@link org.livercast.learn.slide.TorchScriptTileEncoder} (the caller closes it)
     * @param mriReading  how the network reads the MRI tensor when {@code images}: its radiomic features (the default:
     *                    seconds to train, BENCHMARKS.md) or a 3D CNN
     */
    public record Options(ModelKind kind, Path cohort, Path out, String heldoutCentre, FitConfig fit, LocalDate defaultCutoff, Path tileCache,
                          boolean images, org.livercast.learn.slide.TileEncoder tileEncoder, InputEncoder.MriReading mriReading) {
        public Options {
            if (mriReading == null) mriReading = InputEncoder.MriReading.RADIOMICS;
        }

        public Options(ModelKind kind, Path cohort, Path out, String heldoutCentre, FitConfig fit, LocalDate defaultCutoff, Path tileCache,
                       boolean images, org.livercast.learn.slide.TileEncoder tileEncoder) {
            this(kind, cohort, out, heldoutCentre, fit, defaultCutoff, tileCache, images, tileEncoder, null);
        }

        public Options(ModelKind kind, Path cohort, Path out, String heldoutCentre, FitConfig fit, LocalDate defaultCutoff, Path tileCache,
                       boolean images) {
            this(kind, cohort, out, heldoutCentre, fit, defaultCutoff, tileCache, images, null);
        }

        public Options(ModelKind kind, Path cohort, Path out, String heldoutCentre, FitConfig fit, LocalDate defaultCutoff) {
            this(kind, cohort, out, heldoutCentre, fit, defaultCutoff, null, false);
        }

        public Options(ModelKind kind, Path cohort, Path out, String heldoutCentre, FitConfig fit, LocalDate defaultCutoff, Path tileCache) {
            this(kind, cohort, out, heldoutCentre, fit, defaultCutoff, tileCache, false);
        }

        /** The same run reading the export's slides, their tile embeddings cached in {@code dir}. */
        public Options withTileCache(Path dir) {
            return new Options(kind, cohort, out, heldoutCentre, fit, defaultCutoff, dir, images, tileEncoder, mriReading);
        }

        public Options withMriReading(InputEncoder.MriReading reading) {
            return new Options(kind, cohort, out, heldoutCentre, fit, defaultCutoff, tileCache, images, tileEncoder, reading);
        }
    }

    /**
     * The centre held out for external validation: the one asked for, else the last; a cohort of one centre cannot be
     * validated externally and is refused.
     */
    static String heldoutCentre(Options o, CohortExport.Cohort cohort) throws IOException {
        List<String> centres = cohort.centres();
        if (centres.size() < 2) throw new UnusableInputException(o.cohort() + ": one centre only; training holds a whole centre out, so it needs two or more");
        String heldout = o.heldoutCentre() != null ? o.heldoutCentre() : centres.get(centres.size() - 1);
        if (!centres.contains(heldout)) throw new UnusableInputException("held-out centre " + heldout + " is not in " + o.cohort() + " (centres: " + centres + ")");
        return heldout;
    }

    /**
     * The slide reader for a run, or null: slides are used by POST and THERAPY when a tile cache is given and the export
     * has slides. Every slide is embedded up front, on all cores (each is cached, so this is paid once per slide).
     */
    static SlideBags slides(Options o, CohortExport.Cohort cohort, Consumer<String> progress) throws IOException {
        if (o.kind() == ModelKind.PRE || o.tileCache() == null) return null;
        List<Path> files = cohort.cases().stream().flatMap(c -> c.slide().stream()).toList();
        if (files.isEmpty()) return null;
        SlideBags bags = new SlideBags(o.tileEncoder() != null ? o.tileEncoder() : new HistologyFeatureEncoder(), o.tileCache());
        long t = System.nanoTime();
        try {
            files.parallelStream().forEach(f -> {
                try {
                    bags.of(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        progress.accept(String.format(Locale.ROOT, "%d slides embedded (%s) in %.1f s", files.size(), bags.encoder().id(), (System.nanoTime() - t) / 1e9));
        return bags;
    }

    /** @param heldOut the held-out centre's patients as measured (for paired comparisons between models of one cohort) */
    public record Result(TrainedModel model, Map<String, Object> report, Path modelDir, HeldOut heldOut) {}

    /** A patient's encoded inputs and the feature groups the baselines read. */
    private record Row(LabelledCase c, InputEncoder.Encoded encoded, Map<String, float[]> groups) {}

    /** A patient's inputs, read once (reports, MRI series, slide bag): POST's, or only PRE's ({@code post} null). */
    private record Read(LabelledCase c, PreOperativeInputs pre, PostOperativeInputs post) {}

    public static Result run(Options o, Consumer<String> progress) throws IOException {
        if (o.kind() == ModelKind.THERAPY) throw new IllegalArgumentException("the therapy model is trained by TherapyRun");
        long started = System.nanoTime();
        CohortExport.Cohort cohort = CohortExport.read(o.cohort(), o.defaultCutoff());
        List<String> centres = cohort.centres();
        String heldout = heldoutCentre(o, cohort);
        List<LabelledCase> train = new ArrayList<>();
        List<LabelledCase> test = new ArrayList<>();
        for (PatientCase c : cohort.cases()) {
            if (c.record().surgeryDate().isEmpty()) continue;
            (c.centre().equals(heldout) ? test : train).add(LabelledCase.of(c, cohort.dataCutoff()));
        }
        Collections.shuffle(train, new Random(o.fit().seed()));
        CrossFitting split = new CrossFitting(train.size());
        int members = o.fit().members();
        progress.accept(String.format(Locale.ROOT, "%s model: %d training patients in %d folds (centres %s; %s), %d held out (%s)", o.kind().id(), train.size(),
                split.folds(), centres.stream().filter(c -> !c.equals(heldout)).toList(),
                members == 1 ? "one network, validated on fold 1" : members + " networks, each validated on its own fold", test.size(), heldout));

        SlideBags bags = slides(o, cohort, progress);
        boolean images = o.images();
        List<Read> trainInputs = read(o.kind(), train, bags, images);
        // The encoder learns no label (standardisation, vocabulary), so it is fitted once on every training patient.
        InputEncoder encoder = fitEncoder(o.kind(), trainInputs, bags, o.mriReading());
        // The slide-only baseline's pooling (and, for a wide encoder, its projection) is fitted on the training slides too.
        SlideMeanTiles slideMean = encoder.usesSlides()
                ? SlideMeanTiles.fit(encoder.tiles(), trainInputs.stream().flatMap(r -> r.post().slide().stream()).toList()) : null;
        List<Row> trainRows = rows(encoder, trainInputs, slideMean);
        List<Row> testRows = rows(encoder, read(o.kind(), test, bags, images), slideMean);

        Torch.engine();
        // A deep ensemble: each member from its own seed, stopped early on its own fold; the model averages their outputs.
        List<Example> trainExamples = examples(trainRows);
        CrossFittedMembers ensemble = CrossFittedMembers.train("livercast-" + o.kind().id(),
                () -> new RiskNet(encoder.modalities(), o.fit().hidden(), DiscreteTime.INTERVALS, o.fit().dropout()), encoder, split,
                trainExamples, o.fit(), progress);
        List<Model> nets = ensemble.nets();
        List<TrainedModel> alone = ensemble.alone();
        Fitter.History history = ensemble.history();
        List<InputEncoder.Encoded> trainEncoded = trainRows.stream().map(Row::encoded).toList();
        AbsenceOffsets.Outputs outputs = AbsenceOffsets.score(alone, trainEncoded);
        double narrowing = CrossFitting.ensembleNarrowing(outputs.logit());
        Platt platt = platt(trainRows, split.outOfFold(outputs.logit()), narrowing);
        Map<String, AbsenceOffsets.Estimate> absence = AbsenceOffsets.fit(split, alone, encoder, trainEncoded,
                trainRows.stream().map(Row::c).toList(), outputs, platt);
        Map<String, Calibration.AbsenceOffset> offsets = new LinkedHashMap<>();
        absence.forEach((name, e) -> offsets.put(name, e.offset()));
        TrainedModel trained = ModelStore.identify(nets, encoder, new Calibration(platt.intercept(), platt.slope(), 0, 0, offsets));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schemaVersion", 1);
        report.put("model", o.kind().id());
        report.put("model_id", trained.modelId());
        report.put("heldout_centre", heldout);
        report.put("training_centres", centres.stream().filter(c -> !c.equals(heldout)).toList());
        int firstFold = split.validation(trainRows, 0).size();
        report.put("n_fit", train.size() - firstFold);
        report.put("n_validation", firstFold);
        report.put("folds", split.folds());
        report.put("n_heldout", test.size());
        report.put("data_cutoff", cohort.dataCutoff().toString());
        report.put("modalities", encoder.modalities().stream().map(org.livercast.learn.nn.Modality::name).toList());
        Optional<TruthTable> truth = TruthTable.read(o.cohort());
        List<HeldOut.Patient> heldOutPatients = testRows.stream().map(r -> new HeldOut.Patient(r.c(), r.encoded())).toList();
        HeldOut h = HeldOut.measure(trained, heldOutPatients, truth);
        report.putAll(h.metrics());
        report.put("calibration_intercept_platt", platt.intercept());
        report.put("calibration_slope_platt", platt.slope());
        report.put("n_calibration", platt.patients());
        report.put("ensemble_narrowing", narrowing);
        report.put("absence_offsets", absenceReport(absence));
        Map<String, Object> baselines = baselines(trainRows, testRows, h);
        report.put("baselines", baselines);
        Map<String, Object> attention = attentionReport(trained, testRows, AttentionOnRegions.read(o.cohort()));
        if (!attention.isEmpty()) report.put("slide_attention", attention);
        report.put("missing_modalities", MissingModalities.measure(trained, encoder, heldOutPatients, truth,
                kept -> regressionOn(trainRows, testRows, kept)));
        // Last, so that nothing above depends on whether it ran: its own network, trained on the slide alone.
        if (encoder.usesSlides()) {
            long t = System.nanoTime();
            slideOnlyNetwork(encoder, trainExamples, o.fit(), testRows, h).ifPresent(m -> baselines.put(SlideOnlyNetwork.NAME, m));
            progress.accept(String.format(Locale.ROOT, "slide-only network (baseline) trained in %.1f s", (System.nanoTime() - t) / 1e9));
        }
        report.put("training", Map.of("train_loss", history.trainLoss(), "validation_loss", history.validationLoss(), "best_epoch", history.bestEpoch(),
                "config", o.fit()));
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        String dataHash = DataHash.of(cohort, heldout);
        report.put("training_data_sha256", dataHash);
        Path modelDir = o.out().resolve("model");
        ModelStore.save(trained, o.fit().dropout(), dataHash, summary(report), modelDir);
        TrainingReport.write(o.out(), report, h);
        return new Result(trained, report, modelDir, h);
    }

    /**
     * How concentrated the slide attention is on the held-out centre ({@link org.livercast.learn.model.AttentionSpread}),
     * so the training report says before anyone opens a heat map whether the maps will single anything out: the median
     * share of the attention the most attended tenth of the tiles holds (an even spread: 0.10), the median effective share
     * of tiles attended, and the fraction of slides whose attention is nearly even; on a synthetic cohort, also where
     * it lands ({@link AttentionOnRegions}: per kind of finding, the attention its tiles get against their share of the
     * tiles). Empty without slides.
     */
    static Map<String, Object> attentionReport(TrainedModel trained, List<Row> test, Optional<AttentionOnRegions> regions) {
        List<org.livercast.learn.model.AttentionSpread> spreads = new ArrayList<>();
        Map<String, List<org.livercast.learn.model.Prediction.TileAttention>> byPatient = new LinkedHashMap<>();
        for (Row r : test) {
            List<org.livercast.learn.model.Prediction.TileAttention> a = trained.attention(r.encoded());
            if (a.isEmpty()) continue;
            spreads.add(org.livercast.learn.model.AttentionSpread.of(a));
            byPatient.put(r.c().patient().id(), a);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (spreads.isEmpty()) return out;
        out.put("n_slides", spreads.size());
        out.put("median_top_tenth_share", median(spreads.stream().mapToDouble(org.livercast.learn.model.AttentionSpread::topTenthShare).toArray()));
        out.put("median_effective_fraction", median(spreads.stream().mapToDouble(x -> x.effectiveTiles() / x.tiles()).toArray()));
        out.put("nearly_even_fraction", spreads.stream().filter(org.livercast.learn.model.AttentionSpread::nearlyEven).count() / (double) spreads.size());
        if (regions.isPresent()) {
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (AttentionOnRegions.Share share : regions.get().measure(byPatient)) {
                Map<String, Object> m = new LinkedHashMap<>();        // in this order in report.json, run after run
                m.put("n_slides", share.slides());
                m.put("tile_share", share.tileShare());
                m.put("attention_share", share.attentionShare());
                m.put("enrichment", share.enrichment());
                kinds.put(share.kind(), m);
            }
            out.put("regions", kinds);
        }
        return out;
    }

    /** The median, as R's quantile(x, 0.5) (the engine's type 7). */
    private static double median(double[] x) {
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        return org.livercast.stats.calibration.BinaryCalibration.quantile7(sorted, 0.5);
    }

    /** What the report says of each absence offset: the offsets themselves, and what they rest on. */
    private static Map<String, Object> absenceReport(Map<String, AbsenceOffsets.Estimate> absence) {
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

    private static List<Read> read(ModelKind kind, List<LabelledCase> cases, SlideBags bags, boolean images) throws IOException {
        List<Read> out = new ArrayList<>(cases.size());
        for (LabelledCase c : cases) {
            if (kind == ModelKind.PRE) {
                out.add(new Read(c, PreOperativeInputs.of(c.patient(), images), null));
            } else {
                PostOperativeInputs post = PostOperativeInputs.of(c.patient(), bags, images);
                out.add(new Read(c, post.pre(), post));
            }
        }
        return out;
    }

    private static InputEncoder fitEncoder(ModelKind kind, List<Read> fit, SlideBags bags, InputEncoder.MriReading reading) {
        if (kind == ModelKind.PRE) return InputEncoder.fitPre(fit.stream().map(Read::pre).toList(), reading);
        List<PostOperativeInputs> in = fit.stream().map(Read::post).toList();
        TileStandardiser tiles = bags == null ? null
                : TileStandardiser.fit(bags.encoder(), in.stream().flatMap(p -> p.slide().stream()).toList());
        return InputEncoder.fitPost(in, tiles, reading);
    }

    /** @param slideMean the slide-only baseline's features, or null when the model reads no slides */
    private static List<Row> rows(InputEncoder encoder, List<Read> inputs, SlideMeanTiles slideMean) {
        List<Row> rows = new ArrayList<>();
        for (Read r : inputs) {
            Map<String, float[]> groups = new LinkedHashMap<>();
            groups.put("clinical", encoder.clinical().apply(ClinicalFeatures.baseline(r.pre())));
            groups.put("radiology_report", encoder.radiology().apply(ClinicalFeatures.radiology(r.pre())));
            if (r.post() != null) groups.put("pathology", encoder.pathology().apply(ClinicalFeatures.pathology(r.post())));
            // The classical comparator: every tabular feature in one regression, as a clinical nomogram would.
            groups.put("all_tabular_logistic_cox", concat(groups.values()));
            // The images alone, when the model reads them as radiomic features: the MRI-only baseline.
            if (encoder.mri() && encoder.mriFeatures() != null) groups.put(MRI_RADIOMICS, radiomicsGroup(encoder, r.pre()));
            // The slide alone, its tiles mean-pooled: the slide-only baseline.
            if (slideMean != null && r.post() != null) groups.put(SLIDE_MEAN_TILES, slideMean.features(r.post().slide()));
            rows.add(new Row(r.c(), r.post() == null ? encoder.encode(r.pre()) : encoder.encode(r.post()), groups));
        }
        return rows;
    }

    /** The regressions' name for the scan's radiomic features. */
    static final String MRI_RADIOMICS = "mri_radiomics";

    /** The regressions' name for the slide's mean-pooled tile embedding ({@link SlideMeanTiles}). */
    static final String SLIDE_MEAN_TILES = "slide_mean_tiles";

    /** The standardised radiomic features and a "no scan" indicator (zeros and 1 for a patient without a scan). */
    private static float[] radiomicsGroup(InputEncoder encoder, PreOperativeInputs pre) {
        float[] features = pre.mriRoi().map(encoder::mriVector).orElseGet(() -> new float[encoder.mriFeatures().width()]);
        float[] out = java.util.Arrays.copyOf(features, features.length + 1);
        out[features.length] = pre.mriRoi().isPresent() ? 0f : 1f;
        return out;
    }

    private static List<Example> examples(List<Row> rows) {
        return rows.stream().map(r -> Example.of(r.c().patient().id(), r.encoded().vectors(), r.encoded().present(), r.c().aggressive(),
                r.c().rfsDays(), r.c().rfsEvent(), r.c().osDays(), r.c().osEvent())).toList();
    }

    /** Prior SDs of the Platt intercept and of (slope − 1): how far from "no recalibration" we expect a BCE-trained head to be. */
    static final double PLATT_PRIOR_SD_INTERCEPT = 0.25;
    static final double PLATT_PRIOR_SD_SLOPE = 0.15;

    /**
     * Platt scaling on the training patients' out-of-fold logits, logit(p) = a + b·(network logit), shrunk toward the
     * identity (a = 0, b = 1). Each patient's logit comes from the members that validated on it (all of them once there are five members; fold 1's
     * patients for one network), narrowed to the ensemble's spread
     * ({@code narrowing}, {@link CrossFitting#ensembleNarrowing}). The estimate of b still carries
     * an SE of 0.05–0.2, so each parameter is pulled toward "no recalibration" by precision weighting with the prior SDs
     * above (a normal–normal posterior mean). Measured over five cohorts, the plain Platt fit on one validation fifth put
     * 2 of 10 held-out slopes outside 0.8–1.2, the shrunk one none (BENCHMARKS.md).
     */
    static Platt platt(List<Row> train, double[] outOfFold, double narrowing) {
        return platt(train.stream().map(r -> r.c().aggressive()).toArray(Boolean[]::new), outOfFold, narrowing);
    }

    /** The same for any binary outcome per training patient (null where it is not evaluable). */
    static Platt platt(Boolean[] outcomes, double[] outOfFold, double narrowing) {
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) if (outcomes[i] != null && !Double.isNaN(outOfFold[i])) used.add(i);
        // One member's logit, narrowed about its mean to the ensemble's spread (CrossFitting.ensembleNarrowing).
        double mean = used.stream().mapToDouble(i -> outOfFold[i]).average().orElse(0);
        Platt identity = new Platt(0, 1, mean, narrowing, used.size());
        double[][] x = used.stream().map(i -> new double[] {1, identity.logOdds(outOfFold[i])}).toArray(double[][]::new);
        boolean[] outcome = new boolean[used.size()];
        for (int j = 0; j < outcome.length; j++) outcome[j] = outcomes[used.get(j)];
        Logistic.Fit fit = Logistic.fit(x, outcome, null);
        double a = shrink(fit.coef()[0], 0, fit.variance()[0][0], PLATT_PRIOR_SD_INTERCEPT);
        double b = shrink(fit.coef()[1], 1, fit.variance()[1][1], PLATT_PRIOR_SD_SLOPE);
        return new Platt(a, b, mean, narrowing, outcome.length);
    }

    /**
     * A Platt calibration as fitted on out-of-fold logits: logit p = intercept + slope·(centre + narrowing·(logit − centre)),
     * the narrowing taken about the mean out-of-fold logit ({@code centre}). The model applies intercept + slope·logit to
     * the ensemble's mean, which is already that narrow.
     *
     * @param patients the training patients it was fitted on
     */
    record Platt(double intercept, double slope, double centre, double narrowing, int patients) {
        /** The calibrated log-odds of one member's out-of-fold logit. */
        double logOdds(double outOfFoldLogit) { return intercept + slope * (centre + narrowing * (outOfFoldLogit - centre)); }
    }

    static double shrink(double estimate, double prior, double variance, double priorSd) {
        if (!(variance > 0) || Double.isInfinite(variance)) return prior;
        double wData = 1 / variance;
        double wPrior = 1 / (priorSd * priorSd);
        return (wData * estimate + wPrior * prior) / (wData + wPrior);
    }

    /** Each feature group's regressions, compared with the model on the same held-out patients ({@link #versusModel}). */
    private static Map<String, Object> baselines(List<Row> train, List<Row> testRows, HeldOut model) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String group : train.get(0).groups().keySet()) {
            BaselineFit fit = baseline(train, testRows, r -> r.groups().get(group));
            fit.metrics().putAll(versusModel(model, fit.logit(), fit.coxRisk()));
            out.put(group, fit.metrics());
        }
        return out;
    }

    static final int PAIRED_BOOTSTRAP_REPLICATES = 500;

    /**
     * Whether the model's lead over (or lag behind) a baseline on this centre is more than chance: the AUC difference
     * with the paired DeLong test, the RFS C-index difference with a paired bootstrap 95% interval (500 replicates,
     * seed 1). On ~300 held-out patients a difference of 0.01 is well inside the noise, and "beats" alone cannot say so.
     */
    private static Map<String, Object> versusModel(HeldOut model, double[] baselineLogit, double[] baselineCoxRisk) {
        Map<String, Object> m = new LinkedHashMap<>();
        int cases = 0;
        for (boolean y : model.outcome()) if (y) cases++;
        boolean anyEvent = false;
        for (boolean e : model.rfsEvent()) anyEvent |= e;
        if (cases == 0 || cases == model.outcome().length || !anyEvent) return m;     // a centre too small to compare on
        var paired = org.livercast.stats.binary.Roc.of(new org.livercast.stats.binary.BinaryData(model.outcome(), model.probability()))
                .deLongTest(org.livercast.stats.binary.Roc.of(new org.livercast.stats.binary.BinaryData(model.outcome(), baselineLogit)));
        m.put("model_minus_baseline_auc", paired.auc1() - paired.auc2());
        m.put("model_minus_baseline_auc_p", paired.p());
        var c = org.livercast.stats.survival.ConcordanceDifference.bootstrap(new org.livercast.stats.survival.SurvivalData(model.rfsDays(), model.rfsEvent()),
                model.risk(), baselineCoxRisk, PAIRED_BOOTSTRAP_REPLICATES, 1, 0.95);
        m.put("model_minus_baseline_c_index", c.difference());
        m.put("model_minus_baseline_c_index_ci95", List.of(c.lower(), c.upper()));
        return m;
    }

    /**
     * The feature group each modality brings to the regressions: a scan brings its radiomic features when the model reads
     * them (a CNN's scan brings none), a slide its mean-pooled tiles.
     */
    private static final Map<String, String> GROUP_OF_MODALITY = Map.of("clinical", "clinical", "radiology", "radiology_report", "pathology", "pathology",
            "mri", MRI_RADIOMICS, "slide", SLIDE_MEAN_TILES);

    /** The regression on the tabular features of the modalities named: what a model of those inputs alone should reach. */
    private static Map<String, Object> regressionOn(List<Row> train, List<Row> testRows, List<String> modalities) {
        List<String> groups = modalities.stream().filter(GROUP_OF_MODALITY::containsKey).map(GROUP_OF_MODALITY::get)
                .filter(train.get(0).groups()::containsKey).toList();
        if (groups.isEmpty()) return null;
        Map<String, Object> m = baseline(train, testRows, r -> concat(groups.stream().map(g -> r.groups().get(g)).toList())).metrics();
        m.put("feature_groups", groups);
        return m;
    }

    /** The slide-only network ({@link SlideOnlyNetwork}) measured like the regressions and compared with the model. */
    private static Optional<Map<String, Object>> slideOnlyNetwork(InputEncoder encoder, List<Example> train, FitConfig fit, List<Row> testRows, HeldOut model) {
        List<Row> hcc = testRows.stream().filter(r -> r.c().hcc()).toList();
        int slide = encoder.modalities().stream().map(org.livercast.learn.nn.Modality::name).toList().indexOf("slide");
        return SlideOnlyNetwork.trainAndScore(encoder.modalities(), slide, train, fit, examples(hcc)).map(s -> {
            BaselineFit b = measured(hcc, s.logit(), s.rfsRisk(), s.osRisk());
            b.metrics().putAll(versusModel(model, b.logit(), b.coxRisk()));
            return b.metrics();
        });
    }

    /** A logistic and a Cox regression (RFS, and OS) on one set of features, fitted on the training rows, measured on the held-out HCC patients. */
    private static BaselineFit baseline(List<Row> train, List<Row> testRows, java.util.function.Function<Row, float[]> features) {
        List<Row> hcc = testRows.stream().filter(r -> r.c().hcc()).toList();
        float[][] x = train.stream().map(features).toArray(float[][]::new);
        Boolean[] agg = train.stream().map(r -> r.c().aggressive()).toArray(Boolean[]::new);
        double[] days = train.stream().mapToDouble(r -> r.c().rfsDays()).toArray();
        boolean[] ev = new boolean[train.size()];
        for (int i = 0; i < ev.length; i++) ev[i] = train.get(i).c().rfsEvent();
        float[][] testX = hcc.stream().map(features).toArray(float[][]::new);
        Baselines.Scores s = Baselines.fitAndScore(x, agg, days, ev, testX);
        boolean[] died = new boolean[train.size()];
        for (int i = 0; i < died.length; i++) died[i] = train.get(i).c().osEvent();
        Baselines.Scores os = Baselines.fitAndScore(x, agg, train.stream().mapToDouble(r -> r.c().osDays()).toArray(), died, testX);
        return measured(hcc, s.logit(), s.coxRisk(), os.coxRisk());
    }

    /**
     * A baseline's metrics on the held-out HCC patients from its scores for each of them (aggressive-recurrence logit,
     * RFS and OS risk): AUC, calibration and the C-indices.
     */
    private static BaselineFit measured(List<Row> hcc, double[] logit, double[] rfsRisk, double[] osRisk) {
        List<Integer> evaluable = new ArrayList<>();
        for (int i = 0; i < hcc.size(); i++) if (hcc.get(i).c().aggressive() != null) evaluable.add(i);
        boolean[] y = new boolean[evaluable.size()];
        double[] marker = new double[evaluable.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = hcc.get(evaluable.get(k)).c().aggressive();
            marker[k] = logit[evaluable.get(k)];
        }
        boolean[] hev = new boolean[hcc.size()];
        for (int i = 0; i < hev.length; i++) hev[i] = hcc.get(i).c().rfsEvent();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", Evaluation.binary(y, marker).auc());
        // The baseline's own calibration on the held-out centre: when it, too, is off, the shift is in the data
        // (case mix, treatment habits) rather than in how the network was fitted.
        m.put("calibration_slope", Evaluation.calibrationSlope(y, marker));
        m.put("calibration_in_the_large", Evaluation.calibrationInTheLarge(y, marker));
        m.put("c_index", Evaluation.harrell(hcc.stream().mapToDouble(r -> r.c().rfsDays()).toArray(), hev, rfsRisk));
        boolean[] hDied = new boolean[hcc.size()];
        for (int i = 0; i < hDied.length; i++) hDied[i] = hcc.get(i).c().osEvent();
        m.put("os_c_index", Evaluation.harrell(hcc.stream().mapToDouble(r -> r.c().osDays()).toArray(), hDied, osRisk));
        return new BaselineFit(m, marker, rfsRisk);
    }

    /**
     * A baseline's held-out metrics and its scores, in HeldOut's patient order (the evaluable HCC patients' logits, every
     * HCC patient's Cox risk), for a paired comparison with the model.
     */
    private record BaselineFit(Map<String, Object> metrics, double[] logit, double[] coxRisk) {}

    static float[] concat(java.util.Collection<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static Map<String, Object> summary(Map<String, Object> report) {
        Map<String, Object> s = new HashMap<>();
        for (String k : List.of("heldout_centre", "auc", "auc_ci", "oracle_auc", "c_index", "oracle_c_index", "os_c_index", "calibration_slope", "calibration_groups", "n_fit", "n_heldout")) {
            if (report.containsKey(k)) s.put(k, report.get(k));
        }
        // What the model did on the held-out centre with inputs missing, for the page of a patient who lacks them.
        if (report.get("missing_modalities") instanceof Map<?, ?> missing) {
            Map<String, Object> rows = new java.util.TreeMap<>();
            missing.forEach((hidden, row) -> {
                Map<String, Object> kept = new java.util.TreeMap<>();
                for (String k : List.of("auc", "c_index", "calibration_slope", "calibration_in_the_large")) {
                    if (row instanceof Map<?, ?> r && r.get(k) != null) kept.put(k, r.get(k));
                }
                rows.put((String) hidden, kept);
            });
            s.put("missing_modalities", rows);
        }
        return new java.util.TreeMap<>(s);
    }
}
