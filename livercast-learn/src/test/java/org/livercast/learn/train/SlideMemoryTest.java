package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.livercast.learn.data.UnusableInputException;

class SlideMemoryTest {
    @Test
    void aCohortWhoseBagsCannotFitTheHeapIsRefusedBeforeTrainingNamingTheRemedies() {
        // 500 slides capped at 4,096 tiles of a 1,024-wide encoder: 2,048,000 tiles, 8.4 GB.
        long tiles = 500L * 4096;
        assertThat(SlideMemory.bagBytes(tiles, 1024)).isEqualTo(tiles * 1025 * 4);
        assertThatThrownBy(() -> SlideMemory.require(tiles, 1024, 500, 4096, 6L << 30)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("the 500 slides' 2,048,000 tiles of 1024 features need 8.4 GB")
                .hasMessageContaining("the Java heap is 6.4 GB").hasMessageContaining("lower --max-tiles-per-slide (now 4096)").hasMessageContaining("-Xmx");
        // With a 16 GB heap they fit; so does the synthetic main job's cohort on any heap.
        assertThatCode(() -> SlideMemory.require(tiles, 1024, 500, 4096, 16L << 30)).doesNotThrowAnyException();
        assertThatCode(() -> SlideMemory.require(450L * 300, 18, 450, 4096, 512L << 20)).doesNotThrowAnyException();
    }
}
