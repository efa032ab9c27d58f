package org.livercast.learn.mri;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.PreModel;
import org.livercast.learn.model.Prediction;
import org.livercast.learn.train.FitConfig;
import org.livercast.learn.train.TrainingRun;

/** The MRI modality: the tensor read from a generated DICOM exam, and PRE trained with its 3D CNN or its radiomic features (mechanics). */
class MriModelTest {
    @TempDir Path out;

    @Test
    void theTumourCentredTensorHasTheFourPhasesTheMaskAndTheShell() throws Exception {
        Path dir = SmallCohort.withImages(40, 2, 41);
        PatientCase c = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().stream()
                .filter(p -> p.record().patient().preoperativeBurden().largestMm() < 50).findFirst().orElseThrow();
        float[] t = MriRoi.read(c.imagingDir().orElseThrow()).orElseThrow();
        int n = MriRoi.SIDE * MriRoi.SIDE * MriRoi.SIDE;
        assertThat(t).hasSize(MriRoi.CHANNELS * n);
        int centre = (MriRoi.SIDE / 2) * MriRoi.SIDE * MriRoi.SIDE + (MriRoi.SIDE / 2) * MriRoi.SIDE + MriRoi.SIDE / 2;
        assertThat(t[4 * n + centre]).as("tumour at the centre of the cube").isEqualTo(1f);
        double tumour = 0;
        double shell = 0;
        for (int i = 0; i < n; i++) {
            tumour += t[4 * n + i];
            shell += t[5 * n + i];
            assertThat(t[4 * n + i] * t[5 * n + i]).as("shell is outside the tumour").isZero();
        }
        assertThat(tumour).isPositive();
        assertThat(shell).isPositive();
        double arterialVariance = 0;
        for (int i = 0; i < n; i++) arterialVariance += t[n + i] * t[n + i];
        assertThat(arterialVariance / n).as("arterial channel z-scored").isBetween(0.5, 1.5);
    }

    @Test
    void preWithImagesTrainsTheCnnAndPredictsWithAndWithoutTheScan() throws Exception {
        trainPredictReload(InputEncoder.MriReading.CNN).model().close();
    }

    @Test
    void preWithImagesReadsTheRadiomicFeaturesAndItsOcclusionMapReDerivesThem() throws Exception {
        TrainingRun.Result r = trainPredictReload(InputEncoder.MriReading.RADIOMICS);
        assertThat(r.model().encoder().mriFeatures().names()).contains("mri_art_core_vs_edge", "mri_peritumoral_arterial_excess");
        // The MRI-only baseline: regressions on the scan's features alone, beside the clinical and report ones.
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> baselines = (Map<String, Map<String, Object>>) r.report().get("baselines");
        assertThat(baselines).containsKeys("clinical", "radiology_report", "all_tabular_logistic_cox", "mri_radiomics");
        assertThat((Double) baselines.get("mri_radiomics").get("auc")).isBetween(0.0, 1.0);
        r.model().close();
    }

    private TrainingRun.Result trainPredictReload(InputEncoder.MriReading reading) throws Exception {
        Path dir = SmallCohort.withImages(40, 2, 41);
        var r = TrainingRun.run(new TrainingRun.Options(ModelKind.PRE, dir, out.resolve("run-" + reading), null,
                FitConfig.defaults(3).withMaxEpochs(4).withMembers(2), LocalDate.of(2026, 6, 30), null, true).withMriReading(reading), l -> { });
        assertThat(r.report().get("modalities")).asList().containsExactly("clinical", "radiology", "mri");
        PatientCase c = CohortExport.read(dir, LocalDate.of(2026, 6, 30)).cases().get(3);
        Prediction withScan = new PreModel(r.model()).predict(PreOperativeInputs.of(c, true));
        Prediction reportOnly = new PreModel(r.model()).predict(PreOperativeInputs.of(c, false));
        assertThat(withScan.modalitiesUsed()).contains("mri");
        assertThat(reportOnly.modalitiesUsed()).doesNotContain("mri");
        // The occlusion map: 4 x 4 x 4 blocks of 20 mm around the tumour centre, each with its effect on the log-odds.
        assertThat(withScan.mriOcclusion()).hasSize(64);
        assertThat(withScan.mriOcclusion()).anySatisfy(m -> assertThat(m.logOddsEffect()).isNotZero());
        assertThat(withScan.mriOcclusion().get(0).xMm()).isEqualTo(-30.0);
        assertThat(reportOnly.mriOcclusion()).isEmpty();
        try (PreModel again = new PreModel(ModelStore.load(r.modelDir()))) {
            assertThat(again.predict(PreOperativeInputs.of(c, true))).isEqualTo(withScan);
        }
        return r;
    }
}
