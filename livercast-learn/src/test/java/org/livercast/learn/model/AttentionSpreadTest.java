package org.livercast.learn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AttentionSpreadTest {
    @Test
    void anEvenSpreadIsCalledEvenAndItsTopTenthHoldsATenth() {
        double[] w = new double[200];
        Arrays.fill(w, 1.0 / 200);
        AttentionSpread s = AttentionSpread.of(w);
        assertThat(s.effectiveTiles()).isCloseTo(200, within(1e-9));
        assertThat(s.topTenthShare()).isCloseTo(0.10, within(1e-12));
        assertThat(s.maxOverEven()).isCloseTo(1.0, within(1e-12));
        assertThat(s.nearlyEven()).isTrue();
        assertThat(s.describe()).startsWith("nearly even, the model singled out no region").contains("holds 10% of the attention (an even spread: 10%)");
    }

    @Test
    void attentionOnAFewTilesIsFocused() {
        // 20 of 200 tiles (a tumour's emboli, say) get 60% of the attention; the rest share 40%.
        double[] w = new double[200];
        for (int i = 0; i < 200; i++) w[i] = i < 20 ? 0.6 / 20 : 0.4 / 180;
        AttentionSpread s = AttentionSpread.of(w);
        assertThat(s.topTenthShare()).isCloseTo(0.60, within(1e-12));
        assertThat(s.maxOverEven()).isCloseTo(6.0, within(1e-9));
        // 1 / (20 × 0.03² + 180 × (0.4/180)²) = 1 / (0.018 + 0.000889) = 52.9 tiles
        assertThat(s.effectiveTiles()).isCloseTo(52.94, within(0.01));
        assertThat(s.nearlyEven()).isFalse();
        assertThat(s.describe()).startsWith("the most attended tenth of the 200 tissue tiles holds 60%").contains("6.0× an even share");
    }

    @Test
    void weightsAreNormalisedAndOneTileIsATenthOfAFewTiles() {
        AttentionSpread s = AttentionSpread.of(new double[] {2, 1, 1});
        assertThat(s.topTenthShare()).isCloseTo(0.5, within(1e-12));
        assertThat(s.evenTopTenthShare()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(s.maxOverEven()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void refusesWhatIsNotAnAttention() {
        assertThatThrownBy(() -> AttentionSpread.of(new double[0])).hasMessageContaining("no tiles");
        assertThatThrownBy(() -> AttentionSpread.of(new double[] {0.5, Double.NaN})).hasMessageContaining("NaN");
        assertThatThrownBy(() -> AttentionSpread.of(new double[] {0, 0})).hasMessageContaining("sum to 0");
    }
}
