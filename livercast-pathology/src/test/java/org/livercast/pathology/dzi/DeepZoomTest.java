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

    /**
     * A browser shows untagged JPEG tiles as sRGB: a slide whose ICC profile describes its scanner's colour space is shown
     * converted (the tile is the converted region within JPEG's loss, far from the stored pixels); an sRGB profile, as
     * LiverCast's DICOM copies carry, leaves the tiles as they were.
     */
    @Test
    void tilesOfASlideWithAScannerProfileAreShownInSrgb(@TempDir Path dir) throws Exception {
        byte[] linear = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData();
        byte[] srgb = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
        Path managed = dir.resolve("linear.svs");
        Path plain = dir.resolve("srgb.svs");
        PyramidWriter.write(Synthetic.slide(300, 200), managed, SlideWriteOptions.aperio(0.5, 20, null, null).withIccProfile(linear));
        PyramidWriter.write(Synthetic.slide(300, 200), plain, SlideWriteOptions.aperio(0.5, 20, null, null).withIccProfile(srgb));
        try (TiffSlide m = TiffSlide.open(managed); TiffSlide p = TiffSlide.open(plain)) {
            DeepZoom dm = new DeepZoom(m, 254, 1, 16);
            DeepZoom dp = new DeepZoom(p, 254, 1, 16);
            int top = dm.maxLevel();
            var shown = org.livercast.pathology.slide.RgbImage.of(ImageIO.read(new ByteArrayInputStream(dm.tile(top, 0, 0))));
            var stored = m.readRegion(new org.livercast.pathology.slide.RegionRequest(0, 0, 0, shown.width(), shown.height()));
            var converted = org.livercast.pathology.slide.ColourProfile.of(linear, "test").toSrgb(stored);
            assertThat(shown.meanAbsoluteDifference(converted)).as("the converted region, within JPEG's loss").isLessThan(2.0);
            assertThat(shown.meanAbsoluteDifference(stored)).as("not the stored pixels").isGreaterThan(5.0);
            assertThat(org.livercast.pathology.slide.ColourProfile.isSrgb(srgb)).isTrue();
            assertThat(org.livercast.pathology.slide.ColourProfile.isSrgb(linear)).as("'linear sRGB' is not sRGB").isFalse();
            var asStored = org.livercast.pathology.slide.RgbImage.of(ImageIO.read(new ByteArrayInputStream(dp.tile(top, 0, 0))));
            var pixels = p.readRegion(new org.livercast.pathology.slide.RegionRequest(0, 0, 0, asStored.width(), asStored.height()));
            assertThat(asStored.meanAbsoluteDifference(pixels)).as("an sRGB profile: as stored").isLessThan(2.0);
        }
    }
}
