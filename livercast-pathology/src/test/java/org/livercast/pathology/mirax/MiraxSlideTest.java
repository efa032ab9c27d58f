package org.livercast.pathology.mirax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.livercast.pathology.write.MiraxWriter;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;

/**
 * 3DHISTECH MIRAX slides as a scanner writes them — overlapping photos at jittered camera positions, photos of bare glass
 * not taken, a pyramid whose higher levels concatenate images of several photos, the index in chained pages, images in
 * several data files — are read as OpenSlide reads them: the same levels, properties and pixels, MD5 for MD5.
 */
class MiraxSlideTest {
    @TempDir
    Path dir;

    /** A 2048 x 1536 SVS (tissue an ellipse in the middle, glass around) with label and macro. */
    private Path svs() throws Exception {
        Path svs = dir.resolve("source.svs");
        if (!Files.exists(svs)) {
            PyramidWriter.write(Synthetic.slide(2048, 1536), svs, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        }
        return svs;
    }

    /** Photos of 2 x 2 images of 128 px, 64 px of overlap, positions jittered by up to 32 px: whole pixels at every level. */
    private Path mirax(String name, MiraxWriter.Options o) throws Exception {
        Path out = dir.resolve(name + ".mrxs");
        try (TiffSlide s = TiffSlide.open(svs())) {
            MiraxWriter.write(s, out, o);
        }
        return out;
    }

    private static MiraxWriter.Options options() {
        return MiraxWriter.Options.defaults().withImages(128, 2, 64, 32).alignedPositions().withIdentifiers("S26-0042 DOE", "S26-0042")
                .withImagesPerDataFile(100);
    }

    @Test
    void openSlideReadsTheSlideAsMiraxWithTheSamePixels() throws Exception {
        Path f = mirax("s", options());
        try (WholeSlide s = Slides.open(f)) {
            assertThat(s).isInstanceOf(MiraxSlide.class);
            assertThat(s.levels()).extracting(l -> l.width() + "x" + l.height())
                    .containsExactly("2176x1600", "1088x800", "544x400", "272x200", "136x100", "68x50");
            // The photos' nominal extent: 11 x 8 photos of 256 px, 192 px apart (the source is 2048 x 1536).
            assertThat(s.levels()).extracting(Level::downsample).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 32.0);
            assertThat(s.micronsPerPixel()).isEqualTo(0.5);
            assertThat(s.properties()).containsEntry("openslide.vendor", "mirax").containsEntry("openslide.objective-power", "20")
                    .containsEntry("openslide.background-color", "FFFFFF").containsEntry("mirax.GENERAL.SLIDE_NAME", "S26-0042 DOE")
                    .containsEntry("mirax.GENERAL.CameraImageDivisionsPerSide", "2");
            assertThat(s.associatedImages()).containsExactly("macro", "label", "thumbnail");
            assertThat(s.associatedImage("label").width()).isEqualTo(200);
            assertThat(MiraxSlide.identifiers(f)).containsExactly("S26-0042 DOE", "S26-0042");
            try (WholeSlide byFolder = Slides.open(MiraxSlide.folder(f))) {
                assertThat(byFolder).as("the slide's folder opens the slide").isInstanceOf(MiraxSlide.class);
                assertThat(byFolder.levels()).isEqualTo(s.levels());
            }
            String ini = Files.readString(MiraxSlide.folder(f).resolve("Slidedat.ini"), StandardCharsets.UTF_8);
            assertThat(ini).as("several data files").containsPattern("FILE_COUNT = [3-9]\r\n").contains("StitchingIntensityLayer");

            // The slide is the source within JPEG's loss, wherever photos overlap: each part is where it belongs.
            try (TiffSlide src = TiffSlide.open(svs())) {
                for (int level : new int[] {0, 1, 2}) {
                    Level l = s.levels().get(level);
                    RegionRequest mid = new RegionRequest(level, 512, 384, (int) (1024 / l.downsample()), (int) (768 / l.downsample()));
                    RegionRequest shifted = new RegionRequest(level, 512 + (long) l.downsample(), 384, mid.width(), mid.height());
                    double aligned = s.readRegion(mid).meanAbsoluteDifference(src.readRegion(mid));
                    // JPEG's loss (the SVS's levels and the scanner's are each coded once from their own downsampling)
                    // against a one-pixel shift, which doubles the difference or more.
                    assertThat(aligned).as("level %d against the source", level).isLessThan(level == 0 ? 3.0 : 7.0)
                            .isLessThan(s.readRegion(mid).meanAbsoluteDifference(src.readRegion(shifted)) / 2);
                }
            }

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            // Inside the tissue, where every photo was taken (OpenSlide leaves what no photo covers transparent).
            List<String> regions = List.of("0:512:384:1024:768", "0:700:500:300:260", "1:400:300:600:450", "2:512:384:256:192", "3:512:384:128:96",
                    "4:640:480:48:36", "5:768:576:24:18");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            JsonNode summary = os.get(0);
            assertThat(summary.get("properties").get("openslide.vendor").asText()).isEqualTo("mirax");
            assertThat(summary.get("level_dimensions").toString()).isEqualTo("[[2176,1600],[1088,800],[544,400],[272,200],[136,100],[68,50]]");
            assertThat(summary.get("properties").get("openslide.mpp-x").asDouble()).isEqualTo(0.5);
            assertThat(summary.get("properties").get("openslide.background-color").asText()).isEqualTo("FFFFFF");
            assertThat(summary.get("associated").toString()).isEqualTo("[\"label\",\"macro\",\"thumbnail\"]");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(ours)).as(regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
    }

    @Test
    void plainPositionsReadTheSame() throws Exception {
        Path deflated = mirax("d", options());
        Path plain = mirax("p", options().withPositions(MiraxWriter.Positions.PLAIN));
        assertThat(Files.readString(MiraxSlide.folder(plain).resolve("Slidedat.ini"))).contains("VIMSLIDE_POSITION_BUFFER");
        try (WholeSlide a = Slides.open(deflated); WholeSlide b = Slides.open(plain)) {
            for (int level = 0; level < 3; level++) {
                RegionRequest r = new RegionRequest(level, 0, 0, (int) a.levels().get(level).width(), (int) a.levels().get(level).height());
                assertThat(OpenSlideOracle.md5(a.readRegion(r))).as("level " + level).isEqualTo(OpenSlideOracle.md5(b.readRegion(r)));
            }
        }
    }

    /**
     * Other scanners' layouts, each read as OpenSlide reads it, MD5 for MD5 at every level: one image a photo (older
     * scanners), 4 x 4 images a photo coded as PNG, no position layer (photos on the nominal grid) with images as 24-bit
     * BMP, and no position layer without overlap (an image is never cut into parts).
     */
    @Test
    void otherScannersLayoutsReadAsOpenSlideReadsThem() throws Exception {
        MiraxWriter.Options base = MiraxWriter.Options.defaults().alignedPositions();
        List<MiraxWriter.Options> layouts = List.of(
                base.withImages(256, 1, 64, 32).withPositions(MiraxWriter.Positions.PLAIN),
                base.withImages(64, 4, 64, 32).withFormat(MiraxWriter.ImageFormat.PNG),
                base.withImages(128, 2, 64, 0).withPositions(MiraxWriter.Positions.NOMINAL).withFormat(MiraxWriter.ImageFormat.BMP24),
                base.withImages(128, 2, 0, 0).withPositions(MiraxWriter.Positions.NOMINAL));
        for (int v = 0; v < layouts.size(); v++) {
            MiraxWriter.Options o = layouts.get(v);
            Path f = mirax("layout" + v, o);
            String what = "layout " + v + " (" + o.imagePixels() + " px, " + o.divisions() + " a side, overlap " + o.overlapPixels() + ", "
                    + o.positions() + ", " + o.format() + ")";
            try (WholeSlide s = Slides.open(f)) {
                // The middle of the tissue at every level (OpenSlide leaves what no photo covers transparent).
                List<String> regions = new java.util.ArrayList<>();
                for (Level l : s.levels()) {
                    int w = (int) Math.max(1, 1024 / l.downsample());
                    int h = (int) Math.max(1, 768 / l.downsample());
                    regions.add(l.index() + ":512:384:" + w + ":" + h);
                }
                try (TiffSlide src = TiffSlide.open(svs())) {
                    RegionRequest mid = new RegionRequest(0, 512, 384, 1024, 768);
                    assertThat(s.readRegion(mid).meanAbsoluteDifference(src.readRegion(mid))).as(what + " against the source").isLessThan(3.0);
                }
                Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
                List<JsonNode> os = OpenSlideOracle.read(f, regions);
                assertThat(os.get(0).get("properties").get("openslide.vendor").asText()).as(what).isEqualTo("mirax");
                assertThat(os.get(0).get("level_count").asInt()).as(what).isEqualTo(s.levels().size());
                for (int k = 0; k < regions.size(); k++) {
                    String[] p = regions.get(k).split(":");
                    RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), 512, 384, Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                    assertThat(OpenSlideOracle.md5(ours)).as(what + " " + regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
                }
            }
        }
    }

    /**
     * Camera positions as a stage records them (any whole pixel of level 0) stand at fractions of a higher level's
     * pixels: the parts are resampled there, as OpenSlide paints them — level 0 the same MD5 for MD5, the other levels
     * within 2 per channel nearly everywhere (over 99.5% of values).
     */
    @Test
    void photosAtFractionsOfALevelsPixelAreResampledAsOpenSlidePaintsThem() throws Exception {
        Path f = mirax("stage", MiraxWriter.Options.defaults().withImages(128, 2, 32, 6));
        Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
        try (WholeSlide s = Slides.open(f)) {
            List<String> regions = new java.util.ArrayList<>();
            for (Level l : s.levels()) regions.add(l.index() + ":512:384:" + (int) Math.max(1, 1024 / l.downsample()) + ":" + (int) Math.max(1, 768 / l.downsample()) + ":raw");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), 512, 384, Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                if (k == 0) {
                    assertThat(OpenSlideOracle.md5(ours)).as(regions.get(k)).isEqualTo(os.get(1).get("md5").asText());
                    continue;
                }
                OpenSlideOracle.Agreement agreement = OpenSlideOracle.agreement(ours.pixels(), os.get(1 + k));
                assertThat(agreement.painted()).as(regions.get(k)).isPositive();
                assertThat(agreement.shareOver2()).as(regions.get(k) + " " + agreement).isLessThan(0.005);
                assertThat(agreement.worst()).as(regions.get(k) + " " + agreement).isLessThanOrEqualTo(32);
            }
        }
    }

    @Test
    void damagedSlidesAreNamedByFileAndField() throws Exception {
        Path f = mirax("bad", options());
        Path folder = MiraxSlide.folder(f);
        Path ini = folder.resolve("Slidedat.ini");
        String good = Files.readString(ini);

        Files.writeString(ini, good.replace("IMAGENUMBER_X = ", "IMAGENUMBER_X = x"));
        assertThatThrownBy(() -> Slides.open(f)).isInstanceOf(TiffException.class).hasMessageContaining("Slidedat.ini")
                .hasMessageContaining("[GENERAL] IMAGENUMBER_X").hasMessageContaining("not an integer");
        Files.writeString(ini, good);

        byte[] index = Files.readAllBytes(folder.resolve("Index.dat"));
        byte[] wrong = index.clone();
        wrong[4] = '9';
        Files.write(folder.resolve("Index.dat"), wrong);
        assertThatThrownBy(() -> Slides.open(f)).isInstanceOf(TiffException.class).hasMessageContaining("Index.dat").hasMessageContaining("index version '01.09'");
        Files.write(folder.resolve("Index.dat"), index);

        // A data file lost: the tiles it holds fail naming it; the others still read.
        Files.delete(folder.resolve("Data0001.dat"));
        try (WholeSlide s = Slides.open(f)) {
            assertThatThrownBy(() -> s.readRegion(new RegionRequest(0, 0, 0, 2048, 1536))).isInstanceOf(TiffException.class)
                    .hasMessageContaining("Data0001.dat").hasMessageContaining("missing");
            assertThat(s.readRegion(new RegionRequest(0, 1024, 1024, 256, 256)).width()).isEqualTo(256);
            assertThat(s.readRegion(new RegionRequest(5, 0, 0, 64, 48)).width()).isEqualTo(64);
        }
    }
}
