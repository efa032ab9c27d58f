package org.livercast.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.DiagnosisModel;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.PostModel;
import org.livercast.learn.model.PreModel;
import org.livercast.learn.model.Prediction;
import org.livercast.learn.model.TherapyModel;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.slide.SlideBags;
import org.livercast.study.db.Database;
import org.livercast.study.models.ModelRegistry;
import org.livercast.study.models.Recommendations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast predict}: one patient or a whole export, with a registered model; every prediction is recorded. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict aggressive recurrence and RFS with a model (its id or id prefix in the store, or a model folder) for one "
                + "patient or every patient of a cohort export. Each prediction is stored with the model id and the hash of its inputs."})
final class PredictCommand extends Leaf {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, paramLabel = "ID|DIR", description = "Model id (≥ 8 hex characters) or model folder.") String model;

    @Option(names = "--cohort", paramLabel = "DIR", description = "Cohort export holding the patients.") Path cohort;

    @Option(names = "--stored", description = "Score the ingested (de-identified) patients in the store instead of an export.") boolean stored;

    @Option(names = "--patient", paramLabel = "ID", description = "One patient (the centre's id); default: every patient.") String patient;

    @picocli.CommandLine.Mixin TileEncoderOptions tileEncoder;

    /** The loaded --tile-encoder, closed when the command ends. */
    private org.livercast.learn.slide.TileEncoder loadedEncoder;

    @Option(names = "--json", description = "One JSON object per prediction.") boolean json;

    @Override
    public Integer call() throws IOException {
        try {
            return predict();
        } finally {
            if (loadedEncoder != null) loadedEncoder.close();
        }
    }

    private Integer predict() throws IOException {
        if ((cohort == null) == !stored) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --cohort DIR (an export) or --stored (the ingested patients), one of them");
        List<PatientCase> all;
        if (stored) {
            try (Database db = root().openDatabase()) {
                all = org.livercast.app.journey.StoredCohort.cases(db, root().home.toAbsolutePath().resolve("store"), root().home.toAbsolutePath().resolve("views"));
            }
        } else {
            all = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases();
        }
        List<PatientCase> cases = all.stream().filter(c -> patient == null || c.id().equals(patient)).toList();
        if (cases.isEmpty()) throw new NotFoundException("patient " + patient + " is not in " + (stored ? "the store" : cohort));
        if (Files.exists(Path.of(model).resolve("therapy.json"))) return recommend(cases, Path.of(model), null);
        Path folder;
        try (Database db = root().openDatabase()) {
            ModelRegistry registry = new ModelRegistry(db.jdbi());
            folder = ModelArgument.folder(model, registry, root().home);
            if (!Files.exists(folder.resolve("therapy.json"))) {
                try (TrainedModel m = ModelStore.load(folder)) {
                    return predict(m, folder, cases, registry, db);
                }
            }
        }
        // A therapy ensemble fetched by id (its folder named by it), recommended once this store is closed: one embedded server a home.
        return recommend(cases, folder, folder.getFileName().toString());
    }

    /** PRE or POST predictions (or P5 diagnoses) for the cases with the model in {@code folder}, each recorded in the store. */
    private Integer predict(TrainedModel m, Path folder, List<PatientCase> cases, ModelRegistry registry, Database db) throws IOException {
        if (!json) out().printf("model %s (%s)%n", m.modelId().substring(0, 12), m.kind().id());
        // The wrappers only choose the input type; the caller closes the model they share.
        if (m.kind() == ModelKind.DIAGNOSIS) return diagnose(new DiagnosisModel(m), cases, new org.livercast.study.models.Diagnoses(db.jdbi()));
        PreModel pre = m.kind() == ModelKind.PRE ? new PreModel(m) : null;
        PostModel post = m.kind() == ModelKind.POST ? new PostModel(m) : null;
        SlideBags slides = slides(m, folder);
        PassedOver passedOver = new PassedOver(cases.size(), spec.commandLine().getErr());
        for (PatientCase c : cases) {
            boolean images = m.encoder().mri();
            Prediction p;
            try {
                p = pre != null ? pre.predict(PreOperativeInputs.of(c, images)) : post.predict(PostOperativeInputs.of(c, slides, images));
            } catch (org.livercast.learn.data.UnusableInputException e) {
                passedOver.add(c, e);
                continue;
            }
            String body = JSON.writeValueAsString(p);
            registry.record(new ModelRegistry.StoredPrediction(p.modelId(), c.record().patient().centreId(), c.id(), p.kind().id(),
                    p.probabilityAggressive2y(), p.highRisk(), p.rfsRiskScore(), p.inputSha256(), body));
            if (json) out().println(body);
            else print(p);
        }
        return passedOver.exitCode();
    }

    /** P5: the probability of malignancy and of ICC rather than HCC, from pre-operative data; each recorded in the store. */
    private int diagnose(DiagnosisModel d, List<PatientCase> cases, org.livercast.study.models.Diagnoses store) throws IOException {
        PassedOver passedOver = new PassedOver(cases.size(), spec.commandLine().getErr());
        for (PatientCase c : cases) {
            DiagnosisModel.Diagnosis r;
            try {
                r = d.predict(PreOperativeInputs.of(c, d.trained().encoder().mri()));
            } catch (org.livercast.learn.data.UnusableInputException e) {
                passedOver.add(c, e);
                continue;
            }
            store.record(stored(r, c));
            if (json) out().println(JSON.writeValueAsString(r));
            else out().printf(Locale.ROOT, "%-14s P(HCC) %.2f  P(ICC) %.2f  P(benign) %.2f%n", c.id(), r.probabilityHcc(), r.probabilityIcc(), r.probabilityBenign());
        }
        return passedOver.exitCode();
    }

    /** A diagnosis as the store keeps it: the model, the patient, the two probabilities, the input hash and the whole of it. */
    static org.livercast.study.models.Diagnoses.Stored stored(DiagnosisModel.Diagnosis r, PatientCase c) throws IOException {
        return new org.livercast.study.models.Diagnoses.Stored(r.modelId(), c.record().patient().centreId(), c.id(), r.probabilityMalignant(),
                r.probabilityIccIfMalignant(), r.inputSha256(), JSON.writeValueAsString(r));
    }

    /**
     * The slide reader when the model was trained with slides (tile embeddings cached under --home), else null: with
     * the tile encoder the model was trained with — the built-in one, the --tile-encoder file, or the file the model's
     * card says it was read from; it must be that very model (its id carries the file's hash).
     */
    private SlideBags slides(TrainedModel m, Path folder) throws IOException {
        if (loadedEncoder == null && m.encoder().usesSlides()) {
            loadedEncoder = tileEncoder.loadFor(spec, folder);
        }
        try {
            return SlideBags.forModel(m.encoder(), loadedEncoder, root().tileCache());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tile-encoder " + tileEncoder.describe() + ": " + e.getMessage());
        }
    }

    /** The therapy model: predicted 3-year RFS under each strategy and the recommendation with its agreement. */
    /**
     * @param registeredId the ensemble's id when it was fetched from the registry (its materialised copy's files are not
     *                     byte for byte the trained folder's, so the id is not recomputed from them); null for a folder
     */
    private int recommend(List<PatientCase> cases, Path dir, String registeredId) throws IOException {
        try (TherapyModel t = TherapyModel.load(dir); Database db = root().openDatabase()) {
            // The ensemble's id: the hash of its folder's description and every member's weights, as for any model;
            // registered (if new) so that each recommendation names a model the registry holds, as predictions do.
            String modelId = registeredId != null ? registeredId : ModelArgument.registerTherapy(dir, new ModelRegistry(db.jdbi()));
            Recommendations store = new Recommendations(db.jdbi());
            SlideBags slides = slides(t.members().get(0), dir.resolve("member-0"));
            PassedOver passedOver = new PassedOver(cases.size(), spec.commandLine().getErr());
            for (PatientCase c : cases) {
                TherapyModel.Recommendation r;
                try {
                    r = t.recommend(PostOperativeInputs.of(c, slides, t.members().get(0).encoder().mri()));
                } catch (org.livercast.learn.data.UnusableInputException e) {
                    passedOver.add(c, e);
                    continue;
                }
                String body = JSON.writeValueAsString(r);
                store.record(new Recommendations.Stored(modelId, c.record().patient().centreId(), c.id(), r.recommended().id(), r.agreement(),
                        r.gainOverSurgeryAlone(), r.gainSd(), body, r.inputSha256()));
                if (json) {
                    out().println(body);
                    continue;
                }
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-14s recommend %-14s (members agree %.0f%%, +%.3f ± %.3f 3-y RFS vs surgery alone)",
                        c.id(), r.recommended().id(), 100 * r.agreement(), r.gainOverSurgeryAlone(), r.gainSd()));
                for (TherapyModel.StrategyEstimate e : r.estimates()) s.append(String.format(Locale.ROOT, "  %s %.2f", e.strategy().id(), e.rfs3y()));
                s.append(String.format(Locale.ROOT, "%n%-14s TACE hazard ratio %.2f for %s", "", r.taceHazardRatio(), r.taceSubgroup()));
                out().println(s);
            }
            return passedOver.exitCode();
        }
    }

    static String therapyId(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                d.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update(Files.readAllBytes(f));
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void print(Prediction p) {
        String top = p.contributions().entrySet().stream().limit(3)
                .map(e -> String.format(Locale.ROOT, "%s %+.2f", e.getKey(), e.getValue())).reduce((a, b) -> a + ", " + b).orElse("");
        out().printf(Locale.ROOT, "%-14s P(aggressive, 2 y) %.2f %-9s RFS 1/3/5 y %.2f/%.2f/%.2f  OS 1/3/5 y %.2f/%.2f/%.2f  drivers: %s%s%n",
                p.patientId(), p.probabilityAggressive2y(), p.highRisk() ? "HIGH" : "low", p.rfsSurvivalByYear().get(0), p.rfsSurvivalByYear().get(2),
                p.rfsSurvivalByYear().get(4), p.osSurvivalByYear().get(0), p.osSurvivalByYear().get(2), p.osSurvivalByYear().get(4), top,
                p.slideAttention().isEmpty() ? "" : topTile(p));
    }

    private static String topTile(Prediction p) {
        Prediction.TileAttention t = p.slideAttention().stream().max(java.util.Comparator.comparingDouble(Prediction.TileAttention::weight)).orElseThrow();
        var spread = org.livercast.learn.model.AttentionSpread.of(p.slideAttention());
        return String.format(Locale.ROOT, "; slide: %d tiles, most attended at (%d, %d) %.1f%% (%.1f× an even share), top tenth %.0f%% of the attention%s",
                p.slideAttention().size(), t.x(), t.y(), 100 * t.weight(), spread.maxOverEven(), 100 * spread.topTenthShare(),
                spread.nearlyEven() ? ", nearly even" : "");
    }
}
