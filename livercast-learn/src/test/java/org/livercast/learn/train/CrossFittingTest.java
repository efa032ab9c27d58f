package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrossFittingTest {
    private static List<Integer> patients(int n) { return IntStream.range(0, n).boxed().toList(); }

    @Test
    void fiveMembersValidateOnFiveDisjointFoldsThatCoverEveryPatient() {
        List<Integer> all = patients(1003);
        CrossFitting split = new CrossFitting(all.size());
        Set<Integer> validated = new HashSet<>();
        for (int k = 0; k < 5; k++) {
            int fold = split.foldOf(k);
            List<Integer> val = split.validation(all, fold);
            List<Integer> fit = split.fit(all, fold);
            assertThat(val.size()).isBetween(200, 201);
            assertThat(fit).hasSize(all.size() - val.size()).doesNotContainAnyElementsOf(val);
            for (Integer p : val) assertThat(validated.add(p)).as("patient %d validated twice", p).isTrue();
        }
        assertThat(validated).hasSize(all.size());
        // A sixth member starts the folds again.
        assertThat(split.foldOf(5)).isZero();
        assertThat(split.folds()).isEqualTo(5);
    }

    @Test
    void oneNetworkKeepsTheEightyTwentySplit() {
        // Fold 0 is the first fifth of the shuffled patients: the validation set a single network had before cross-fitting.
        List<Integer> all = patients(2400);
        CrossFitting split = new CrossFitting(all.size());
        assertThat(split.validation(all, 0)).isEqualTo(all.subList(0, 2400 / 5));
        assertThat(split.fit(all, 0)).isEqualTo(all.subList(2400 / 5, 2400));
    }

    @Test
    void outOfFoldPredictionsAverageTheMembersThatValidatedOnAPatient() {
        // Ten patients, five folds of two; member k scores every patient k + i/100, and validates on fold k mod 5.
        CrossFitting split = new CrossFitting(10);
        double[][] six = new double[6][10];
        for (int k = 0; k < 6; k++) for (int i = 0; i < 10; i++) six[k][i] = k + i / 100.0;
        double[] oof = split.outOfFold(six);
        assertThat(oof[0]).isEqualTo((0 + 5) / 2.0);                 // fold 0: members 0 and 5
        assertThat(oof[1]).isEqualTo((0.01 + 5.01) / 2.0);
        assertThat(oof[6]).isEqualTo(3.06);                          // fold 3: member 3 alone
        // Two members leave folds 2-4 without an out-of-fold prediction.
        double[] two = split.outOfFold(new double[][] {six[0], six[1]});
        assertThat(two[2]).isEqualTo(1.02);
        assertThat(two[4]).isNaN();
        assertThatThrownBy(() -> split.outOfFold(new double[][] {six[0], new double[3]})).hasMessageContaining("member 1 scored 3 patients, the split has 10");
    }

    @Test
    void averagingMembersNarrowsTheirLogitsByTheShareOfTheirOwnNoise() {
        // Five members = a shared signal (variance 1) + each member's own noise (variance 1): one member's logit varies by
        // 2, the mean of five by 1 + 1/5, so the mean is narrower by 1.2 / 2 = 0.6.
        java.util.Random random = new java.util.Random(5);
        int n = 20_000;
        double[] signal = new double[n];
        for (int i = 0; i < n; i++) signal[i] = random.nextGaussian();
        double[][] members = new double[5][n];
        for (double[] m : members) for (int i = 0; i < n; i++) m[i] = 0.3 + signal[i] + random.nextGaussian();
        assertThat(CrossFitting.ensembleNarrowing(members)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.02));
        // Members that agree, or a single network, are not narrowed.
        assertThat(CrossFitting.ensembleNarrowing(new double[][] {signal, signal.clone()})).isEqualTo(1.0);
        assertThat(CrossFitting.ensembleNarrowing(new double[][] {signal})).isEqualTo(1.0);
    }

    @Test
    void aFewPatientsGetFewerFoldsOfTwoAndFewerThanFourAreRefused() {
        // A 16-patient demo cohort of two centres leaves 8 to train on: four folds of two (validation), six to fit.
        CrossFitting eight = new CrossFitting(8);
        assertThat(eight.folds()).isEqualTo(4);
        assertThat(eight.validation(patients(8), eight.foldOf(4))).containsExactly(0, 1);
        assertThat(eight.fit(patients(8), 3)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(new CrossFitting(9).validation(patients(9), 3)).containsExactly(6, 7, 8);
        assertThat(new CrossFitting(4).folds()).isEqualTo(2);
        assertThatThrownBy(() -> new CrossFitting(3)).hasMessageContaining("3 training patients").hasMessageContaining("at least 4");
        CrossFitting split = new CrossFitting(10);
        assertThatThrownBy(() -> split.fit(new ArrayList<>(patients(11)), 0)).hasMessageContaining("made for 10 patients, given 11");
    }
}
