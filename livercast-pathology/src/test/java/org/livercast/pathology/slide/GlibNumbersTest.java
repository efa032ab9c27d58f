package org.livercast.pathology.slide;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlibNumbersTest {
    /** Each against C's printf("%.17g") (Python's '%.17g' % v gives it). */
    @Test
    void numbersPrintAsCsSeventeenDigitG() {
        assertThat(GlibNumbers.dtostr(0.5)).isEqualTo("0.5");
        assertThat(GlibNumbers.dtostr(2.0)).isEqualTo("2");
        assertThat(GlibNumbers.dtostr(50001.0 / 200 / 1000)).isEqualTo("0.25000499999999998");
        assertThat(GlibNumbers.dtostr(1.0 / 3)).isEqualTo("0.33333333333333331");
        assertThat(GlibNumbers.dtostr(0.2527)).isEqualTo("0.25269999999999998");
        assertThat(GlibNumbers.dtostr(0.00012)).isEqualTo("0.00012");
        assertThat(GlibNumbers.dtostr(1e-5)).isEqualTo("1.0000000000000001e-05");
        assertThat(GlibNumbers.dtostr(1.5e-7)).isEqualTo("1.4999999999999999e-07");
        assertThat(GlibNumbers.dtostr(1e17)).isEqualTo("1e+17");
        assertThat(GlibNumbers.dtostr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
    }
}
