package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;

/** Slides LiverCast writes are read back by LiverCast and opened by OpenSlide with the same levels and pixels. */
class PyramidWriterTest {
    static final long W = 1500;
    static final long H = 1100;

    @Test
    void genericPyramidReadsBackWithAllLevelsAndFaithfulPixels(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("slide.tif");
        PyramidWriter.write(Synthetic.slide(W, H), out, SlideWriteOptions.generic(0.5));
        try (TiffSlide s = TiffSlide.open(out)) {
            assertThat(s.levels()).extracting(Level::width).containsExactly(1500L, 750L, 375L, 188L);
            assertThat(s.levels()).extracting(Level::height).containsExactly(1100L, 550L, 275L, 138L);
            assertThat(s.micronsPerPixel()).isCloseTo(0.5, within(1e-6));
            RgbImage region = s.readRegion(new RegionRequest(0, 700, 500, 64, 64));
            double err = 0;
            for (int j = 0; j < 64; j++) {
                for (int i = 0; i < 64; i++) {
                    int a = region.rgb(i, j);
                    int b = Synthetic.pixel(700 + i, 500 + j, W, H);
                    err += Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF));
                }
            }
            assertThat(err / (64 * 64)).as("mean JPEG error in green").isLessThan(8);
        }
    }

    @Test
    void openSlideOpensTheAperioVariantWithAssociatedImages(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
        Path out = dir.resolve("slide.svs");
        PyramidWriter.write(Synthetic.slide(W, H), out, SlideWriteOptions.aperio(0.25, 40, Synthetic.label("PATIENT"), Synthetic.label("MACRO")));
        List<String> regions = List.of("0:640:448:256:256", "1:600:400:200:150", "2:0:0:375:275");
        List<JsonNode> os = OpenSlideOracle.read(out, regions);
        JsonNode summary = os.get(0);
        assertThat(summary.get("properties").get("openslide.vendor").asText()).isEqualTo("aperio");
        assertThat(summary.get("properties").get("openslide.mpp-x").asText()).isEqualTo("0.25");
        assertThat(summary.get("properties").get("openslide.objective-power").asText()).isEqualTo("40");
        assertThat(summary.get("associated").toString()).contains("label").contains("macro").contains("thumbnail");
        try (TiffSlide s = TiffSlide.open(out)) {
            assertThat(s.associatedImages()).containsExactlyInAnyOrder("thumbnail", "label", "macro");
            assertThat(summary.get("level_count").asInt()).isEqualTo(s.levels().size());
            for (int i = 0; i < s.levels().size(); i++) {
                assertThat(summary.get("level_dimensions").get(i).get(0).asLong()).isEqualTo(s.levels().get(i).width());
                assertThat(summary.get("level_dimensions").get(i).get(1).asLong()).isEqualTo(s.levels().get(i).height());
            }
            for (int k = 0; k < regions.size(); k++) {
                String[] r = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2]),
                        Integer.parseInt(r[3]), Integer.parseInt(r[4])));
                JsonNode tl = os.get(1 + k).get("top_left");
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int p = ours.rgb(x, y);
                        int[] c = {p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF};
                        for (int ch = 0; ch < 3; ch++) assertThat(c[ch]).isCloseTo(tl.get(y).get(x).get(ch).asInt(), within(2));
                    }
                }
                double[] mean = new double[3];
                for (int p : ours.pixels()) {
                    mean[0] += p >> 16 & 0xFF;
                    mean[1] += p >> 8 & 0xFF;
                    mean[2] += p & 0xFF;
                }
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(mean[ch] / ours.pixels().length).isCloseTo(os.get(1 + k).get("mean").get(ch).asDouble(), within(0.5));
                }
            }
        }
    }

    /**
     * The associated images go into the file in the order given (Aperio's: thumbnail, label, macro): the order was a
     * Map.copyOf's, which changes between JVMs, so the same slide written by two runs had different bytes and hashes.
     */
    @Test
    void associatedImagesAreWrittenInTheOrderGivenSoTheBytesDoNotDependOnTheJvm(@TempDir Path dir) throws Exception {
        var given = new java.util.LinkedHashMap<String, RgbImage>();
        for (String name : List.of("label", "macro", "overview", "barcode", "preview", "stitch")) given.put(name, Synthetic.label(name));
        var options = new SlideWriteOptions(256, 0.85f, 0.5, 20, true, given, null, null);
        assertThat(options.associated().keySet()).containsExactlyElementsOf(given.keySet());
        Path out = dir.resolve("slide.svs");
        PyramidWriter.write(Synthetic.slide(W, H), out, options);
        try (TiffSlide s = TiffSlide.open(out)) {
            assertThat(s.associatedImages()).containsExactly("thumbnail", "label", "macro", "overview", "barcode", "preview", "stitch");
        }
        Path again = dir.resolve("again.svs");
        PyramidWriter.write(Synthetic.slide(W, H), again, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("PATIENT"), Synthetic.label("MACRO")));
        try (TiffSlide s = TiffSlide.open(again)) {
            assertThat(s.associatedImages()).containsExactly("thumbnail", "label", "macro");
        }
    }
}
