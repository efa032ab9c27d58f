package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.model.DiagnosisModel;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.ModelKind;

class DiagnosisRunTest {
    @TempDir Path out;

    @Test
    void diagnosisSeparatesBenignFromMalignantAndIccFromHccOnTheHeldOutCentre() throws Exception {
        var r = DiagnosisRun.run(new TrainingRun.Options(ModelKind.DIAGNOSIS, TrainingRunTest.COHORT, out, null, FitConfig.defaults(1),
                LocalDate.of(2026, 6, 30)), l -> { });
        Map<String, Object> rep = r.report();
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rep));
        assertThat((double) rep.get("auc_malignant")).isGreaterThan(0.8);
        assertThat((double) rep.get("auc_icc_vs_hcc")).isGreaterThan(0.8);
        String html = java.nio.file.Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Diagnosis model (P5)").contains("auc_malignant").contains("lirads_category").doesNotContain("NaN")
                .contains("Loss per epoch").contains("Malignant vs benign, held-out centre").contains("Calibration of P(malignant)")
                .contains("ICC vs HCC among malignant");
        var patient = CohortExport.read(TrainingRunTest.COHORT, LocalDate.of(2026, 6, 30)).cases().get(0);
        DiagnosisModel.Diagnosis d = r.model().predict(PreOperativeInputs.of(patient));
        assertThat(d.probabilityHcc() + d.probabilityIcc() + d.probabilityBenign()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        r.model().close();
        try (DiagnosisModel again = new DiagnosisModel(ModelStore.load(out.resolve("model")))) {
            assertThat(again.predict(PreOperativeInputs.of(patient))).isEqualTo(d);
        }
    }
}
