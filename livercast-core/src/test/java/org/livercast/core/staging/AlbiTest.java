package org.livercast.core.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlbiTest {
    @Test
    void workedExampleFromTheReferenceSheet() {
        // albumin 35 g/L, bilirubin 20.52 µmol/L gives about -2.10, grade 2
        double score = Albi.score(20.52, 35);
        assertThat(score).isCloseTo(-2.109, within(0.001));
        assertThat(Albi.grade(score)).isEqualTo(2);
    }

    @ParameterizedTest(name = "ALBI {0} is grade {1}")
    @CsvSource({"-3.5,1", "-2.60,1", "-2.599,2", "-1.39,2", "-1.389,3", "0,3"})
    void gradeBoundariesAreInclusiveAtMinus260AndMinus139(double score, int grade) {
        assertThat(Albi.grade(score)).isEqualTo(grade);
    }

    @Test
    void scoreComputedExactlyAtTheCutIsGradedDown() {
        // bilirubin 10 µmol/L (log10 = 1): -2.60 = 0.66 - 0.085 * alb  =>  alb = 38.3529... g/L
        double albumin = (0.66 + 2.60) / 0.085;
        assertThat(Albi.grade(Albi.score(10, albumin))).isEqualTo(1);
    }

    @Test
    void mgPerDlInputsAgreeWithSiAfterConversion() {
        var bili = org.livercast.core.model.Analyte.TOTAL_BILIRUBIN.toCanonical(1.2, "mg/dL");
        var alb = org.livercast.core.model.Analyte.ALBUMIN.toCanonical(3.5, "g/dL");
        assertThat(Albi.score(bili, alb)).isCloseTo(Albi.score(20.52, 35), within(1e-12));
    }
}
