package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;

/** A training slide's tiles capped: a uniform draw, the same for the slide every time, the cache keeping every tile. */
class SlideBagSampleTest {
    @TempDir Path cache;

    private static SlideBag bag(String sha, int n) {
        List<SlideBag.TileRef> tiles = new ArrayList<>();
        float[][] e = new float[n][];
        for (int i = 0; i < n; i++) {
            tiles.add(new SlideBag.TileRef(i * 256L, 0, 256));
            e[i] = new float[] {i};
        }
        return new SlideBag(sha, "enc", tiles, e);
    }

    @Test
    void aSampleKeepsTheTilesInOrderWithTheirEmbeddingsAndIsTheSameEveryTime() {
        String sha = "3f1c0a9e".repeat(8);
        SlideBag full = bag(sha, 1000);
        SlideBag sample = full.sample(100);
        assertThat(sample.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++) assertThat(sample.embeddings()[i][0]).isEqualTo(sample.tiles().get(i).x() / 256f);
        assertThat(sample.tiles()).isSortedAccordingTo(java.util.Comparator.comparingLong(SlideBag.TileRef::x)).doesNotHaveDuplicates();
        assertThat(full.sample(100).tiles()).isEqualTo(sample.tiles());
        assertThat(bag("07d2b4c1".repeat(8), 1000).sample(100).tiles()).as("another slide, another draw").isNotEqualTo(sample.tiles());
        assertThat(full.sample(1000)).isSameAs(full);
        // Spread over the slide, not its first tiles: a uniform draw of 100 of 1,000 has a mean index near 500.
        double meanIndex = sample.tiles().stream().mapToLong(t -> t.x() / 256).average().orElseThrow();
        assertThat(meanIndex).isBetween(400.0, 600.0);
    }

    @Test
    void aCappedReaderGivesTheSampleAndTheCacheKeepsEveryTile() throws IOException {
        Path slide = CohortExport.read(SmallCohort.withSlides(12, 2, 21), LocalDate.of(2026, 6, 30)).cases().get(0).slide().orElseThrow();
        SlideBags all = new SlideBags(new HistologyFeatureEncoder(), cache);
        SlideBag full = all.of(slide);
        assertThat(full.size()).isGreaterThan(60);
        SlideBag capped = all.withMaxTiles(40).of(slide);
        assertThat(capped.size()).isEqualTo(40);
        assertThat(full.tiles()).containsAll(capped.tiles());
        assertThat(capped.tiles()).isEqualTo(full.sample(40).tiles());
        assertThat(all.of(slide).size()).as("the cache, read without the cap").isEqualTo(full.size());
    }
}
