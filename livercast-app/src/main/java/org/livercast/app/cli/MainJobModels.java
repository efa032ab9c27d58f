package org.livercast.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.DiagnosisModel;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.PostModel;
import org.livercast.learn.model.PreModel;
import org.livercast.learn.model.Prediction;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.model.TherapyModel;
import org.livercast.learn.slide.SlideBags;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.DiagnosisRun;
import org.livercast.learn.train.TherapyRun;
import org.livercast.learn.train.TrainingRun;
import org.livercast.study.models.ModelRegistry;
import org.livercast.synth.CohortGenerator;

/**
 * The models step of {@code livercast run}: trains PRE and POST once on a development cohort (by default 3,000
 * synthetic patients' clinical tables and reports from three other centres, a held-out centre measured against the oracle; the
 * first {@value #DEVELOPMENT_SLIDES} of them (by default) with an H&amp;E slide, which POST reads), registers them, then scores every
 * patient of the main cohort before and after surgery — POST with the patient's stored slide, so its attention over the
 * slide is stored with the prediction and drawn on the patient page — and stores the predictions.
 */
final class MainJobModels {
    static final int DEVELOPMENT_PATIENTS = 3000;
    /** 100 per centre: fewer leaves the held-out centre a few dozen aggressive recurrences, too few for its AUC to mean much. */
    static final int MIN_DEVELOPMENT_PATIENTS = 300;
    /**
     * How many development patients have a slide: enough for POST's attention to learn where the slide's own evidence
     * lies (~300 training slides; at 600 patients' ~400 it singled out the lymphoid aggregates, BENCHMARKS "Where POST
     * looks on a slide"; here 1.86× on the aggregates), at a price: painting, embedding and learning from them make the
     * first run about 15 minutes on 2 cores instead of 5 (824 s in CI). The rest have no slide, as at a centre that digitises only
     * some, which the fusion's modality masks handle.
     */
    static final int DEVELOPMENT_SLIDES = 450;
    /**
     * How many development patients have an MRI exam, which PRE, POST and the diagnosis model read as its radiomic
     * features (seconds to learn, where a 3D CNN took ~13 minutes for 300 patients): enough for them to weigh the scan,
     * so each PRE and POST prediction of a patient with a scan stores its occlusion map for the patient page. ~1 minute
     * to paint (DICOM). POST reads the scan too, as PRE does (POST is PRE's inputs and the pathology and slide): with the
     * histology features v1 the scan had cost POST's attention the lymphoid aggregates (1.17× an even share against
     * 1.86×), so POST left it out; with v3 it keeps both the emboli and the aggregates, with or without the scan, at the
     * same AUC (two seeds, BENCHMARKS "What the H&E slides add"). The therapy model reads neither scan nor slide here.
     */
    static final int DEVELOPMENT_IMAGES = 600;

    private MainJobModels() {}

    /** The development cohort: how many patients, and how many of them (the first) have a slide and an MRI exam. */
    record Development(int patients, int slides, int images) {}

    /** Trains (once) and scores every ingested patient of the store; @return the PRE prediction ids by "centre/pseudonym". */
    static Map<String, Long> run(Path home, long seed, Development development, org.livercast.study.db.Database db, ModelRegistry registry, PrintWriter out) throws IOException {
        int developmentSlides = development.slides();
        boolean images = development.images() > 0;
        String name = "development-" + (seed + 1) + "-" + development.patients() + "-slides" + developmentSlides
                + (images ? "-mri" + development.images() : "");
        Path dev = home.resolve(name);
        if (!Files.exists(dev.resolve("truth").resolve("cohort.json"))) {
            out.printf("generating the development cohort (%d patients' clinical tables and reports, %d H&E slides, %d MRI exams, 3 centres) in %s%n",
                    development.patients(), developmentSlides, development.images(), dev);
            long started = System.nanoTime();
            CohortGenerator.generate(new CohortGenerator.Options(development.patients(), 3, seed + 1, dev, LocalDate.of(2026, 6, 30), images,
                    developmentSlides > 0, Runtime.getRuntime().availableProcessors()).withSlidePatients(developmentSlides)
                    .withImagePatients(development.images()), line -> { });
            out.printf("  written in %d s%n", secondsSince(started));
        }
        // The models belong to their development cohort: a home made before it had slides trains them again.
        Path modelsDir = home.resolve("models-" + name);
        Path tileCache = LiverCastCommand.tileCache(home);
        Map<ModelKind, Path> models = new EnumMap<>(ModelKind.class);
        for (ModelKind kind : new ModelKind[] {ModelKind.PRE, ModelKind.POST}) {
            Path runDir = modelsDir.resolve(kind.id());
            var report = trainOnce(runDir, "model.json", kind.id().toUpperCase(Locale.ROOT) + " model", out,
                    () -> {
                        TrainingRun.Options o = options(kind, dev, runDir, images);
                        TrainingRun.run(kind == ModelKind.POST ? o.withTileCache(tileCache) : o, line -> { }).model().close();
                    });
            out.printf(Locale.ROOT, "  %-4s model %s: held-out %s AUC %.3f (oracle %.3f), C-index %.3f (oracle %.3f), calibration slope %.2f%n",
                    kind.id().toUpperCase(Locale.ROOT), report.get("model_id").asText().substring(0, 12), report.get("heldout_centre").asText(),
                    report.get("auc").asDouble(), report.get("oracle_auc").asDouble(), report.get("c_index").asDouble(),
                    report.get("oracle_c_index").asDouble(), report.get("calibration_slope").asDouble());
            printAttention(report.path("slide_attention"), out);
            Path dir = runDir.resolve("model");
            ModelArgument.register(dir, registry);
            models.put(kind, dir);
        }
        List<PatientCase> cases = org.livercast.app.journey.StoredCohort.cases(db, home.resolve("store"), home.resolve("views"));
        ObjectMapper json = new ObjectMapper();
        out.println();
        out.printf("%-14s %-10s %10s %-5s %10s %10s%n", "patient", "centre", "PRE p", "", "POST p", "RFS 3 y");
        int high = 0;
        int withAttention = 0;
        int withOcclusion = 0;
        int postWithOcclusion = 0;
        try (TrainedModel preModel = ModelStore.load(models.get(ModelKind.PRE)); TrainedModel postModel = ModelStore.load(models.get(ModelKind.POST))) {
            PreModel pre = new PreModel(preModel);
            PostModel post = new PostModel(postModel);
            SlideBags slides = SlideBags.forModel(postModel.encoder(), null, tileCache);
            for (PatientCase c : cases) {
                Prediction a = pre.predict(PreOperativeInputs.of(c, preModel.encoder().mri()));
                Prediction b = post.predict(PostOperativeInputs.of(c, slides, postModel.encoder().mri()));
                for (Prediction p : new Prediction[] {a, b}) {
                    registry.record(new ModelRegistry.StoredPrediction(p.modelId(), c.record().patient().centreId(), c.id(), p.kind().id(),
                            p.probabilityAggressive2y(), p.highRisk(), p.rfsRiskScore(), p.inputSha256(), json.writeValueAsString(p)));
                }
                if (a.highRisk()) high++;
                if (!b.slideAttention().isEmpty()) withAttention++;
                if (!a.mriOcclusion().isEmpty()) withOcclusion++;
                if (!b.mriOcclusion().isEmpty()) postWithOcclusion++;
                out.printf(Locale.ROOT, "%-14s %-10s %10.2f %-5s %10.2f %10.2f%n", c.id(), c.centre(), a.probabilityAggressive2y(),
                        a.highRisk() ? "HIGH" : "", b.probabilityAggressive2y(), b.rfsSurvivalByYear().get(2));
            }
        }
        out.printf("%d of %d patients at high PRE risk (>= 0.5, P2's threshold); %d predictions stored%n", high, cases.size(), 2 * cases.size());
        if (developmentSlides > 0) {
            out.printf("%d of %d POST predictions read the patient's slide; each tile's attention is stored for the patient page's heat map%n",
                    withAttention, cases.size());
        }
        if (images) {
            out.printf("%d of %d PRE predictions and %d of %d POST predictions read the patient's MRI; each stores its occlusion map for the patient page%n",
                    withOcclusion, cases.size(), postWithOcclusion, cases.size());
        }
        recommend(modelsDir, dev, db, cases, out);
        diagnose(modelsDir, dev, images, db, registry, cases, out);
        Map<String, Long> preIds = new java.util.HashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("select centre_id, patient_id, max(prediction_id) from prediction where kind = 'pre' group by 1, 2")
                .map((rs, ctx) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3))).forEach(e -> preIds.put(e.getKey(), e.getValue())));
        return preIds;
    }

    /**
     * How concentrated POST's attention was on the held-out centre's slides and, on a synthetic cohort, which findings
     * it went to (the training report's {@code slide_attention}) — what the heat maps it draws are worth.
     */
    private static void printAttention(com.fasterxml.jackson.databind.JsonNode attention, PrintWriter out) {
        if (attention.isMissingNode()) return;
        out.printf(Locale.ROOT, "        slide attention on %d held-out slides: the most attended tenth of the tiles holds %.0f%% (an even spread: 10%%), "
                        + "%.0f%% of the slides nearly even%n", attention.path("n_slides").asInt(), 100 * attention.path("median_top_tenth_share").asDouble(),
                100 * attention.path("nearly_even_fraction").asDouble());
        attention.path("regions").fields().forEachRemaining(e -> out.printf(Locale.ROOT, "        on %-18s %.2f× an even share (%d slides)%n",
                e.getKey().replace('_', ' '), e.getValue().path("enrichment").asDouble(), e.getValue().path("n_slides").asInt()));
    }

    /** P4: trains (once) the adjuvant-therapy ensemble on the development cohort and stores its recommendation for every patient. */
    private static void recommend(Path modelsDir, Path dev, org.livercast.study.db.Database db, List<PatientCase> cases, PrintWriter out) throws IOException {
        Path runDir = modelsDir.resolve("therapy");
        Path dir = runDir.resolve("model");
        var report = trainOnce(runDir, "therapy.json", "adjuvant-therapy model (P4: five networks, inverse-probability weighting)", out,
                () -> TherapyRun.run(options(ModelKind.THERAPY, dev, runDir, false), line -> { }).model().close());
        out.printf(Locale.ROOT, "  therapy model: held-out %s, %.0f%% of the oracle policy's 3-year RFS gain over practice%n",
                report.path("heldout_centre").asText(), 100 * report.path("policy_gain_fraction").asDouble(Double.NaN));
        String modelId = ModelArgument.registerTherapy(dir, new ModelRegistry(db.jdbi()));
        org.livercast.study.models.Recommendations store = new org.livercast.study.models.Recommendations(db.jdbi());
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        try (TherapyModel t = TherapyModel.load(dir)) {
            for (PatientCase c : cases) {
                if (c.record().surgeryDate().isEmpty()) continue;
                TherapyModel.Recommendation r = t.recommend(PostOperativeInputs.of(c, null, t.members().get(0).encoder().mri()));
                store.record(new org.livercast.study.models.Recommendations.Stored(modelId, c.record().patient().centreId(), c.id(), r.recommended().id(),
                        r.agreement(), r.gainOverSurgeryAlone(), r.gainSd(), json.writeValueAsString(r), r.inputSha256()));
                counts.merge(r.recommended().id(), 1, Integer::sum);
            }
        }
        out.println("  recommended strategies: " + counts);
    }

    /** P5: trains (once) the diagnosis model on the development cohort and records its diagnosis of every patient. */
    private static void diagnose(Path modelsDir, Path dev, boolean images, org.livercast.study.db.Database db, ModelRegistry registry, List<PatientCase> cases,
                                 PrintWriter out) throws IOException {
        Path runDir = modelsDir.resolve("diagnosis");
        Path dir = runDir.resolve("model");
        var report = trainOnce(runDir, "model.json", "diagnosis model (P5: benign vs malignant, ICC vs HCC)", out,
                () -> DiagnosisRun.run(options(ModelKind.DIAGNOSIS, dev, runDir, images), line -> { }).model().close());
        out.printf(Locale.ROOT, "  diagnosis model %s: held-out %s AUC malignant %.3f, ICC vs HCC %.3f%n", report.get("model_id").asText().substring(0, 12),
                report.path("heldout_centre").asText(), report.path("auc_malignant").asDouble(), report.path("auc_icc_vs_hcc").asDouble());
        ModelArgument.register(dir, registry);
        org.livercast.study.models.Diagnoses store = new org.livercast.study.models.Diagnoses(db.jdbi());
        try (DiagnosisModel d = new DiagnosisModel(ModelStore.load(dir))) {
            for (PatientCase c : cases) store.record(PredictCommand.stored(d.predict(PreOperativeInputs.of(c, d.trained().encoder().mri())), c));
        }
        out.printf("  %d diagnoses stored%n", cases.size());
    }

    /** What a model's training needs to run: its folder is the marker that it has already run. */
    private interface Training {
        void run() throws IOException;
    }

    /**
     * Trains a model of the development cohort into {@code runDir} unless {@code marker} in its model folder says it was
     * trained before (the main job trains each model once per --home), then reads its report.
     */
    private static com.fasterxml.jackson.databind.JsonNode trainOnce(Path runDir, String marker, String what, PrintWriter out, Training training)
            throws IOException {
        if (!Files.exists(runDir.resolve("model").resolve(marker))) {
            out.println("training the " + what + " on the development cohort ...");
            long started = System.nanoTime();
            training.run();
            out.printf("  trained in %d s%n", secondsSince(started));
        }
        return new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
    }

    /** The first run's long steps print their time, so a slow first run says where it went. */
    static long secondsSince(long nanoTime) { return (System.nanoTime() - nanoTime) / 1_000_000_000L; }

    /** @param images whether the models read the development cohort's MRI exams (as radiomic features) */
    private static TrainingRun.Options options(ModelKind kind, Path dev, Path runDir, boolean images) {
        return new TrainingRun.Options(kind, dev, runDir, null, FitConfig.defaults(1), LocalDate.of(2026, 6, 30), null, images);
    }
}
