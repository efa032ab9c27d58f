package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.study.db.Database;
import org.junit.jupiter.api.io.TempDir;

/** train → models → predict through the real command, on a small generated cohort and the test store. */
class ModelCommandsTest {
    @TempDir Path tmp;

    @Test
    void trainRegistersAModelThatPredictRecallsByIdPrefix() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "300", "--centres", "2", "--seed", "4", "--out", cohort.toString(), "--no-images", "--no-slides")
                .exitCode()).isZero();
        Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("run").toString(), "--max-epochs", "6");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("held-out centre centre-02").contains("oracle (truth)").contains("registered in the store")
                .contains("without radiology+pathology").contains("absence offset");
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("run").resolve("report.json").toFile());
        String id = report.get("model_id").asText();
        assertThat(Files.exists(tmp.resolve("run").resolve("model").resolve("weights.params"))).isTrue();

        Cli models = Cli.run(home, "models");
        assertThat(models.out()).contains(id.substring(0, 12)).contains("post");

        String patient = Files.readAllLines(cohort.resolve("centre-02").resolve("clinical").resolve("patients.csv")).get(2).split(",")[0];
        Cli predict = Cli.run(home, "predict", "--model", id.substring(0, 10), "--cohort", cohort.toString(), "--patient", patient, "--json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(predict.out());
        assertThat(p.get("modelId").asText()).isEqualTo(id);
        assertThat(p.get("patientId").asText()).isEqualTo(patient);
        assertThat(p.get("probabilityAggressive2y").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.get("modalitiesUsed")).hasSize(3);
        // The same model on the same inputs predicts the same thing when asked again, from the folder this time.
        Cli again = Cli.run(home, "predict", "--model", tmp.resolve("run").resolve("model").toString(), "--cohort", cohort.toString(), "--patient", patient, "--json");
        assertThat(again.out()).isEqualTo(predict.out());

        Cli text = Cli.run(home, "predict", "--model", id.substring(0, 10), "--cohort", cohort.toString(), "--patient", patient);
        assertThat(text.out()).contains(patient).contains("P(aggressive, 2 y)").contains("RFS 1/3/5 y");
    }

    @Test
    void preReadsASampleOfMriExamsAsRadiomicFeaturesAndStoresTheOcclusionMap() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        Cli synth = Cli.runRaw("synth", "--patients", "90", "--centres", "2", "--seed", "12", "--out", cohort.toString(), "--no-slides",
                "--image-patients", "40");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        long exams;
        try (var dirs = Files.list(cohort.resolve("centre-01").resolve("imaging"))) {
            exams = dirs.count();
        }
        assertThat(exams).as("the first 40 patients alternate between the two centres").isEqualTo(20);
        Cli badReader = Cli.run(home, "train", "--model", "pre", "--mri-reader", "eyes", "--cohort", cohort.toString(), "--out", tmp.resolve("x").toString());
        assertThat(badReader.exitCode()).isEqualTo(2);
        assertThat(badReader.err()).contains("--mri-reader: radiomics or cnn, not eyes");
        Cli train = Cli.run(home, "train", "--model", "pre", "--cohort", cohort.toString(), "--out", tmp.resolve("run").toString(), "--max-epochs", "6",
                "--members", "1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("run").resolve("report.json").toFile());
        assertThat(report.get("modalities").toString()).contains("mri");
        String withScan;
        try (var dirs = Files.list(cohort.resolve("centre-02").resolve("imaging"))) {
            withScan = dirs.findFirst().orElseThrow().getFileName().toString();
        }
        Cli predict = Cli.run(home, "predict", "--model", report.get("model_id").asText().substring(0, 12), "--cohort", cohort.toString(),
                "--patient", withScan, "--json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(predict.out());
        assertThat(p.get("modalitiesUsed").toString()).contains("mri");
        assertThat(p.get("mriOcclusion")).hasSize(64);
    }

    @Test
    void recalibrateUpdatesAStoredModelForACentreAndRegistersIt() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "600", "--centres", "2", "--seed", "8", "--out", cohort.toString(), "--no-images", "--no-slides")
                .exitCode()).isZero();
        Cli train = Cli.run(home, "train", "--model", "pre", "--cohort", cohort.toString(), "--out", tmp.resolve("run").toString(), "--max-epochs", "6",
                "--members", "1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        String id = new ObjectMapper().readTree(tmp.resolve("run").resolve("report.json").toFile()).get("model_id").asText();

        Cli recal = Cli.run(home, "recalibrate", "--model", id.substring(0, 10), "--cohort", cohort.toString(), "--centre", "centre-02", "--patients", "80",
                "--method", "logistic", "--out", tmp.resolve("recal").toString());
        assertThat(recal.exitCode()).as(recal.err()).isZero();
        assertThat(recal.out()).contains("the first 80 (operated").contains("logistic_recalibration (forced)").contains("later patients (")
                .contains("registered in the store");
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("recal").resolve("recalibration.json").toFile());
        assertThat(report.get("from_model_id").asText()).isEqualTo(id);
        String updated = report.get("model_id").asText();
        assertThat(updated).isNotEqualTo(id);
        assertThat(Cli.run(home, "models").out()).contains(updated.substring(0, 12)).contains("recalibrated_for_centre");

        String patient = Files.readAllLines(cohort.resolve("centre-02").resolve("clinical").resolve("patients.csv")).get(2).split(",")[0];
        Cli predict = Cli.run(home, "predict", "--model", updated.substring(0, 12), "--cohort", cohort.toString(), "--patient", patient, "--json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(new ObjectMapper().readTree(predict.out()).get("modelId").asText()).isEqualTo(updated);

        // More patients than the centre has, an unknown method or centre: usage errors that name the cause, and no new model.
        Cli tooMany = Cli.run(home, "recalibrate", "--model", id.substring(0, 10), "--cohort", cohort.toString(), "--centre", "centre-02", "--patients",
                "100000", "--out", tmp.resolve("x").toString());
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("100000 were asked for");
        Cli method = Cli.run(home, "recalibrate", "--model", id.substring(0, 10), "--cohort", cohort.toString(), "--centre", "centre-02", "--method",
                "isotonic", "--out", tmp.resolve("x").toString());
        assertThat(method.exitCode()).isEqualTo(2);
        assertThat(method.err()).contains("--method");
        Cli centre = Cli.run(home, "recalibrate", "--model", id.substring(0, 10), "--cohort", cohort.toString(), "--centre", "centre-09", "--out",
                tmp.resolve("x").toString());
        assertThat(centre.exitCode()).isEqualTo(2);
        assertThat(centre.err()).contains("centre centre-09 is not in");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void theTherapyModelRecommendsAStrategyPerPatient() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        Cli.runRaw("synth", "--patients", "300", "--centres", "2", "--seed", "5", "--out", cohort.toString(), "--no-images", "--no-slides");
        Cli train = Cli.run(home, "train", "--model", "therapy", "--cohort", cohort.toString(), "--out", tmp.resolve("t").toString(), "--max-epochs", "4");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("of the oracle's gain").contains("5 members");
        String patient = Files.readAllLines(cohort.resolve("centre-01").resolve("clinical").resolve("patients.csv")).get(2).split(",")[0];
        Cli rec = Cli.run(home, "predict", "--model", tmp.resolve("t").resolve("model").toString(), "--cohort", cohort.toString(), "--patient", patient);
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.out()).contains(patient).contains("recommend").contains("surgery_alone").contains("tace_systemic").containsPattern("TACE hazard ratio [0-9.]+ for ");
        // The ensemble is in the registry under the id its recommendation records (its folder's hash), its card its own
        // (the members' ids, the policy's held-out metrics), beside its five members.
        String ensemble;
        try (Database db = Database.open(Cli.config(home))) {
            var registry = new org.livercast.study.models.ModelRegistry(db.jdbi());
            ensemble = db.jdbi().withHandle(h -> h.createQuery("select distinct model_id from recommendation").mapTo(String.class).one());
            assertThat(registry.summary(ensemble)).hasValueSatisfying(m -> {
                assertThat(m.kind()).isEqualTo("therapy");
                assertThat(m.metricsJson()).contains("policy_gain_fraction");
            });
            assertThat(registry.list()).filteredOn(m -> m.kind().equals("therapy")).hasSize(6);
            // Each recommendation records the hash of the inputs the ensemble read, as a prediction does.
            String inputs = db.jdbi().withHandle(h -> h.createQuery("select input_sha256 from recommendation").mapTo(String.class).one());
            assertThat(inputs).matches("[0-9a-f]{64}");
        }
        // By id, the ensemble is fetched from the registry (its card and its members' rows) and gives the same recommendation,
        // recorded under the same id: nothing new is stored.
        Cli byId = Cli.run(home, "predict", "--model", ensemble.substring(0, 12), "--cohort", cohort.toString(), "--patient", patient);
        assertThat(byId.exitCode()).as(byId.err()).isZero();
        assertThat(byId.out()).isEqualTo(rec.out());
        try (Database db = Database.open(Cli.config(home))) {
            int rows = db.jdbi().withHandle(h -> h.createQuery("select count(*) from recommendation").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
            assertThat(new org.livercast.study.models.ModelRegistry(db.jdbi()).list()).filteredOn(m -> m.kind().equals("therapy")).hasSize(6);
        }
        Cli weighting = Cli.run(home, "train", "--model", "therapy", "--weighting", "magic", "--cohort", cohort.toString(), "--out", tmp.resolve("u").toString());
        assertThat(weighting.exitCode()).isEqualTo(2);
        // The effects are fitted under the trials' priors unless asked not to; the report says which.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(tmp.resolve("t").resolve("report.json").toFile()).get("effect_priors").get("systemic").get("source").asText()).contains("IMbrave050");
        Cli dataAlone = Cli.run(home, "train", "--model", "therapy", "--effect-prior", "none", "--cohort", cohort.toString(), "--out", tmp.resolve("n").toString(),
                "--max-epochs", "2");
        assertThat(dataAlone.exitCode()).as(dataAlone.err()).isZero();
        assertThat(json.readTree(tmp.resolve("n").resolve("report.json").toFile()).get("effect_priors").size()).isZero();
        Cli unknownPrior = Cli.run(home, "train", "--model", "therapy", "--effect-prior", "magic", "--cohort", cohort.toString(), "--out", tmp.resolve("v").toString());
        assertThat(unknownPrior.exitCode()).isEqualTo(2);
        assertThat(unknownPrior.err()).contains("--effect-prior");
    }

    @Test
    void theDiagnosisModelGivesHccIccAndBenignProbabilities() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        Cli.runRaw("synth", "--patients", "300", "--centres", "2", "--seed", "6", "--out", cohort.toString(), "--no-images", "--no-slides");
        Cli train = Cli.run(home, "train", "--model", "diagnosis", "--cohort", cohort.toString(), "--out", tmp.resolve("d").toString(), "--max-epochs", "20");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("AUC malignant").contains("P(malignant) calibration slope").contains("lirads_category").contains("registered in the store")
                .contains("without radiology for every held-out lesion");
        String id = new ObjectMapper().readTree(tmp.resolve("d").resolve("report.json").toFile()).get("model_id").asText();
        Cli p = Cli.run(home, "predict", "--model", id.substring(0, 12), "--cohort", cohort.toString(), "--json");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out().lines().count()).isEqualTo(300);
        JsonNode first = new ObjectMapper().readTree(p.out().lines().findFirst().orElseThrow());
        assertThat(first.get("probabilityHcc").asDouble() + first.get("probabilityIcc").asDouble() + first.get("probabilityBenign").asDouble())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        // Each diagnosis is recorded with its model and input hash, once: predicting again on the same inputs adds nothing.
        assertThat(Cli.run(home, "predict", "--model", id.substring(0, 12), "--cohort", cohort.toString(), "--json").exitCode()).isZero();
        try (Database db = Database.open(Cli.config(home))) {
            int recorded = db.jdbi().withHandle(h -> h.createQuery("select count(*) from diagnosis where model_id = :m").bind("m", id)
                    .mapTo(Integer.class).one());
            assertThat(recorded).isEqualTo(300);
            String patientId = first.get("patientId").asText();
            String centre = db.jdbi().withHandle(h -> h.createQuery("select centre_id from diagnosis where patient_id = :p").bind("p", patientId)
                    .mapTo(String.class).one());
            var stored = new org.livercast.study.models.Diagnoses(db.jdbi()).latest(centre, patientId);
            assertThat(stored).hasValueSatisfying(d -> {
                assertThat(d.inputSha256()).isEqualTo(first.get("inputSha256").asText());
                assertThat(d.probabilityHcc()).isCloseTo(first.get("probabilityHcc").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
            });
        }
    }

    @Test
    void aPostModelTrainsOnATorchScriptTileEncoderAndPredictsOnlyWithIt() throws Exception {
        // The small TorchScript CNN that tools/make-test-tile-encoder.py made, standing in for a foundation model (a copy:
        // the test takes it away later).
        Path committed = Path.of("..", "livercast-learn", "src", "test", "resources", "encoders", "tiny-cnn.pt").toAbsolutePath().normalize();
        Path encoder = Files.copy(committed, Files.createDirectories(tmp.resolve("encoders")).resolve("tiny-cnn.pt"));
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "16", "--centres", "2", "--seed", "9", "--out", cohort.toString(), "--no-images").exitCode()).isZero();
        Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("ts").toString(), "--max-epochs", "2",
                "--tile-encoder", encoder.toString(), "--tile-encoder-px", "64", "--max-tiles-per-slide", "40");
        assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).containsPattern("slides embedded \\(torchscript-[0-9a-f]{16}-64px\\) in [0-9.]+ s; \\d+ of them have more than 40 tissue tiles "
                + "and are trained on 40 drawn at random");
        Path model = tmp.resolve("ts").resolve("model");
        String patient = Files.readAllLines(cohort.resolve("centre-02").resolve("clinical").resolve("patients.csv")).get(1).split(",")[0];
        Cli with = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient, "--json",
                "--tile-encoder", encoder.toString(), "--tile-encoder-px", "64");
        assertThat(with.exitCode()).as(with.err()).isZero();
        // The report says which file read the slides, and how.
        var tiles = new ObjectMapper().readTree(tmp.resolve("ts").resolve("report.json").toFile()).get("tile_encoder");
        assertThat(tiles.get("source").get("file").asText()).isEqualTo(encoder.toString());
        assertThat(tiles.get("dimension").asInt()).isEqualTo(8);
        assertThat(tiles.get("max_tiles_per_slide").asInt()).isEqualTo(40);
        // A prediction reads every tile of the slide, not the 40 a training slide kept.
        assertThat(new ObjectMapper().readTree(with.out()).get("slideAttention").size()).isGreaterThan(40);
        // Not given, the encoder is the one the model's card records — the same file, read at the same side — also when
        // the model is named by its id in the store.
        assertThat(Files.readString(model.resolve("model.json"))).contains("\"tileEncoder\"").contains(encoder.toString());
        String modelId = new ObjectMapper().readTree(with.out()).get("modelId").asText();
        Cli recorded = Cli.run(home, "predict", "--model", modelId.substring(0, 12), "--cohort", cohort.toString(), "--patient", patient, "--json");
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(new ObjectMapper().readTree(recorded.out()).get("probabilityAggressive2y").asDouble())
                .isEqualTo(new ObjectMapper().readTree(with.out()).get("probabilityAggressive2y").asDouble());
        // At another input size it is another encoder: refused.
        Cli resized = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient,
                "--tile-encoder", encoder.toString(), "--tile-encoder-px", "96");
        assertThat(resized.exitCode()).isEqualTo(2);
        assertThat(resized.err()).contains("trained with tile encoder torchscript-");
        // The file gone, the model says where it was and how to give it.
        Files.delete(encoder);
        Cli gone = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient);
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.err()).contains("read from " + encoder + ", which is no longer there")
                .contains("--tile-encoder FILE --tile-encoder-px 64 --tile-encoder-normalise imagenet --tile-encoder-tokens none");
    }

    @Test
    void aPostModelTrainsOnAnOnnxTileEncoderAndTheSameNetworkInTorchScriptIsAnotherEncoder() throws Exception {
        // The same small CNN exported to ONNX (tools/make-test-tile-encoder.py), run by ONNX Runtime, its tiles normalised
        // with CLIP's statistics as a CONCH-like model's are.
        Path encoders = Path.of("..", "livercast-learn", "src", "test", "resources", "encoders").toAbsolutePath().normalize();
        Path onnx = encoders.resolve("tiny-cnn.onnx");
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "16", "--centres", "2", "--seed", "9", "--out", cohort.toString(), "--no-images").exitCode()).isZero();
        Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("onnx").toString(), "--max-epochs", "2",
                "--tile-encoder", onnx.toString(), "--tile-encoder-px", "64", "--tile-encoder-normalise", "clip");
        assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).containsPattern("slides embedded \\(onnx-[0-9a-f]{16}-64px-clip\\)");
        Path model = tmp.resolve("onnx").resolve("model");
        String patient = Files.readAllLines(cohort.resolve("centre-02").resolve("clinical").resolve("patients.csv")).get(1).split(",")[0];
        Cli with = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient, "--json",
                "--tile-encoder", onnx.toString(), "--tile-encoder-px", "64", "--tile-encoder-normalise", "CLIP");
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(new ObjectMapper().readTree(with.out()).get("slideAttention").size()).isPositive();
        // The same file beside an open_clip config that states CLIP's statistics and a 64 px input: auto reads them, so it is
        // the same encoder.
        Path published = Files.createDirectories(tmp.resolve("published"));
        Files.copy(onnx, published.resolve("tiny-cnn.onnx"));
        Files.writeString(published.resolve("open_clip_config.json"), "{\"model_cfg\": {\"vision_cfg\": {\"image_size\": 64}}, "
                + "\"preprocess_cfg\": {\"mean\": [0.48145466, 0.4578275, 0.40821073], \"std\": [0.26862954, 0.26130258, 0.27577711]}}");
        Cli auto = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient, "--json",
                "--tile-encoder", published.resolve("tiny-cnn.onnx").toString(), "--tile-encoder-px", "auto", "--tile-encoder-normalise", "auto");
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(new ObjectMapper().readTree(auto.out()).get("probabilityAggressive2y").asDouble())
                .isEqualTo(new ObjectMapper().readTree(with.out()).get("probabilityAggressive2y").asDouble());
        // The model names the file it was trained with by its hash: the TorchScript export of the same weights is refused.
        Cli torchScript = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient,
                "--tile-encoder", encoders.resolve("tiny-cnn.pt").toString(), "--tile-encoder-px", "64", "--tile-encoder-normalise", "clip");
        assertThat(torchScript.exitCode()).isEqualTo(2);
        assertThat(torchScript.err()).contains("trained with tile encoder onnx-");
        // The same file normalised as ImageNet's models are gives other embeddings: refused, the two ids saying why.
        Cli imageNet = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient,
                "--tile-encoder", onnx.toString(), "--tile-encoder-px", "64");
        assertThat(imageNet.exitCode()).isEqualTo(2);
        assertThat(imageNet.err()).containsPattern("trained with tile encoder onnx-[0-9a-f]{16}-64px-clip; this one is onnx-[0-9a-f]{16}-64px\\b")
                .contains("normalised imagenet");
        // Statistics on the 0-255 scale (mmcv's form) are refused before anything is read, saying how to give them.
        Cli scale255 = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient,
                "--tile-encoder", onnx.toString(), "--tile-encoder-px", "64", "--tile-encoder-normalise", "123.675,116.28,103.53/58.395,57.12,57.375");
        assertThat(scale255.exitCode()).isEqualTo(2);
        assertThat(scale255.err()).contains("--tile-encoder-normalise").contains("divide by 255");
        // A transformer's export that gives tokens is refused until told how to pool them; a pooling it cannot name is a usage error.
        Cli tokens = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("y").toString(),
                "--tile-encoder", encoders.resolve("tiny-cnn-tokens.onnx").toString(), "--tile-encoder-px", "64");
        assertThat(tokens.exitCode()).isEqualTo(3);
        assertThat(tokens.err()).contains("tiny-cnn-tokens.onnx").contains("--tile-encoder-tokens cls|mean[:K]|cls+mean[:K]");
        Cli max = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("y").toString(),
                "--tile-encoder", encoders.resolve("tiny-cnn-tokens.onnx").toString(), "--tile-encoder-px", "64", "--tile-encoder-tokens", "max");
        assertThat(max.exitCode()).isEqualTo(2);
        assertThat(max.err()).contains("--tile-encoder-tokens 'max': none, cls, mean[:K] or cls+mean[:K]");
        // An exported model of another tile side is refused before any slide is read, naming the file.
        Cli wrongSide = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("x").toString(),
                "--tile-encoder", onnx.toString());
        assertThat(wrongSide.exitCode()).isEqualTo(3);
        assertThat(wrongSide.err()).contains(onnx.toString()).contains("64 x 64 px tiles, not 224");
    }

    @Test
    void aStainNormalisedPostModelReadsEachSlideWithItsOwnStainAndPredictKnowsIt() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "16", "--centres", "2", "--seed", "9", "--out", cohort.toString(), "--no-images").exitCode()).isZero();
        Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("run").toString(), "--max-epochs", "2",
                "--stain-normalise");
        assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).contains("slides embedded (histology-features-v4)");
        // predict needs no option: the model names its features' version, and the cache holds both versions apart.
        String patient = Files.readAllLines(cohort.resolve("centre-02").resolve("clinical").resolve("patients.csv")).get(1).split(",")[0];
        Cli with = Cli.run(home, "predict", "--model", tmp.resolve("run").resolve("model").toString(), "--cohort", cohort.toString(), "--patient",
                patient, "--json");
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(new ObjectMapper().readTree(with.out()).get("slideAttention").size()).isPositive();
        try (var files = Files.list(home.resolve("tile-cache"))) {
            assertThat(files.map(f -> f.getFileName().toString())).isNotEmpty().allMatch(f -> f.contains("histology-features-v4"));
        }
        Cli both = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("x").toString(), "--stain-normalise",
                "--tile-encoder", tmp.resolve("encoder.pt").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--stain-normalise applies to the built-in histology features");
    }

    @Test
    void aTileEncoderTrainedHereWithoutLabelsServesAPostModel() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "16", "--centres", "2", "--seed", "9", "--out", cohort.toString(), "--no-images").exitCode()).isZero();
        Path encoder = tmp.resolve("encoder.lcte");
        Cli enc = Cli.run(home, "tile-encoder", "--cohort", cohort.toString(), "--out", encoder.toString(), "--tiles-per-slide", "16", "--epochs", "2");
        assertThat(enc.exitCode()).as(enc.out() + enc.err()).isZero();
        assertThat(enc.out()).containsPattern("\\d+ tissue tiles from 16 slides").containsPattern("tile encoder cnn-contrastive-[0-9a-f]{16} \\(16 features\\) written");
        Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("run").toString(), "--max-epochs", "2",
                "--tile-encoder", encoder.toString());
        assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).containsPattern("slides embedded \\(cnn-contrastive-[0-9a-f]{16}\\)");
        String patient = Files.readAllLines(cohort.resolve("centre-02").resolve("clinical").resolve("patients.csv")).get(1).split(",")[0];
        Cli with = Cli.run(home, "predict", "--model", tmp.resolve("run").resolve("model").toString(), "--cohort", cohort.toString(), "--patient", patient,
                "--json", "--tile-encoder", encoder.toString());
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(new ObjectMapper().readTree(with.out()).get("slideAttention").size()).isPositive();
        assertThat(Cli.run(home, "tile-encoder", "--cohort", tmp.resolve("nowhere").toString(), "--out", encoder.toString()).exitCode()).isNotZero();
        Cli none = Cli.run(home, "tile-encoder", "--cohort", cohort.toString(), "--out", tmp.resolve("none.lcte").toString(), "--features", "0");
        assertThat(none.exitCode()).isNotZero();
        assertThat(none.err()).contains("--features").contains("1 to 1024");
        assertThat(tmp.resolve("none.lcte")).doesNotExist();
    }

    @Test
    void tileFeaturesExtractedElsewhereServeAPostModelWhoseCardFindsThemAgain() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "16", "--centres", "2", "--seed", "9", "--out", cohort.toString(), "--no-images").exitCode()).isZero();
        // The cohort's tiles and built-in features written as TRIDENT writes a foundation model's, then read back as one.
        Cli export = Cli.run(home, "tile-features", "--cohort", cohort.toString(), "--out", tmp.resolve("trident").toString());
        assertThat(export.exitCode()).as(export.out() + export.err()).isZero();
        assertThat(export.out()).containsPattern("16 slides' tile features \\(histology-features-v\\d, 18 a tile\\) written to .*features_histology-features-v\\d");
        Path features;
        try (var folders = Files.list(tmp.resolve("trident"))) {
            features = folders.findFirst().orElseThrow();
        }
        // Two slides' files away: the run names both before it trains anything.
        List<Path> files;
        try (var list = Files.list(features)) {
            files = list.sorted().limit(2).toList();
        }
        for (Path f : files) Files.move(f, tmp.resolve(f.getFileName()));
        Cli incomplete = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("incomplete").toString(),
                "--max-epochs", "2", "--tile-encoder", features.toString());
        assertThat(incomplete.exitCode()).isEqualTo(3);
        assertThat(incomplete.err()).contains("2 of 16 slides cannot be read").contains("no tile features for it in " + features)
                .contains("expected " + files.get(0).getFileName()).contains("expected " + files.get(1).getFileName());
        assertThat(tmp.resolve("incomplete").resolve("model")).doesNotExist();
        for (Path f : files) Files.move(tmp.resolve(f.getFileName()), f);
        Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("run").toString(), "--max-epochs", "2",
                "--tile-encoder", features.toString());
        assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
        assertThat(train.out()).containsPattern("16 slides embedded \\(features-histology-features-v\\d-18d-20x256px\\)");
        Cli therapy = Cli.run(home, "train", "--model", "therapy", "--cohort", cohort.toString(), "--out", tmp.resolve("therapy").toString(), "--max-epochs", "2",
                "--tile-encoder", features.toString());
        assertThat(therapy.exitCode()).as(therapy.out() + therapy.err()).isZero();
        Path model = tmp.resolve("run").resolve("model");
        assertThat(Files.readString(model.resolve("model.json"))).contains("\"tileEncoder\"").contains(features.toString());
        // The registry says what read the slides.
        assertThat(Cli.run(home, "models").out()).containsPattern("post .* tiles features-histology-features-v\\d-18d-20x256px  \\{");
        String patient = Files.readAllLines(cohort.resolve("centre-02").resolve("clinical").resolve("patients.csv")).get(1).split(",")[0];
        // Not given, the folder is the one the card records.
        Cli predict = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient, "--json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(new ObjectMapper().readTree(predict.out()).get("slideAttention").size()).isPositive();
        // A network's reading options mean nothing to a folder of features.
        Cli autoSide = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient, "--tile-encoder",
                features.toString(), "--tile-encoder-px", "auto");
        assertThat(autoSide.exitCode()).isEqualTo(2);
        assertThat(autoSide.err()).contains("--tile-encoder-px auto reads a network's config").contains("is a folder of tile features computed elsewhere");
        // The same tiles and numbers, read from files instead of computed, train the very same network: the same probability
        // and the same attention on the same tiles as the model trained on the built-in encoder itself.
        Cli builtIn = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("builtin").toString(), "--max-epochs", "2");
        assertThat(builtIn.exitCode()).as(builtIn.out() + builtIn.err()).isZero();
        Cli direct = Cli.run(home, "predict", "--model", tmp.resolve("builtin").resolve("model").toString(), "--cohort", cohort.toString(), "--patient", patient, "--json");
        JsonNode fromFiles = new ObjectMapper().readTree(predict.out());
        JsonNode computed = new ObjectMapper().readTree(direct.out());
        assertThat(fromFiles.get("probabilityAggressive2y").asDouble()).isEqualTo(computed.get("probabilityAggressive2y").asDouble());
        assertThat(fromFiles.get("slideAttention")).isEqualTo(computed.get("slideAttention"));
        assertThat(fromFiles.get("modelId").asText()).isNotEqualTo(computed.get("modelId").asText());
        // Features of another encoder are another encoder: refused.
        Path clam = Path.of("..", "livercast-learn", "src", "test", "resources", "tile-features", "clam", "h5_files").toAbsolutePath().normalize();
        Cli other = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient, "--tile-encoder", clam.toString());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("trained with tile encoder features-histology-features-v").contains("this one is features-h5_files-8d");
        // The patient's slide without its file: refused naming the file to make.
        Path slide;
        try (var slides = Files.list(cohort.resolve("centre-02").resolve("slides"))) {
            slide = slides.filter(f -> f.getFileName().toString().startsWith(patient)).findFirst().orElseThrow();
        }
        String name = slide.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Files.delete(features.resolve(name + ".h5"));
        Cli missing = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient);
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no tile features for it in " + features).contains("expected " + name + ".h5");
        // Scoring the whole cohort, that patient is named and passed over; the other fifteen are scored and stored.
        Cli batch = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--json");
        assertThat(batch.exitCode()).isEqualTo(3);
        assertThat(batch.err()).contains(patient + " not scored: ").contains("expected " + name + ".h5")
                .contains("1 of 16 patients not scored (their inputs are rejected above); the other 15 are stored");
        assertThat(batch.out().lines().filter(l -> l.startsWith("{"))).hasSize(15);
        // So are the therapy model's recommendations: that patient passed over, the other fifteen recommended.
        Cli recommend = Cli.run(home, "predict", "--model", tmp.resolve("therapy").resolve("model").toString(), "--cohort", cohort.toString(), "--json");
        assertThat(recommend.exitCode()).as(recommend.err()).isEqualTo(3);
        assertThat(recommend.err()).contains(patient + " not scored: ").contains("expected " + name + ".h5")
                .contains("1 of 16 patients not scored (their inputs are rejected above); the other 15 are stored");
        assertThat(recommend.out().lines().filter(l -> l.startsWith("{"))).hasSize(15).allMatch(l -> l.contains("\"recommended\""));
        // The folder gone: the model says where it was and how to give it.
        org.livercast.core.io.Folders.deleteTree(features);
        Cli gone = Cli.run(home, "predict", "--model", model.toString(), "--cohort", cohort.toString(), "--patient", patient);
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.err()).contains("tile features were read from " + features + ", which is no longer there").contains("--tile-encoder DIR");
    }

    @Test
    void ingestedSlidesAreNamedByTheirSlideIdsSoTheirFeaturesAreFoundAndPredictedOn() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        assertThat(Cli.runRaw("synth", "--patients", "16", "--centres", "2", "--seed", "9", "--out", cohort.toString(), "--no-images").exitCode()).isZero();
        for (String c : new String[] {"01", "02"}) {
            Cli ingest = Cli.run(home, "ingest", "--quiet", "--centre", "C" + c, cohort.resolve("centre-" + c).toString());
            assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isIn(0, 3);
        }
        // The export's features train the model; the store's de-identified slides get theirs under their slide ids.
        assertThat(Cli.run(home, "tile-features", "--cohort", cohort.toString(), "--out", tmp.resolve("a").toString()).exitCode()).isZero();
        Cli stored = Cli.run(home, "tile-features", "--stored", "--out", tmp.resolve("b").toString());
        assertThat(stored.exitCode()).as(stored.out() + stored.err()).isZero();
        Path a;
        Path b;
        try (var x = Files.list(tmp.resolve("a")); var y = Files.list(tmp.resolve("b"))) {
            a = x.findFirst().orElseThrow();
            b = y.findFirst().orElseThrow();
        }
        assertThat(b.getFileName()).isEqualTo(a.getFileName());
        java.util.Set<String> names;
        try (var files = Files.list(b)) {
            names = files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
        try (Database db = Database.open(Cli.config(home))) {
            var cases = org.livercast.app.journey.StoredCohort.cases(db, home.resolve("store"), home.resolve("views"));
            var withSlides = cases.stream().filter(c -> c.slide().isPresent()).toList();
            assertThat(withSlides).isNotEmpty();
            for (var c : withSlides) {
                Path slide = c.slide().get();
                // A link named after the pseudonymised slide id (no hospital number), to the stored, de-identified file.
                assertThat(Files.isSymbolicLink(slide)).isTrue();
                assertThat(slide.getFileName().toString()).startsWith(c.id()).endsWith(".svs");
                assertThat(Files.readSymbolicLink(slide).startsWith(home.resolve("store").toAbsolutePath())).isTrue();
                assertThat(names).contains(slide.getFileName().toString().replaceFirst("\\.svs$", ".h5"));
            }
            assertThat(names).hasSize(withSlides.size());
        }
        Cli train = Cli.run(home, "train", "--model", "post", "--cohort", cohort.toString(), "--out", tmp.resolve("run").toString(), "--max-epochs", "2",
                "--tile-encoder", a.toString());
        assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
        // The same encoder's features of the stored slides serve the stored patients.
        Cli predict = Cli.run(home, "predict", "--model", tmp.resolve("run").resolve("model").toString(), "--stored", "--json", "--tile-encoder", b.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines().filter(l -> l.startsWith("{")).filter(l -> l.contains("\"slideAttention\" : [ {") || l.contains("\"slideAttention\":[{")))
                .isNotEmpty();
        assertThat(Cli.run(home, "tile-features", "--out", tmp.resolve("c").toString()).exitCode()).isNotZero();
    }

    @Test
    void unknownModelsPatientsAndKindsGiveTheirExitCodes() throws Exception {
        Path home = tmp.resolve("home");
        Path cohort = tmp.resolve("cohort");
        Cli.runRaw("synth", "--patients", "20", "--centres", "2", "--out", cohort.toString(), "--no-images", "--no-slides");
        assertThat(Cli.run(home, "predict", "--model", "0123456789ab", "--cohort", cohort.toString()).exitCode()).isEqualTo(5);
        assertThat(Cli.run(home, "predict", "--model", "0123456789ab", "--cohort", cohort.toString(), "--patient", "nobody").exitCode()).isEqualTo(5);
        Cli kind = Cli.run(home, "train", "--model", "sideways", "--cohort", cohort.toString(), "--out", tmp.resolve("x").toString());
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).contains("expected pre, post, therapy or diagnosis");

        // What the user can fix is rejected input (exit 3) naming the folder and the reason, without a stack trace.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli noCentres = Cli.run(home, "train", "--model", "pre", "--cohort", empty.toString(), "--out", tmp.resolve("y").toString());
        assertThat(noCentres.exitCode()).as(noCentres.err()).isEqualTo(3);
        assertThat(noCentres.err()).contains(empty.toString()).contains("no centre folder with a clinical/ export").doesNotContain("\tat ");
        Cli heldout = Cli.run(home, "train", "--model", "pre", "--cohort", cohort.toString(), "--out", tmp.resolve("y").toString(),
                "--heldout-centre", "centre-09");
        assertThat(heldout.exitCode()).as(heldout.err()).isEqualTo(3);
        assertThat(heldout.err()).contains("held-out centre centre-09 is not in").contains("centre-01, centre-02").doesNotContain("\tat ");
        Path notAModel = Files.createDirectories(tmp.resolve("not-a-model"));
        Cli folder = Cli.run(home, "predict", "--model", notAModel.toString(), "--cohort", cohort.toString());
        assertThat(folder.exitCode()).as(folder.err()).isEqualTo(3);
        assertThat(folder.err()).contains(notAModel.toString()).contains("not a LiverCast model folder (no model.json)").doesNotContain("\tat ");
    }
}
