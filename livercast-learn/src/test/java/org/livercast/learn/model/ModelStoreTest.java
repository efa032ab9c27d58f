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
    void preAndPostModelsOnlyTakeTheirOwnKind() throws IOException {
        assertThatThrownBy(() -> new PreModel(ModelStore.load(postDir))).hasMessageContaining("not pre");
        assertThatThrownBy(() -> new PostModel(ModelStore.load(preDir))).hasMessageContaining("not post");
    }

    @Test
    void aPatientWithoutReportsStillGetsAScoreFromWhatTheyHave() throws IOException {
        var cohort = CohortExport.read(cohortDir, LocalDate.of(2026, 6, 30));
        PatientCase full = cohort.cases().get(0);
        PatientCase bare = new PatientCase(full.centre(), full.record(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
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
