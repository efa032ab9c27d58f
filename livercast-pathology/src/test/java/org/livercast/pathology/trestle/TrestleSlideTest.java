package org.livercast.pathology.trestle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;
import org.livercast.pathology.write.TrestleWriter;

/**
 * Trestle (MedScan) slides — tiled TIFFs whose tiles overlap by what the description says, MPP in the resolution tags,
 * the macro beside as NAME.Full — are read as OpenSlide reads them: the same levels (narrowed by the overlaps),
 * properties and pixels, byte for byte.
 */
class TrestleSlideTest {
    @TempDir
    Path dir;

    @Test
    void openSlideReadsTheOverlappingTilesAsTrestleWithTheSamePixels() throws Exception {
        Path svs = dir.resolve("source.svs");
        PyramidWriter.write(Synthetic.slide(1300, 900), svs, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        Path tif = dir.resolve("s.tif");
        try (TiffSlide s = TiffSlide.open(svs)) {
            assertThat(TrestleWriter.write(s, tif, TrestleWriter.Options.defaults())).hasSize(2);
        }
        try (WholeSlide s = Slides.open(tif); TiffSlide src = TiffSlide.open(svs)) {
            assertThat(s).isInstanceOf(TrestleSlide.class);
            // 1,300 px in tiles of 256 advancing 240: 6 tiles, (6 − 1) × 240 + 256 = 1,456 px (glass to the right)
            assertThat(s.levels().get(0).width()).isEqualTo(1456);
            assertThat(s.micronsPerPixel()).isEqualTo(0.5);
            assertThat(s.properties()).containsEntry("openslide.vendor", "trestle").containsEntry("openslide.objective-power", "20")
                    .containsEntry("trestle.Background Color", "FFFFFF").containsEntry("openslide.background-color", "FFFFFF");
            assertThat(s.associatedImages()).containsExactly("macro");
            RegionRequest r = new RegionRequest(0, 0, 0, 1300, 900);
            assertThat(s.readRegion(r).meanAbsoluteDifference(src.readRegion(r))).as("each tile where its pixels were taken").isLessThan(2.5);

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            List<String> regions = new ArrayList<>(List.of("0:0:0:600:300", "0:200:230:500:300", "0:1100:700:356:200"));
            for (Level l : s.levels().subList(1, s.levels().size())) regions.add(l.index() + ":0:0:" + l.width() + ":" + l.height());
            List<JsonNode> os = OpenSlideOracle.read(tif, regions);
            JsonNode summary = os.get(0);
            assertThat(summary.get("level_count").asInt()).isEqualTo(s.levels().size());
            for (Level l : s.levels()) {
                assertThat(summary.get("level_dimensions").get(l.index()).get(0).asLong()).as("level %d width", l.index()).isEqualTo(l.width());
                assertThat(summary.get("level_dimensions").get(l.index()).get(1).asLong()).as("level %d height", l.index()).isEqualTo(l.height());
            }
            for (String key : List.of("openslide.vendor", "openslide.mpp-x", "openslide.mpp-y", "openslide.objective-power", "openslide.background-color",
                    "trestle.OverlapsXY", "trestle.Objective Power", "tiff.XResolution", "openslide.level[1].downsample")) {
                assertThat(s.properties().get(key)).as(key).isEqualTo(summary.get("properties").get(key).asText());
            }
            assertThat(summary.get("associated").toString()).contains("macro");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(ours)).as("region %s as OpenSlide reads it", regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
        assertThatThrownBy(() -> TrestleSlide.open(svs)).isInstanceOf(TiffException.class).hasMessageContaining("source.svs").hasMessageContaining("MedScan");
    }
}
