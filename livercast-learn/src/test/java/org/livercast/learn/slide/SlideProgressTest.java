package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slide-embedding progress line: a bar, the time taken and what is left at the rate so far. */
class SlideProgressTest {
    @Test
    void theLineSaysHowFarAndHowLongIsLeft() {
        assertThat(SlideProgress.line(45, 450, 12)).isEqualTo("  slides 45/450 [##                  ] 12 s, about 1 min 48 s left");
        assertThat(SlideProgress.line(3, 500, 7200)).isEqualTo("  slides 3/500 [                    ] 2 h 0 min, about 331 h 20 min left");
        assertThat(SlideProgress.line(450, 450, 121)).isEqualTo("  slides 450/450 [####################] 2 min 1 s");
    }

    @Test
    void aLineAtEachTenthOfTheSlides() {
        List<String> lines = new ArrayList<>();
        SlideProgress p = new SlideProgress(25, lines::add);
        for (int i = 0; i < 25; i++) p.slideDone();
        // Every second slide (a tenth of 25, rounded down), and the last.
        assertThat(lines).hasSize(13);
        assertThat(lines.get(lines.size() - 1)).startsWith("  slides 25/25 [####################]");
    }
}
