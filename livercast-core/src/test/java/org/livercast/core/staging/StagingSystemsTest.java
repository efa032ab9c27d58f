package org.livercast.core.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livercast.core.staging.TransplantCriteriaTest.burden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livercast.core.InvalidValueException;
import org.livercast.core.model.TumourBurden;
import org.livercast.core.staging.ChildPugh.ChildPughClass;

class StagingSystemsTest {
    @ParameterizedTest(name = "BCLC: [{0}] mm, ECOG {1}, Child-Pugh {2} -> {3}")
    @CsvSource({
            "20,0,A,ZERO", "21,0,A,A", "20,0,B,A", "80,0,A,A",
            "30 30 30,0,A,A", "31 20,0,A,B", "10 10 10 10,0,A,B",
            "20,1,A,C", "20,2,B,C", "20,3,A,D", "20,0,C,D"})
    void bclcAtThe2And3CentimetreAndThreeNoduleBoundaries(String sizes, int ecog, ChildPughClass cp, Bclc.Stage stage) {
        assertThat(Bclc.stage(burden(sizes), ecog, cp)).isEqualTo(stage);
    }

    @Test
    void bclcMacrovascularInvasionOrSpreadIsStageC() {
        assertThat(Bclc.stage(burden("20").withMacrovascularInvasion(true), 0, ChildPughClass.A)).isEqualTo(Bclc.Stage.C);
        assertThat(Bclc.stage(burden("20").withExtrahepaticSpread(true), 0, ChildPughClass.A)).isEqualTo(Bclc.Stage.C);
    }

    @ParameterizedTest(name = "CNLC: [{0}] mm, ECOG {1}, Child-Pugh {2} -> {3}")
    @CsvSource({
            "50,0,A,IA", "51,0,A,IB", "30 30 30,2,B,IB", "31 30,0,A,IIA", "10 10 10 10,0,A,IIB",
            "20,3,A,IV", "20,0,C,IV"})
    void cnlcAtThe5And3CentimetreAndThreeNoduleBoundaries(String sizes, int ecog, ChildPughClass cp, Cnlc.Stage stage) {
        assertThat(Cnlc.stage(burden(sizes), ecog, cp)).isEqualTo(stage);
    }

    @Test
    void cnlcVascularInvasionIsIIIaAndSpreadIIIb() {
        TumourBurden b = burden("40");
        assertThat(Cnlc.stage(b.withMacrovascularInvasion(true), 0, ChildPughClass.A)).isEqualTo(Cnlc.Stage.IIIA);
        assertThat(Cnlc.stage(b.withMacrovascularInvasion(true).withExtrahepaticSpread(true), 0, ChildPughClass.A))
                .isEqualTo(Cnlc.Stage.IIIB);
        assertThat(Cnlc.Stage.IIIA.label()).isEqualTo("IIIa");
    }

    @ParameterizedTest(name = "AJCC T: [{0}] mm, vascular invasion {1} -> {2}")
    @CsvSource({"20,true,T1A", "20,false,T1A", "21,false,T1B", "21,true,T2", "50 50,false,T2", "51 10,false,T3"})
    void ajccTAtThe2And5CentimetreBoundaries(String sizes, boolean vi, Ajcc8.T t) {
        assertThat(Ajcc8.t(burden(sizes), vi, false)).isEqualTo(t);
    }

    @Test
    void ajccStagesFollowTheTnmTable() {
        assertThat(Ajcc8.tnm(burden("18"), false, false, false, false).stage()).isEqualTo(Ajcc8.Stage.IA);
        assertThat(Ajcc8.tnm(burden("30"), false, false, false, false).stage()).isEqualTo(Ajcc8.Stage.IB);
        assertThat(Ajcc8.tnm(burden("30"), true, false, false, false).stage()).isEqualTo(Ajcc8.Stage.II);
        assertThat(Ajcc8.tnm(burden("60 20"), false, false, false, false).stage()).isEqualTo(Ajcc8.Stage.IIIA);
        assertThat(Ajcc8.tnm(burden("30"), true, true, false, false).stage()).isEqualTo(Ajcc8.Stage.IIIB);
        assertThat(Ajcc8.tnm(burden("30"), false, false, true, false).stage()).isEqualTo(Ajcc8.Stage.IVA);
        var m1 = Ajcc8.tnm(burden("30"), false, false, true, true);
        assertThat(m1.stage()).isEqualTo(Ajcc8.Stage.IVB);
        assertThat(m1.label()).isEqualTo("T1bN1M1");
    }

    @ParameterizedTest(name = "IMbrave050: [{0}] mm, VI {1}, poor grade {2} -> high risk {3}")
    @CsvSource({
            "50,false,false,false", "51,false,false,true", "51 20 20,false,false,true",
            "50 10 10 10,false,false,true", "60 10 10 10,false,false,true",
            "50 30,true,false,true", "50 30,false,true,true", "30 30 30,false,false,false"})
    void imbrave050HighRiskRules(String sizes, boolean vi, boolean poor, boolean high) {
        assertThat(Imbrave050.highRisk(burden(sizes), vi, poor)).isEqualTo(high);
    }

    @Test
    void imbrave050EligibilityNeedsChildPughAAndEcog0To1() {
        assertThat(Imbrave050.eligibleLiverAndPerformance(ChildPughClass.A, 1)).isTrue();
        assertThat(Imbrave050.eligibleLiverAndPerformance(ChildPughClass.B, 0)).isFalse();
        assertThat(Imbrave050.eligibleLiverAndPerformance(ChildPughClass.A, 2)).isFalse();
    }

    @Test
    void stagingWithoutANoduleIsRejectedWithTheFieldName() {
        assertThatThrownBy(() -> Bclc.stage(new TumourBurden(java.util.List.of(), false, false), 0, ChildPughClass.A))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("preoperative_burden");
    }
}
