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
import org.livercast.learn.slide.SlideProgress;
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
     *                    {@link org.livercast.learn.slide.TorchScriptTileEncoder} or an
     *                    {@link org.livercast.learn.slide.OnnxTileEncoder} (the caller closes it)
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
     * The slides of a run ({@link RunSlides#NONE} without): slides are used by POST and THERAPY when a tile cache is given
     * and the export has slides. Every slide is embedded up front, on all cores (each is cached, so this is paid once per
     * slide); then {@link SlideMemory} decides whether their bags stay on the heap or go to a scratch file.
     */
    static RunSlides slides(Options o, CohortExport.Cohort cohort, Consumer<String> progress) throws IOException {
        if (o.kind() == ModelKind.PRE || o.tileCache() == null) return RunSlides.NONE;
        List<Path> files = cohort.cases().stream().flatMap(c -> c.slide().stream()).toList();
        if (files.isEmpty()) return RunSlides.NONE;
        SlideBags all = new SlideBags(o.tileEncoder() != null ? o.tileEncoder() : new HistologyFeatureEncoder(), o.tileCache());
        long t = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger over = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();
        int maxTiles = o.fit().maxTilesPerSlide();
        SlideProgress bar = new SlideProgress(files.size(), progress);
        // Every slide that cannot be read is named at once (a features folder with several files missing is mended in one
        // go, not one failed run at a time); the run stops before any training.
        List<String> unusable = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            files.parallelStream().forEach(f -> {
                try {
                    int tiles = all.of(f).size();
                    if (tiles > maxTiles) over.incrementAndGet();
                    kept.addAndGet(Math.min(tiles, maxTiles));
                    bar.slideDone();
                } catch (org.livercast.learn.data.UnusableInputException e) {
                    unusable.add(e.getMessage());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        if (!unusable.isEmpty()) {
            List<String> sorted = unusable.stream().sorted().toList();
            throw new org.livercast.learn.data.UnusableInputException(sorted.size() + " of " + files.size() + " slides cannot be read:\n  "
                    + String.join("\n  ", sorted.subList(0, Math.min(20, sorted.size()))) + (sorted.size() > 20 ? "\n  … and " + (sorted.size() - 20) + " more" : ""));
        }
        progress.accept(String.format(Locale.ROOT, "%d slides embedded (%s) in %.1f s%s", files.size(), all.encoder().id(), (System.nanoTime() - t) / 1e9,
                over.get() == 0 ? "" : String.format(Locale.ROOT, "; %d of them have more than %d tissue tiles and are trained on %d drawn at random",
                        over.get(), maxTiles, maxTiles)));
        SlideMemory.Need need = new SlideMemory.Need(kept.get(), all.encoder().dimension(), files.size(), maxTiles);
        return new RunSlides(all.withMaxTiles(maxTiles), SlideMemory.place(need, Runtime.getRuntime().maxMemory(), SlideMemory.mode(), o.tileCache(), progress));
    }

    /**
     * Which tile encoder read the slides, for the report's reader: its id and width, and the file and options it was read
     * with (absent for the built-in features), and how many tiles a training slide kept.
     */
    private static Map<String, Object> tileEncoderReport(InputEncoder encoder, Options o) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", encoder.tiles().encoderId());
        r.put("dimension", encoder.tiles().dimension());
        org.livercast.learn.slide.TileEncoderSource.of(o.tileEncoder()).ifPresent(s -> r.put("source", s));
        r.put("max_tiles_per_slide", o.fit().maxTilesPerSlide());
        return r;
    }

    /** @param heldOut the held-out centre's patients as measured (for paired comparisons between models of one cohort) */
    public record Result(TrainedModel model, Map<String, Object> report, Path modelDir, HeldOut heldOut) {}

    
    /**
     * A patient's inputs, read once (reports, MRI series): POST's, or only PRE's ({@code post} null). Not the slide: that is
     * read again whenever a pass needs it ({@link SlideBags#lazily}, {@link PostOperativeInputs#withSlide}), so the
     * cohort's tile embeddings are never held all at once (a foundation model's 4,096 × 1,024 floats are 17 MB a slide).
     */
    private record Read(LabelledCase c, PreOperativeInputs pre, PostOperativeInputs post) {}

    /** The cohort split for a run: the held-out centre's patients, the training centres' (shuffled) and their folds. */
    private record Split(CohortExport.Cohort cohort, List<String> centres, String heldout, List<LabelledCase> train, List<LabelledCase> test,
                         CrossFitting folds) {}

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
        // The slides' scratch file, if their bags needed one, is removed once the run is done with them.
        try (RunSlides slides = slides(o, cohort, progress)) {
            return run(o, new Split(cohort, centres, heldout, train, test, split), slides, started, progress);
        }
    }

    private static Result run(Options o, Split p, RunSlides slides, long started, Consumer<String> progress) throws IOException {
        CohortExport.Cohort cohort = p.cohort();
        List<String> centres = p.centres();
        String heldout = p.heldout();
        List<LabelledCase> train = p.train();
        List<LabelledCase> test = p.test();
        CrossFitting split = p.folds();
        SlideBags bags = slides.bags();
        boolean images = o.images();
        List<Read> trainInputs = read(o.kind(), train, images);
        // The encoder learns no label (standardisation, vocabulary), so it is fitted once on every training patient.
        InputEncoder encoder = fitEncoder(o.kind(), trainInputs, bags, o.mriReading());
        // The slide-only baseline's pooling (and, for a wide encoder, its projection) is fitted on the training slides too.
        SlideMeanTiles slideMean = encoder.usesSlides()
                ? SlideMeanTiles.fit(encoder.tiles(), bags.lazily(slideFiles(trainInputs))) : null;
        List<EncodedCase> trainRows = rows(encoder, trainInputs, slideMean, slides);
        List<EncodedCase> testRows = rows(encoder, read(o.kind(), test, images), slideMean, slides);

        Torch.engine();
        // A deep ensemble: each member from its own seed, stopped early on its own fold; the model averages their outputs.
        List<Example> trainExamples = trainRows.stream().map(EncodedCase::example).toList();
        CrossFittedMembers ensemble = CrossFittedMembers.train("livercast-" + o.kind().id(),
                () -> new RiskNet(encoder.modalities(), o.fit().hidden(), DiscreteTime.INTERVALS, o.fit().dropout()), encoder, split,
                trainExamples, o.fit(), progress);
        List<Model> nets = ensemble.nets();
        List<TrainedModel> alone = ensemble.alone();
        Fitter.History history = ensemble.history();
        List<InputEncoder.Encoded> trainEncoded = trainRows.stream().map(EncodedCase::encoded).toList();
        AbsenceOffsets.Outputs outputs = AbsenceOffsets.score(alone, trainEncoded);
        double narrowing = CrossFitting.ensembleNarrowing(outputs.logit());
        PlattScaling platt = PlattScaling.fit(trainRows.stream().map(r -> r.c().aggressive()).toArray(Boolean[]::new),
                split.outOfFold(outputs.logit()), narrowing);
        Map<String, AbsenceOffsets.Estimate> absence = AbsenceOffsets.fit(split, alone, encoder, trainEncoded,
                trainRows.stream().map(EncodedCase::c).toList(), outputs, platt);
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
        if (encoder.usesSlides()) report.put("tile_encoder", tileEncoderReport(encoder, o));
        Optional<TruthTable> truth = TruthTable.read(o.cohort());
        List<HeldOut.Patient> heldOutPatients = testRows.stream().map(r -> new HeldOut.Patient(r.c(), r.encoded())).toList();
        HeldOut h = HeldOut.measure(trained, heldOutPatients, truth);
        report.putAll(h.metrics());
        report.put("calibration_intercept_platt", platt.intercept());
        report.put("calibration_slope_platt", platt.slope());
        report.put("n_calibration", platt.patients());
        report.put("ensemble_narrowing", narrowing);
        report.put("absence_offsets", AbsenceOffsets.report(absence));
        Map<String, Object> baselines = BaselineComparison.regressions(trainRows, testRows, h);
        report.put("baselines", baselines);
        Map<String, Object> attention = SlideAttentionReport.of(trained, testRows, AttentionOnRegions.read(o.cohort()));
        if (!attention.isEmpty()) report.put("slide_attention", attention);
        report.put("missing_modalities", MissingModalities.measure(trained, encoder, heldOutPatients, truth,
                kept -> BaselineComparison.regressionOn(trainRows, testRows, kept)));
        // Last, so that nothing above depends on whether it ran: its own network, trained on the slide alone.
        if (encoder.usesSlides()) {
            long t = System.nanoTime();
            BaselineComparison.slideOnlyNetwork(encoder, trainExamples, o.fit(), testRows, h).ifPresent(m -> baselines.put(SlideOnlyNetwork.NAME, m));
            progress.accept(String.format(Locale.ROOT, "slide-only network (baseline) trained in %.1f s", (System.nanoTime() - t) / 1e9));
        }
        report.put("training", Map.of("train_loss", history.trainLoss(), "validation_loss", history.validationLoss(), "best_epoch", history.bestEpoch(),
                "config", o.fit()));
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        String dataHash = DataHash.of(cohort, heldout);
        report.put("training_data_sha256", dataHash);
        Path modelDir = o.out().resolve("model");
        ModelStore.save(trained, o.fit().dropout(), dataHash, summary(report),
                org.livercast.learn.slide.TileEncoderSource.of(o.tileEncoder()).orElse(null), modelDir);
        TrainingReport.write(o.out(), report, h);
        return new Result(trained, report, modelDir, h);
    }

    /** The patients' slides, in the patients' order. */
    private static List<Path> slideFiles(List<Read> reads) {
        return reads.stream().flatMap(r -> r.c().patient().slide().stream()).toList();
    }

    private static List<Read> read(ModelKind kind, List<LabelledCase> cases, boolean images) throws IOException {
        List<Read> out = new ArrayList<>(cases.size());
        for (LabelledCase c : cases) {
            if (kind == ModelKind.PRE) {
                out.add(new Read(c, PreOperativeInputs.of(c.patient(), images), null));
            } else {
                PostOperativeInputs post = PostOperativeInputs.of(c.patient(), null, images);
                out.add(new Read(c, post.pre(), post));
            }
        }
        return out;
    }

    private static InputEncoder fitEncoder(ModelKind kind, List<Read> fit, SlideBags bags, InputEncoder.MriReading reading) {
        if (kind == ModelKind.PRE) return InputEncoder.fitPre(fit.stream().map(Read::pre).toList(), reading);
        List<PostOperativeInputs> in = fit.stream().map(Read::post).toList();
        TileStandardiser tiles = bags == null ? null
                : TileStandardiser.fit(bags.encoder(), bags.lazily(slideFiles(fit)));
        return InputEncoder.fitPost(in, tiles, reading);
    }

    /**
     * @param slideMean the slide-only baseline's features, or null when the model reads no slides
     * @param slides the run's slides: each patient's slide is read for its row and dropped after (its bag kept on the heap
     *     or in the run's scratch file)
     */
    private static List<EncodedCase> rows(InputEncoder encoder, List<Read> inputs, SlideMeanTiles slideMean, RunSlides slides) throws IOException {
        List<EncodedCase> rows = new ArrayList<>();
        for (Read read : inputs) {
            Read r = read.post() == null ? read : new Read(read.c(), read.pre(), read.post().withSlide(read.c().patient(), slides.bags()));
            Map<String, float[]> groups = new LinkedHashMap<>();
            groups.put("clinical", encoder.clinical().apply(ClinicalFeatures.baseline(r.pre())));
            groups.put("radiology_report", encoder.radiology().apply(ClinicalFeatures.radiology(r.pre())));
            if (r.post() != null) groups.put("pathology", encoder.pathology().apply(ClinicalFeatures.pathology(r.post())));
            // The classical comparator: every tabular feature in one regression, as a clinical nomogram would.
            groups.put("all_tabular_logistic_cox", BaselineComparison.concat(groups.values()));
            // The images alone, when the model reads them as radiomic features: the MRI-only baseline.
            if (encoder.mri() && encoder.mriFeatures() != null) groups.put(BaselineComparison.MRI_RADIOMICS, radiomicsGroup(encoder, r.pre()));
            // The slide alone, its tiles mean-pooled: the slide-only baseline.
            if (slideMean != null && r.post() != null) groups.put(BaselineComparison.SLIDE_MEAN_TILES, slideMean.features(r.post().slide()));
            InputEncoder.Encoded encoded = r.post() == null ? encoder.encode(r.pre()) : encoder.encode(r.post());
            rows.add(new EncodedCase(r.c(), slides.place(encoded, encoder.modalities()), groups));
        }
        return rows;
    }

    /** The standardised radiomic features and a "no scan" indicator (zeros and 1 for a patient without a scan). */
    private static float[] radiomicsGroup(InputEncoder encoder, PreOperativeInputs pre) {
        float[] features = pre.mriRoi().map(encoder::mriVector).orElseGet(() -> new float[encoder.mriFeatures().width()]);
        float[] out = java.util.Arrays.copyOf(features, features.length + 1);
        out[features.length] = pre.mriRoi().isPresent() ? 0f : 1f;
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
