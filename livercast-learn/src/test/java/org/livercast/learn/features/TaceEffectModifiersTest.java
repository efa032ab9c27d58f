package org.livercast.learn.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.livercast.core.model.MviGrade;
import org.livercast.core.model.Patient;
import org.livercast.core.model.TumourBurden;
import org.livercast.learn.inputs.PostOperativeInputs;
import org.livercast.learn.inputs.PreOperativeInputs;
import org.livercast.learn.report.PathologyFindings;
import org.livercast.learn.report.RadiologyFindings;

class TaceEffectModifiersTest {
    /** A patient with the given imaging sizes, pathology MVI grade (null: not reported) and pathology sizes. */
    static PostOperativeInputs patient(TumourBurden imaging, MviGrade mvi, List<Double> pathologySizesMm) {
        Patient p = new Patient("P1", "C01", null, null, 60, null, null, null, null, null, null, null, imaging, null, null, null, null, null, null, null);
        PreOperativeInputs pre = new PreOperativeInputs("P1", "C01", null, p, RadiologyFindings.none(), "", Optional.empty());
        PathologyFindings path = new PathologyFindings(null, mvi, null, null, null, null, pathologySizesMm, null);
        return new PostOperativeInputs(pre, path, null, false, "", Optional.empty());
    }

    @Test
    void eachPatientFallsInTheTrialSubgroupOfTheirMviAndTumours() {
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(30), MviGrade.M1, List.of()))).containsExactly(1f, 0f, 0f);
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(30), MviGrade.M2, List.of()))).containsExactly(1f, 0f, 0f);
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(50), MviGrade.M1, List.of()))).containsExactly(0f, 1f, 0f);
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(62), MviGrade.M0, List.of()))).containsExactly(0f, 0f, 1f);
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(20, 15), MviGrade.M0, List.of()))).containsExactly(0f, 0f, 1f);
        // The reference: no MVI, one tumour under 5 cm (TNM I-II, where the trial was null).
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(30), MviGrade.M0, List.of()))).containsExactly(0f, 0f, 0f);
        assertThat(TaceEffectModifiers.label(patient(TumourBurden.ofSizesMm(30), MviGrade.M0, List.of()))).startsWith("no MVI, one tumour under 5 cm");
        assertThat(TaceEffectModifiers.label(patient(TumourBurden.ofSizesMm(55), MviGrade.M2, List.of()))).isEqualTo("MVI, largest tumour 5 cm or more");
    }

    @Test
    void thePathologistsSizeWinsOverImagingAndUnknownMviIsTheReference() {
        // Imaging said 45 mm; the pathologist measured 52 mm on the specimen.
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(45), MviGrade.M1, List.of(52.0)))).containsExactly(0f, 1f, 0f);
        assertThat(TaceEffectModifiers.of(patient(TumourBurden.ofSizesMm(45), null, List.of()))).containsExactly(0f, 0f, 0f);
        assertThat(TaceEffectModifiers.of(patient(null, MviGrade.M1, List.of()))).containsExactly(0f, 0f, 0f);
    }
}
