package org.livercast.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

/** The stored occlusion regions (block centres in mm) found again from any point of the cube, as the MRI overlay needs. */
class OcclusionGridTest {
    @Test
    void everyPointOfTheCubeFindsTheBlockItLiesIn() {
        // As the models store it: 4 x 4 x 4 blocks of 20 mm, centres at -30, -10, 10, 30 mm; effect = a code of the block.
        ArrayNode regions = new ObjectMapper().createArrayNode();
        for (int bz = 0; bz < 4; bz++) {
            for (int by = 0; by < 4; by++) {
                for (int bx = 0; bx < 4; bx++) {
                    regions.addObject().put("xMm", -30 + 20 * bx).put("yMm", -30 + 20 * by).put("zMm", -30 + 20 * bz).put("logOddsEffect", bx + 10 * by + 100 * bz - 50);
                }
            }
        }
        OcclusionGrid g = OcclusionGrid.of(regions);
        assertThat(g.blockMm()).isEqualTo(20);
        assertThat(g.halfMm()).isEqualTo(40);
        assertThat(g.maxAbs()).isEqualTo(283);
        assertThat(g.effectAt(-39.9, -39.9, -39.9)).isEqualTo(-50);
        assertThat(g.effectAt(0.1, -0.1, 0.1)).isEqualTo(2 + 10 + 200 - 50);
        assertThat(g.effectAt(-20.1, 20.0, 39.9)).isEqualTo(0 + 30 + 300 - 50);
        assertThat(g.effectAt(39.9, 39.9, 39.9)).isEqualTo(3 + 30 + 300 - 50);
        assertThat(g.effectAt(40.0, 0, 0)).isNaN();
        assertThat(g.effectAt(0, -41, 0)).isNaN();
    }
}
