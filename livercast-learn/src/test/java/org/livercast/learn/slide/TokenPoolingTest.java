package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How a transformer's tokens become one embedding: parsed from the option, named in the encoder's id, computed per tile. */
class TokenPoolingTest {
    @Test
    void theFormsUsersWriteAreParsed() {
        assertThat(TokenPooling.parse("none")).isSameAs(TokenPooling.NONE);
        assertThat(TokenPooling.parse(" CLS ")).isSameAs(TokenPooling.CLS);
        assertThat(TokenPooling.parse("mean")).isEqualTo(new TokenPooling(false, 1));
        assertThat(TokenPooling.parse("mean:0")).isEqualTo(new TokenPooling(false, 0));
        assertThat(TokenPooling.parse("cls+mean:5")).isEqualTo(new TokenPooling(true, 5));
        assertThat(TokenPooling.parse("cls+mean:5")).hasToString("cls+mean:5");
        assertThat(TokenPooling.NONE.idSuffix()).isEmpty();
        assertThat(TokenPooling.parse("cls+mean:5").idSuffix()).isEqualTo("-tokens-cls-mean5");
        assertThatThrownBy(() -> TokenPooling.parse("max")).hasMessageContaining("none, cls, mean[:K] or cls+mean[:K]");
        assertThatThrownBy(() -> TokenPooling.parse("mean:x")).hasMessageContaining("must be a whole number, not 'x'");
        assertThatThrownBy(() -> TokenPooling.parse("mean:-1")).hasMessageContaining("cannot be negative");
    }

    @Test
    void theClassTokenTheMeanOfTheRestOrBoth() {
        // Two tiles of 3 tokens x 2 features: tile 0 = [1,2] [3,4] [5,6], tile 1 = [7,8] [9,10] [11,12].
        float[] tokens = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertThat(TokenPooling.CLS.pool(tokens, 6, 3, 2)).containsExactly(7, 8);
        assertThat(TokenPooling.parse("mean").pool(tokens, 0, 3, 2)).containsExactly(4, 5);
        assertThat(TokenPooling.parse("mean:0").pool(tokens, 0, 3, 2)).containsExactly(3, 4);
        assertThat(TokenPooling.parse("cls+mean:2").pool(tokens, 6, 3, 2)).containsExactly(7, 8, 11, 12);
        assertThatThrownBy(() -> TokenPooling.parse("mean:3").pool(tokens, 0, 3, 2)).hasMessageContaining("3 tokens per tile, none left");
    }
}
