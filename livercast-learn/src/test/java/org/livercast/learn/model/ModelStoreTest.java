package org.livercast.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.InputRefusedException;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TrainingRun;

class ModelStoreTest {
    @TempDir static Path out;
    static Path cohortDir;
    static Path preDir;
    static Path postDir;

    @BeforeAll
    static void trainSmallModels() throws IOException {
        cohortDir = SmallCohort.clinical(400, 2, 3);
        FitConfig quick = FitConfig.defaults(5).withMaxEpochs(8);
        TrainingRun.run(new TrainingRun.Options(ModelKind.PRE, cohortDir, out.resolve("pre"), null, quick, LocalDate.of(2026, 6, 30)), l -> { }).model().close();
        TrainingRun.run(new TrainingRun.Options(ModelKind.POST, cohortDir, out.resolve("post"), null, quick, LocalDate.of(2026, 6, 30)), l -> { }).model().close();
        preDir = out.resolve("pre").resolve("model");
        postDir = out.resolve("post").resolve("model");
    }

    @Test
    void aSavedModelReloadedInAFreshJvmGivesBitIdenticalPredictions() throws Exception {
        var cohort = CohortExport.read(cohortDir, LocalDate.of(2026, 6, 30));
        List<String> here = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (PreModel m = new PreModel(ModelStore.load(preDir))) {
            for (PatientCase c : cohort.cases()) here.add(json.writeValueAsString(m.predict(PreOperativeInputs.of(c))));
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", ReloadMain.class.getName(), preDir.toString(), cohortDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(stdout.lines().toList()).containsExactlyElementsOf(here);
        assertThat(here.get(0)).contains(ModelStore.card(preDir).modelId());
    }

    @Test
    void aChangedWeightsFileIsRefusedNamingTheFile() throws IOException {
        Path copy = out.resolve("tampered");
        Files.createDirectories(copy);
        Files.copy(preDir.resolve("model.json"), copy.resolve("model.json"));
        byte[] w = Files.readAllBytes(preDir.resolve("weights.params"));
        w[w.length - 3] ^= 0x01;
        Files.write(copy.resolve("weights.params"), w);
        assertThatThrownBy(() -> ModelStore.load(copy)).isInstanceOf(IOException.class)
                .hasMessageContaining("weights.params").hasMessageContaining("does not match model id");
        assertThatThrownBy(() -> ModelStore.load(out)).hasMessageContaining("no model.json");
    }

    @Test
    void aModelSavedWithAnEarlierNetworkLayoutIsRefusedWithWhatToDo() throws IOException {
        // Version 1's network had no OS head: its weights would not fit this network.
        Path old = withCard(preDir, "version-1", Files.readString(preDir.resolve("model.json"))
                .replaceFirst("\"schemaVersion\" : " + ModelStore.SCHEMA_VERSION, "\"schemaVersion\" : 1"));
        assertThatThrownBy(() -> ModelStore.load(old)).isInstanceOf(IOException.class)
                .hasMessageContaining(old.resolve("model.json").toString()).hasMessageContaining("schemaVersion 1 is not 2")
                .hasMessageContaining("livercast train");
    }

    @Test
    void preAndPostModelsOnlyTakeTheirOwnKind() throws IOException {
        // The refused models stay the caller's to close (they were left to the finalizer, which warned of ten networks).
        try (TrainedModel post = ModelStore.load(postDir); TrainedModel pre = ModelStore.load(preDir)) {
            assertThatThrownBy(() -> new PreModel(post)).hasMessageContaining("not pre");
            assertThatThrownBy(() -> new PostModel(pre)).hasMessageContaining("not post");
        }
    }

    @Test
    void aPatientWithoutReportsStillGetsAScoreFromWhatTheyHave() throws IOException {
        PatientCase full = firstPatient();
        PatientCase bare = withoutFiles(full);
        try (PreModel pre = new PreModel(ModelStore.load(preDir)); PostModel post = new PostModel(ModelStore.load(postDir))) {
            Prediction withReport = pre.predict(PreOperativeInputs.of(full));
            Prediction without = pre.predict(PreOperativeInputs.of(bare));
            assertThat(withReport.modalitiesUsed()).containsExactly("clinical", "radiology");
            assertThat(without.modalitiesUsed()).containsExactly("clinical");
            assertThat(without.probabilityAggressive2y()).isBetween(0.0, 1.0);
            assertThat(without.inputSha256()).isNotEqualTo(withReport.inputSha256());
            Prediction p = post.predict(PostOperativeInputs.of(full));
            assertThat(p.modalitiesUsed()).containsExactly("clinical", "radiology", "pathology");
            assertThat(p.rfsSurvivalByYear()).hasSize(5).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(p.contributions()).containsKey("largest_nodule_mm").doesNotContainKey("path_mvi_present");
        }
    }

    @Test
    void hidingAModalityGivesExactlyWhatAPatientWithoutItIsGiven() throws IOException {
        // The training report's missing-modality rows hide an input from every held-out patient; they measure what a
        // patient without that input gets only if hiding and lacking encode alike.
        PatientCase full = firstPatient();
        PatientCase bare = withoutFiles(full);
        try (TrainedModel m = ModelStore.load(preDir)) {
            InputEncoder enc = m.encoder();
            InputEncoder.Encoded withReport = enc.encode(PreOperativeInputs.of(full));
            InputEncoder.Encoded hidden = enc.without(withReport, "radiology");
            InputEncoder.Encoded lacking = enc.encode(PreOperativeInputs.of(bare));
            assertThat(withReport.present()).containsExactly(1f, 1f);
            assertThat(hidden.present()).containsExactly(lacking.present());
            for (int k = 0; k < lacking.vectors().size(); k++) assertThat(hidden.vectors().get(k)).as("modality " + k).containsExactly(lacking.vectors().get(k));
            assertThat(withReport.present()).as("the patient's own encoding is left as it was").containsExactly(1f, 1f);
            assertThatThrownBy(() -> enc.without(withReport, "clinical")).hasMessageContaining("always present");
            assertThatThrownBy(() -> enc.without(withReport, "pathology")).hasMessageContaining("has no modality pathology");
        }
    }

    @Test
    void aPatientWithoutAnInputGetsThatInputsAbsenceOffsetAndNoOtherPatientDoes() throws IOException {
        try (TrainedModel m = ModelStore.load(postDir)) {
            assertThat(m.calibration().absent()).containsOnlyKeys("radiology", "pathology", "radiology+pathology");
            Calibration.AbsenceOffset radiology = m.calibration().absent().get("radiology");
            Calibration.AbsenceOffset pathology = m.calibration().absent().get("pathology");
            Calibration.AbsenceOffset both = m.calibration().absent().get("radiology+pathology");
            TrainedModel networksOnly = m.withCalibration(m.calibration().withAbsent(java.util.Map.of()));
            InputEncoder enc = m.encoder();
            InputEncoder.Encoded full = enc.encode(PostOperativeInputs.of(firstPatient()));
            InputEncoder.Encoded neither = enc.without(enc.without(full, "radiology"), "pathology");
            List<TrainedModel.Raw> with = m.raw(List.of(full, enc.without(full, "radiology"), neither));
            List<TrainedModel.Raw> plain = networksOnly.raw(List.of(full, enc.without(full, "radiology"), neither));
            assertThat(with.get(0)).usingRecursiveComparison().isEqualTo(plain.get(0));
            // The rescaling about the centre first, then the offset; both inputs missing: that combination's own correction.
            assertThat(with.get(1).logit()).isCloseTo(radiology.scaled(plain.get(1).logit()) + radiology.logit(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(with.get(2).logit()).isCloseTo(both.scaled(plain.get(2).logit()) + both.logit(), org.assertj.core.data.Offset.offset(1e-5));
            // A model with each input's correction only (a card from before the combinations) composes them: every
            // rescaling in the network's order, then the offsets' sum.
            var singles = new java.util.LinkedHashMap<>(m.calibration().absent());
            singles.remove("radiology+pathology");
            TrainedModel composed = m.withCalibration(m.calibration().withAbsent(singles));
            assertThat(composed.raw(List.of(neither)).get(0).logit()).isCloseTo(pathology.scaled(radiology.scaled(plain.get(2).logit()))
                    + radiology.logit() + pathology.logit(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(radiology.logScale()).as("the small cohort's rescaling is estimated, not left at none").isNotZero();
            assertThat(new Calibration.AbsenceOffset(0.2, 0, 0, Math.log(1.5), -1).scaled(1.0)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(new Calibration.AbsenceOffset(0.2, 0, 0).scaled(0.7)).as("no rescaling: the logit itself").isEqualTo(0.7);
            // The RFS hazards move on the complementary log-log scale by the offsets' sum, in every interval.
            double cloglogWith = Math.log(-Math.log1p(-with.get(2).hazard()[3]));
            double cloglogPlain = Math.log(-Math.log1p(-plain.get(2).hazard()[3]));
            assertThat(cloglogWith - cloglogPlain).isCloseTo(both.rfsHazard(), org.assertj.core.data.Offset.offset(1e-4));
        }
        // The offsets change predictions, so they are part of the model's id: an edited one is refused.
        String card = Files.readString(postDir.resolve("model.json"));
        // The radiology offset's logit set to 0.123 ("$1" then "0.123": Java reads $10 as group 1 when there is no group 10).
        String changed = card.replaceFirst("(\"absenceOffsets\" : \\{\\s*\"radiology\" : \\{\\s*\"logit\" : )[-0-9.Ee]+", "$10.123");
        assertThat(changed).isNotEqualTo(card).contains("\"logit\" : 0.123");
        Path edited = withCard(postDir, "edited-offset", changed);
        assertThatThrownBy(() -> ModelStore.load(edited)).isInstanceOf(IOException.class).hasMessageContaining("does not match model id");
        String rescaled = card.replaceFirst("(\"logScale\" : )[-0-9.Ee]+", "$10.5");
        assertThat(rescaled).isNotEqualTo(card);
        assertThatThrownBy(() -> ModelStore.load(withCard(postDir, "edited-scale", rescaled))).isInstanceOf(IOException.class)
                .hasMessageContaining("does not match model id");
        // A card whose offsets come back in another key order (as PostgreSQL's jsonb returns them) is the same model.
        var json = new ObjectMapper();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(card);
        var offsets = node.get("absenceOffsets");
        var reversed = json.createObjectNode();
        List<String> names = new ArrayList<>();
        offsets.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        for (String name : names) reversed.set(name, offsets.get(name));
        node.set("absenceOffsets", reversed);
        Path reordered = withCard(postDir, "reordered-offsets", json.writeValueAsString(node));
        assertThat(pathologyFirst(Files.readString(reordered.resolve("model.json")))).isNotEqualTo(pathologyFirst(card));
        try (TrainedModel again = ModelStore.load(reordered)) {
            assertThat(again.modelId()).isEqualTo(ModelStore.card(postDir).modelId());
        }
    }

    /** The test cohort's first patient, with every file. */
    private static PatientCase firstPatient() throws IOException {
        return CohortExport.read(cohortDir, LocalDate.of(2026, 6, 30)).cases().get(0);
    }

    /** The same patient with no report, scan or slide on file. */
    private static PatientCase withoutFiles(PatientCase c) {
        return new PatientCase(c.centre(), c.record(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty());
    }

    /** A model folder named {@code name} with {@code model}'s weights and the card given (an edited one). */
    private static Path withCard(Path model, String name, String card) throws IOException {
        Path dir = out.resolve(name);
        Files.createDirectories(dir);
        Files.copy(model.resolve("weights.params"), dir.resolve("weights.params"));
        Files.writeString(dir.resolve("model.json"), card);
        return dir;
    }

    /** Whether a card's absence offsets list pathology before radiology. */
    private static boolean pathologyFirst(String card) {
        String offsets = card.substring(card.indexOf("\"absenceOffsets\""));
        return offsets.indexOf("\"pathology\"") < offsets.indexOf("\"radiology\"");
    }

    @Test
    void aRadiologyReportDatedAfterSurgeryCannotEnterAPreOperativeModel() throws IOException {
        var cohort = CohortExport.read(cohortDir, LocalDate.of(2026, 6, 30));
        PatientCase c = cohort.cases().get(0);
        Path late = out.resolve("late_radiology.txt");
        String text = Files.readString(c.radiologyReport().orElseThrow(), StandardCharsets.UTF_8)
                .replaceAll("(Exam date: |检查日期：)\\d{4}-\\d{2}-\\d{2}", "$1" + c.record().surgeryDate().orElseThrow().plusDays(90));
        Files.writeString(late, text, StandardCharsets.UTF_8);
        PatientCase followUp = new PatientCase(c.centre(), c.record(), java.util.Optional.of(late), c.pathologyReport(), c.imagingDir(), c.slide());
        assertThatThrownBy(() -> PreOperativeInputs.of(followUp)).isInstanceOf(InputRefusedException.class)
                .hasMessageContaining("late_radiology.txt").hasMessageContaining("after surgery");
    }
}
