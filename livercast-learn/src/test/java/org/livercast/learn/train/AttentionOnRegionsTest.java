package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.learn.model.Prediction.TileAttention;

class AttentionOnRegionsTest {
    /** A 10 × 10 grid of 256-px tiles; one aggregate of radius 200 px centred on the corner shared by four tiles. */
    private static List<TileAttention> grid(double onAggregate, double elsewhere) {
        List<TileAttention> tiles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                boolean touches = (i == 4 || i == 5) && (j == 4 || j == 5);
                tiles.add(new TileAttention(i * 256L, j * 256L, 256, touches ? onAggregate : elsewhere));
            }
        }
        return tiles;
    }

    private static AttentionOnRegions truth(Path dir, String rows) throws Exception {
        Files.createDirectories(dir.resolve("truth"));
        Files.writeString(dir.resolve("truth/slide-regions.csv"), "patient_id,hospital_number,kind,x_px,y_px,radius_px\n" + rows);
        return AttentionOnRegions.read(dir).orElseThrow();
    }

    @Test
    void attentionOnTheFindingsIsMeasuredAgainstTheirShareOfTheTiles(@TempDir Path dir) throws Exception {
        AttentionOnRegions regions = truth(dir, "C01-1,H1,lymphoid_aggregate,1280,1280,200\nC01-2,H2,lymphoid_aggregate,1280,1280,200\n"
                + "C01-2,H2,vessel,100,100,60\n");
        // H1's attention: half of it on the four tiles the aggregate touches (4% of the tiles): 12.5× an even share.
        // H2's is even: 1× on the aggregate and on the vessel.
        var shares = regions.measure(Map.of("H1", grid(0.5 / 4, 0.5 / 96), "H2", grid(0.01, 0.01), "H3", grid(0.01, 0.01)));
        assertThat(shares).extracting(AttentionOnRegions.Share::kind).containsExactly("lymphoid_aggregate", "vessel");
        var aggregate = shares.get(0);
        assertThat(aggregate.slides()).isEqualTo(2);                      // H3 has no regions in the truth
        assertThat(aggregate.tileShare()).isCloseTo(0.04, within(1e-12));
        assertThat(aggregate.attentionShare()).isCloseTo((0.5 + 0.04) / 2, within(1e-12));
        assertThat(aggregate.enrichment()).isCloseTo(0.27 / 0.04, within(1e-9));
        var vessel = shares.get(1);
        assertThat(vessel.slides()).isEqualTo(1);
        assertThat(vessel.tileShare()).isCloseTo(0.01, within(1e-12));   // one tile: the disc lies inside the first
        assertThat(vessel.enrichment()).isCloseTo(1, within(1e-9));
    }

    @Test
    void aTileTouchesADiscWhenItsNearestPointIsInside() {
        var disc = new AttentionOnRegions.Region("vessel", 1000, 1000, 100);
        assertThat(disc.touches(900, 900, 256)).isTrue();                  // contains the centre
        assertThat(disc.touches(1090, 900, 256)).isTrue();                 // 90 px to the side of the centre
        assertThat(disc.touches(1101, 900, 256)).isFalse();                // 101 px to the side
        assertThat(disc.touches(1071, 1071, 256)).isFalse();               // the corner 100.4 px away
        assertThat(disc.touches(1070, 1070, 256)).isTrue();                // the corner 99.0 px away
    }

    @Test
    void aCohortWithoutRegionTruthHasNoneAndABrokenFileIsNamed(@TempDir Path dir) throws Exception {
        assertThat(AttentionOnRegions.read(dir)).isEmpty();
        assertThatThrownBy(() -> truth(dir, "C01-1,H1,vessel,12.5,100,60\n")).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("slide-regions.csv line").hasMessageContaining("12.5").hasMessageContaining("x_px");
    }
}
