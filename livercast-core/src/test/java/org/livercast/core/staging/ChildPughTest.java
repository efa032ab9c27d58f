package org.livercast.core.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livercast.core.InvalidValueException;
import org.livercast.core.model.Ascites;
import org.livercast.core.model.Encephalopathy;
import org.livercast.core.staging.ChildPugh.ChildPughClass;

class ChildPughTest {
    @ParameterizedTest(name = "bilirubin {0} µmol/L = {1} points")
    @CsvSource({"33.9,1", "34,2", "51,2", "51.1,3"})
    void bilirubinBandsFollowTheReferenceTable(double umol, int points) {
        assertThat(ChildPugh.bilirubinPoints(umol)).isEqualTo(points);
    }

    @ParameterizedTest(name = "albumin {0} g/L = {1} points")
    @CsvSource({"35.1,1", "35,2", "28,2", "27.9,3"})
    void albuminUsesTheDocumented28To35Band(double gPerL, int points) {
        assertThat(ChildPugh.albuminPoints(gPerL)).isEqualTo(points);
    }

    @ParameterizedTest(name = "INR {0} = {1} points")
    @CsvSource({"1.69,1", "1.7,2", "2.3,2", "2.31,3"})
    void inrBands(double inr, int points) {
        assertThat(ChildPugh.inrPoints(inr)).isEqualTo(points);
    }

    @ParameterizedTest(name = "score {0} is class {1}")
    @CsvSource({"5,A", "6,A", "7,B", "9,B", "10,C", "15,C"})
    void classBoundariesAt6And9(int score, ChildPughClass expected) {
        assertThat(ChildPugh.classOf(score)).isEqualTo(expected);
    }

    @Test
    void healthyLiverScoresFive() {
        var r = ChildPugh.of(14, 42, 1.0, Ascites.NONE, Encephalopathy.NONE);
        assertThat(r.score()).isEqualTo(5);
        assertThat(r.childPughClass()).isEqualTo(ChildPughClass.A);
    }

    @Test
    void scoreSevenIsClassBButStillWithinTheProtocolsLimit() {
        // bilirubin 40 (2) + albumin 30 (2) + INR 1.2 (1) + no ascites (1) + no HE (1) = 7
        var r = ChildPugh.of(40, 30, 1.2, Ascites.NONE, Encephalopathy.NONE);
        assertThat(r.score()).isEqualTo(7);
        assertThat(r.childPughClass()).isEqualTo(ChildPughClass.B);
    }

    @Test
    void decompensatedLiverIsClassC() {
        var r = ChildPugh.of(60, 25, 2.5, Ascites.MODERATE_SEVERE, Encephalopathy.GRADE_3_4);
        assertThat(r.score()).isEqualTo(15);
        assertThat(r.childPughClass()).isEqualTo(ChildPughClass.C);
    }

    @Test
    void impossibleValuesNameTheField() {
        assertThatThrownBy(() -> ChildPugh.of(14, -3, 1.0, Ascites.NONE, Encephalopathy.NONE))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("albumin").hasMessageContaining("-3");
        assertThatThrownBy(() -> ChildPugh.of(14, 40, 1.0, null, Encephalopathy.NONE))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("ascites");
    }
}
