package org.livercast.pathology.dzi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;

class DeepZoomTest {
    @Test
    void descriptorAndTilesFollowTheDeepZoomLayout(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("s.tif");
        PyramidWriter.write(Synthetic.slide(1500, 1100), p, SlideWriteOptions.generic(0.5));
        try (TiffSlide s = TiffSlide.open(p)) {
            DeepZoom dz = new DeepZoom(s, 254, 1, 64);
            assertThat(dz.descriptor()).contains("TileSize=\"254\"").contains("Overlap=\"1\"").contains("Width=\"1500\"").contains("Height=\"1100\"");
            assertThat(dz.maxLevel()).isEqualTo(11);
            assertThat(dz.levelSize(11)).containsExactly(1500, 1100);
            assertThat(dz.levelSize(10)).containsExactly(750, 550);
            var first = ImageIO.read(new ByteArrayInputStream(dz.tile(11, 0, 0)));
            assertThat(first.getWidth()).isEqualTo(255);     // tile + overlap on the right
            var interior = ImageIO.read(new ByteArrayInputStream(dz.tile(11, 1, 1)));
            assertThat(interior.getWidth()).isEqualTo(256);  // overlap on both sides
            var lastColumn = ImageIO.read(new ByteArrayInputStream(dz.tile(11, 5, 0)));
            assertThat(lastColumn.getWidth()).isEqualTo(1500 - 5 * 254 + 1);
            assertThat(dz.tile(11, 1, 1)).isSameAs(dz.tile(11, 1, 1));   // cached
            var whole = ImageIO.read(new ByteArrayInputStream(dz.tile(0, 0, 0)));
            assertThat(whole.getWidth()).isEqualTo(1);
            assertThatThrownBy(() -> dz.tile(11, 6, 0)).hasMessageContaining("outside");
        }
    }
}
