package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.dicom.Slides;
import org.livercast.pathology.leica.LeicaSlide;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.WholeSlide;

/**
 * A Leica SCN — a collection (the glass) holding the macro (the glass's photograph) and a main image at an offset — is
 * read as OpenSlide reads it: levels spanning the collection, the main image placed at its offset with the same pixels
 * MD5 for MD5, the macro as associated image, the barcode decoded; the glass around the main image is white. Stored,
 * it keeps its pyramid alone: no macro, no barcode.
 */
class LeicaScnTest {
    @TempDir
    Path dir;

    @Test
    void readAsOpenSlideReadsItAndStoredWithoutMacroOrBarcode() throws Exception {
        Path f = LeicaScnFiles.write(dir.resolve("s.scn"), "S26-0042 DOE");
        try (WholeSlide opened = Slides.open(f)) {
            LeicaSlide s = (LeicaSlide) opened;
            assertThat(s.levels()).extracting(l -> l.width() + "x" + l.height()).containsExactly("4096x3072", "1024x768");
            assertThat(s.levels()).extracting(Level::downsample).containsExactly(1.0, 4.0);
            assertThat(s.micronsPerPixel()).isEqualTo(0.5);
            assertThat(s.properties()).containsEntry("openslide.vendor", "leica").containsEntry("openslide.objective-power", "20")
                    .containsEntry("leica.barcode", "S26-0042 DOE").containsEntry("leica.illumination-source", "brightfield");
            assertThat(s.associatedImages()).containsExactly("macro");
            assertThat(s.associatedImage("macro").width()).isEqualTo(256);
            RgbImage glass = s.readRegion(new RegionRequest(0, 0, 0, 512, 256));
            assertThat(Arrays.stream(glass.pixels()).allMatch(p -> p == 0xFFFFFF)).as("the glass around the scanned region is white").isTrue();

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            // Regions within the main image (at 1024, 512 in level-0 pixels): outside it OpenSlide gives transparent pixels.
            List<String> regions = List.of("0:1024:512:768:512", "0:1100:600:300:200", "1:1024:512:192:128", "1:1200:700:100:60");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            JsonNode summary = os.get(0);
            assertThat(summary.get("properties").get("openslide.vendor").asText()).isEqualTo("leica");
            assertThat(summary.get("level_dimensions").toString()).isEqualTo("[[4096,3072],[1024,768]]");
            assertThat(summary.get("properties").get("openslide.mpp-x").asDouble()).isEqualTo(0.5);
            assertThat(summary.get("associated").toString()).isEqualTo("[\"macro\"]");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(ours)).as(regions.get(k))
                        .isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
        Path stored = dir.resolve("stored.svs");
        Map<String, Integer> done;
        try (WholeSlide s = Slides.open(f)) {
            done = DeidentifiedCopy.write(s, f, stored, text -> text, 0.9f);
        }
        assertThat(done).containsEntry("Leica SCN stored as tiled TIFF (0 levels' tiles copied, 2 coded again)", 1)
                .containsEntry("Leica SCN label/macro images and scanner metadata not stored", 1);
        String bytes = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("S26-0042").doesNotContain("scn").doesNotContain("UzI2");
        try (TiffSlide copy = TiffSlide.open(stored)) {
            assertThat(copy.associatedImages()).isEmpty();
            assertThat(copy.levels()).extracting(Level::width).containsExactly(4096L, 1024L);
        }
    }

    /**
     * A main image whose offset is a fraction of a level's pixels (a quarter and three quarters of a level-0 pixel here)
     * is placed at the whole pixel below, as OpenSlide 3.4 places it: the same pixels MD5 for MD5 (rounded to the
     * nearest pixel, as before, 63% of values differed, by up to 214).
     */
    @Test
    void anOffsetAtAFractionOfAPixelLosesItsFractionAsInOpenSlide() throws Exception {
        Path f = LeicaScnFiles.write(dir.resolve("f.scn"), "S26-0043", LeicaScnFiles.OFFSET_X_NM + 125, LeicaScnFiles.OFFSET_Y_NM + 375);
        Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
        try (WholeSlide s = Slides.open(f)) {
            List<String> regions = List.of("0:1100:600:600:400", "1:1100:600:160:100");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(ours)).as(regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
    }
}
