package org.livercast.pathology.ventana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.livercast.pathology.write.DeidentifiedCopy;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;
import org.livercast.pathology.write.VentanaBifWriter;

/**
 * Roche Ventana BIF slides as a scanner writes them — two scanned areas (and one skipped) of overlapping tiles kept
 * whole in level 0, the stitcher's joints in level 0's XMP packet, higher levels holding level 0's tiles side by side —
 * are read as OpenSlide reads them: the same levels, properties and pixels, MD5 for MD5, where the areas' tiles overlap
 * each other and where the two areas meet.
 */
class VentanaBifTest {
    @TempDir
    Path dir;

    private Path svs() throws Exception {
        Path svs = dir.resolve("source.svs");
        if (!Files.exists(svs)) {
            PyramidWriter.write(Synthetic.slide(2048, 1536), svs, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        }
        return svs;
    }

    /**
     * Tiles of 256 px overlapping by 32 (advance 224): the left area 5 x 7 tiles from the top left, the right area 4 x 5
     * tiles from (1120, 224); positions and advance whole pixels at every level (downsample up to 16).
     */
    private Path bif(String name) throws Exception {
        Path out = dir.resolve(name + ".bif");
        try (TiffSlide s = TiffSlide.open(svs())) {
            VentanaBifWriter.write(s, out, VentanaBifWriter.Options.defaults().withTiles(256, 32).withAreas(List.of(
                    new VentanaBifWriter.Area(0, 0, 1000, 1536), new VentanaBifWriter.Area(1120, 224, 928, 1000)), true));
        }
        return out;
    }

    @Test
    void openSlideReadsTheBifAsVentanaWithTheSamePixels() throws Exception {
        Path f = bif("s");
        try (WholeSlide s = Slides.open(f)) {
            assertThat(s).isInstanceOf(VentanaSlide.class);
            assertThat(s.levels()).extracting(l -> l.width() + "x" + l.height()).containsExactly("2048x1600", "1024x800", "512x400", "256x200", "128x100");
            assertThat(s.levels()).extracting(Level::downsample).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0);
            assertThat(s.micronsPerPixel()).isEqualTo(0.5);
            assertThat(s.properties()).containsEntry("openslide.vendor", "ventana").containsEntry("openslide.objective-power", "20")
                    .containsEntry("ventana.Magnification", "20").containsEntry("openslide.region[1].x", "1120")
                    .containsEntry("openslide.region[1].y", "224").containsEntry("openslide.region[0].height", "1600");
            assertThat(s.associatedImages()).containsExactly("macro", "thumbnail");

            // Each tile is where its pixels were taken: the source within JPEG's loss, against a one-pixel shift.
            try (TiffSlide src = TiffSlide.open(svs())) {
                for (RegionRequest r : List.of(new RegionRequest(0, 200, 300, 800, 900), new RegionRequest(0, 1000, 400, 700, 800),
                        new RegionRequest(1, 200, 300, 400, 450))) {
                    Level l = s.levels().get(r.level());
                    RegionRequest shifted = new RegionRequest(r.level(), r.x() + (long) l.downsample(), r.y(), r.width(), r.height());
                    double aligned = s.readRegion(r).meanAbsoluteDifference(src.readRegion(r));
                    assertThat(aligned).as(r.toString()).isLessThan(r.level() == 0 ? 3.0 : 7.0).isLessThan(s.readRegion(r).meanAbsoluteDifference(src.readRegion(shifted)) / 2);
                }
            }

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            // Inside the scanned areas (OpenSlide leaves the rest transparent), across the tiles' overlaps and the areas' seam.
            List<String> regions = List.of("0:200:300:800:900", "0:1000:400:300:300", "0:1200:400:700:800", "1:100:100:450:700", "1:1200:300:400:500", "2:400:400:300:200",
                    "3:128:128:100:150", "4:160:160:50:60");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            JsonNode summary = os.get(0);
            assertThat(summary.get("properties").get("openslide.vendor").asText()).isEqualTo("ventana");
            assertThat(summary.get("level_dimensions").toString()).isEqualTo("[[2048,1600],[1024,800],[512,400],[256,200],[128,100]]");
            assertThat(summary.get("properties").get("openslide.mpp-x").asDouble()).isEqualTo(0.5);
            for (String key : List.of("openslide.region[0].width", "openslide.region[1].x", "openslide.region[1].y", "openslide.region[1].height")) {
                assertThat(s.properties().get(key)).as(key).isEqualTo(summary.get("properties").get(key).asText());
            }
            assertThat(summary.get("associated").toString()).isEqualTo("[\"macro\",\"thumbnail\"]");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(ours)).as(regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
    }

    /**
     * Real joints' overlaps average to a fraction of a pixel, so tiles stand at fractions: each is resampled where it
     * stands, as OpenSlide paints it, and the two agree within 2 per channel nearly everywhere OpenSlide painted.
     */
    @Test
    void tilesAtAFractionOfAPixelAreResampledAsOpenSlidePaintsThem() throws Exception {
        Path f = dir.resolve("half.bif");
        try (TiffSlide src = TiffSlide.open(svs())) {
            VentanaBifWriter.write(src, f, VentanaBifWriter.Options.defaults().withTiles(256, 32.5));
        }
        Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
        try (WholeSlide s = Slides.open(f)) {
            List<String> regions = List.of("0:0:0:700:500:raw", "0:600:500:500:400:raw", "1:0:0:600:500:raw", "2:200:200:400:300:raw",
                    "3:0:0:256:200:raw", "4:0:0:128:100:raw");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            assertThat(os.get(0).get("level_dimensions").toString()).isEqualTo(s.levels().stream().map(l -> "[" + l.width() + "," + l.height() + "]")
                    .collect(java.util.stream.Collectors.joining(",", "[", "]")));
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                int[] ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4]))).pixels();
                OpenSlideOracle.Agreement agreement = OpenSlideOracle.agreement(ours, os.get(1 + k));
                // Within 2 nearly everywhere; a few pixels where several tiles' partly covered edges meet differ more (13
                // here, 18 in MiraxSlideTest: the order of cairo's roundings in premultiplied 8 bits, not reproduced). Placed at the nearest pixel
                // instead, 70% of values differed, by up to 149.
                assertThat(agreement.painted()).as(regions.get(k)).isPositive();
                assertThat(agreement.shareOver2()).as(regions.get(k) + " " + agreement).isLessThan(0.005);
                assertThat(agreement.worst()).as(regions.get(k) + " " + agreement).isLessThanOrEqualTo(32);
            }
        }
    }

    @Test
    void storedWithoutItsLabelImageAndABadJointIsNamed() throws Exception {
        Path f = bif("d");
        Path stored = dir.resolve("stored.tif");
        Map<String, Integer> done;
        try (WholeSlide s = Slides.open(f)) {
            done = DeidentifiedCopy.write(s, f, stored, text -> text, 0.9f);
        }
        assertThat(done).containsEntry("Ventana BIF stored as tiled TIFF (0 levels' tiles copied, 5 coded again)", 1)
                .containsEntry("Ventana BIF label/macro images and scanner metadata not stored", 2);
        try (TiffSlide copy = TiffSlide.open(stored)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.levels()).extracting(Level::width).containsExactly(2048L, 1024L, 512L, 256L, 128L);
            assertThat(new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1)).doesNotContain("iScan").doesNotContain("EncodeInfo");
        }

        byte[] bytes = Files.readAllBytes(f);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("Direction=\"RIGHT\"");
        System.arraycopy("Direction=\"LEFT!\"".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, at, 17);
        Path broken = dir.resolve("broken.bif");
        Files.write(broken, bytes);
        assertThatThrownBy(() -> Slides.open(broken)).isInstanceOf(TiffException.class).hasMessageContaining("broken.bif")
                .hasMessageContaining("AOI 0").hasMessageContaining("direction 'LEFT!' is not RIGHT or UP");
    }
}
