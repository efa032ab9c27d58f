package org.livercast.pathology.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;
import org.livercast.pathology.write.VmuWriter;

/** Hamamatsu VMU slides (uncompressed NGR images, 12 bits a sample) read as OpenSlide reads them, pixel for pixel. */
class VmuSlideTest {
    @TempDir
    Path dir;

    @Test
    void openSlideReadsTheSameLevelsPropertiesAndPixels() throws Exception {
        Path svs = dir.resolve("source.svs");
        // 0.2527 µm a pixel: OpenSlide prints the MPP it computes with 17 digits ("0.25269999999999998")
        PyramidWriter.write(Synthetic.slide(700, 300), svs, SlideWriteOptions.aperio(0.2527, 40, Synthetic.label("L"), Synthetic.label("MACRO")));
        Path vmu = dir.resolve("u.vmu");
        try (TiffSlide s = TiffSlide.open(svs)) {
            assertThat(VmuWriter.write(s, vmu, 64, 4)).hasSize(4);
        }
        try (WholeSlide s = Slides.open(vmu); TiffSlide src = TiffSlide.open(svs)) {
            assertThat(s).isInstanceOf(VmuSlide.class);
            assertThat(s.levels()).hasSize(2);
            assertThat(s.levels().get(0).width()).as("cut to whole 64-px columns").isEqualTo(640);
            assertThat(s.levels().get(0).tileHeight()).isEqualTo(64);
            RgbImage ours = s.readRegion(new RegionRequest(0, 0, 0, 640, 300));
            assertThat(ours.pixels()).as("12-bit samples read back as the source's 8 bits")
                    .isEqualTo(src.readRegion(new RegionRequest(0, 0, 0, 640, 300)).pixels());
            assertThat(s.properties()).containsEntry("openslide.vendor", "hamamatsu").containsEntry("openslide.objective-power", "40")
                    .containsEntry("hamamatsu.BitsPerPixel", "36");

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            List<String> regions = List.of("0:0:0:640:300", "0:100:250:300:50", "1:0:0:" + s.levels().get(1).width() + ":" + s.levels().get(1).height());
            List<JsonNode> os = OpenSlideOracle.read(vmu, regions);
            JsonNode props = os.get(0).get("properties");
            for (String key : List.of("openslide.mpp-x", "openslide.mpp-y", "openslide.objective-power", "openslide.level[1].width",
                    "openslide.level[1].downsample", "openslide.level[1].tile-width", "hamamatsu.PixelOrder")) {
                assertThat(s.properties().get(key)).as(key).isEqualTo(props.get(key).asText());
            }
            assertThat(s.properties().get("openslide.mpp-x")).startsWith("0.2526999999");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage r = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(r)).as("region %s", regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
            }
            assertThat(os.get(0).get("associated").toString()).contains("macro");
        }
        // What OpenSlide refuses is refused, named.
        String ini = Files.readString(vmu);
        Files.writeString(dir.resolve("bits.vmu"), ini.replace("BitsPerPixel=36", "BitsPerPixel=24"));
        assertThatThrownBy(() -> Slides.open(dir.resolve("bits.vmu"))).isInstanceOf(TiffException.class).hasMessageContaining("bits.vmu")
                .hasMessageContaining("BitsPerPixel = 24");
        Files.write(dir.resolve("u_map.ngr"), new byte[] {'N', 'G', 0, 0});
        assertThatThrownBy(() -> Slides.open(vmu)).isInstanceOf(TiffException.class).hasMessageContaining("u_map.ngr");
    }
}
