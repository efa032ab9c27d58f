package org.livercast.core.staging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livercast.core.model.TumourBurden;

class TransplantCriteriaTest {
    static TumourBurden burden(String sizesMm) {
        return TumourBurden.ofSizesMm(java.util.Arrays.stream(sizesMm.split(" ")).mapToDouble(Double::parseDouble).toArray());
    }

    @ParameterizedTest(name = "[{0}] mm within Milan: {1}")
    @CsvSource({"50,true", "50.1,false", "30 30,true", "31 20,false", "30 30 30,true", "30 30 30 10,false", "10 10 10 10,false"})
    void milanAtTheFiveAndThreeCentimetreAndThreeNoduleBoundaries(String sizes, boolean within) {
        assertThat(TransplantCriteria.withinMilan(burden(sizes))).isEqualTo(within);
    }

    @ParameterizedTest(name = "[{0}] mm within UCSF: {1}")
    @CsvSource({"65,true", "66,false", "45 35,true", "46 20,false", "45 25 10,true", "40 30 15,false", "20 20 20 10,false"})
    void ucsfSingle65OrThreeWithLargest45AndTotal80(String sizes, boolean within) {
        assertThat(TransplantCriteria.withinUcsf(burden(sizes))).isEqualTo(within);
    }

    @ParameterizedTest(name = "[{0}] mm within up-to-7: {1}")
    @CsvSource({"60,true", "61,false", "40 10 10,true", "41 10 10,false", "30 10 10 10,true", "30 10 10 10 10,false"})
    void upToSevenSumsLargestCentimetresAndCount(String sizes, boolean within) {
        assertThat(TransplantCriteria.withinUpToSeven(burden(sizes))).isEqualTo(within);
    }

    @Test
    void macrovascularInvasionOrExtrahepaticSpreadIsBeyondEveryCriterion() {
        TumourBurden small = burden("15");
        for (TumourBurden b : new TumourBurden[] {small.withMacrovascularInvasion(true), small.withExtrahepaticSpread(true)}) {
            assertThat(TransplantCriteria.withinMilan(b)).isFalse();
            assertThat(TransplantCriteria.withinUcsf(b)).isFalse();
            assertThat(TransplantCriteria.withinUpToSeven(b)).isFalse();
        }
    }

    @Test
    void anExtrahepaticOnlyRecurrenceIsBeyondMilan() {
        TumourBurden lungOnly = new TumourBurden(java.util.List.of(), false, true);
        assertThat(TransplantCriteria.beyondMilan(lungOnly)).isTrue();
    }
}
