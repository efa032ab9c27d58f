package org.livercast.pathology.ndpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;
import org.livercast.pathology.write.NdpiWriter;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;

/**
 * Hamamatsu NDPI slides as a NanoZoomer writes them — each level one JPEG in restart intervals, the macro at source
 * lens -1 — are read as OpenSlide reads them: the same levels (OpenSlide adds scaled ones between), properties and
 * pixels, byte for byte.
 */
class NdpiSlideTest {
    @TempDir
    Path dir;

    /** An SVS of 1536 x 1024 (four levels, halving) with a label and macro, written as NDPI: levels of over 64k pixels in intervals. */
    private Path ndpi(String name, NdpiWriter.Options o) throws Exception {
        Path svs = dir.resolve(name + ".svs");
        if (!Files.exists(svs)) {
            PyramidWriter.write(Synthetic.slide(1536, 1024), svs, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        }
        Path out = dir.resolve(name + ".ndpi");
        try (TiffSlide s = TiffSlide.open(svs)) {
            NdpiWriter.write(s, out, o);
        }
        return out;
    }

    private static NdpiWriter.Options options() {
        return NdpiWriter.Options.defaults().withSingleJpegPixels(64 * 1024).withReference("PATH-2026-0042")
                .withScannerProperties(Map.of("NDP.S/N", "000000"));
    }

    @Test
    void openSlideReadsTheFileAsHamamatsuWithTheSamePixels() throws Exception {
        Path f = ndpi("s", options());
        try (WholeSlide s = Slides.open(f)) {
            assertThat(s).isInstanceOf(NdpiSlide.class);
            assertThat(s.levels()).extracting(Level::width).as("the four directories, then the smallest at 1/2, 1/4, 1/8 by the scaled DCT")
                    .containsExactly(1536L, 768L, 384L, 192L, 96L, 48L, 24L);
            assertThat(s.levels()).extracting(Level::tileWidth).as("intervals of 512 px, then one JPEG a level").containsExactly(512, 384, 384, 192, 96, 48, 24);
            assertThat(s.levels().get(0).tileHeight()).as("one MCU row of 4:2:2").isEqualTo(8);
            assertThat(s.micronsPerPixel()).isEqualTo(0.5);
            assertThat(s.properties()).containsEntry("openslide.vendor", "hamamatsu").containsEntry("openslide.objective-power", "20")
                    .containsEntry("hamamatsu.Reference", "PATH-2026-0042").containsEntry("hamamatsu.NDP.S/N", "000000");
            assertThat(s.associatedImages()).containsExactly("macro");
            assertThat(((NdpiSlide) s).recordedIntervalStarts(0)).isTrue();

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            List<String> regions = List.of("0:0:0:600:300", "0:500:40:300:200", "0:1300:900:236:124", "1:0:0:768:512", "2:0:0:384:256",
                    "3:0:0:192:128", "4:0:0:96:64", "5:0:0:48:32", "6:0:0:24:16", "4:512:256:40:20");
            List<JsonNode> os = OpenSlideOracle.read(f, regions);
            JsonNode props = os.get(0).get("properties");
            JsonNode dims = os.get(0).get("level_dimensions");
            assertThat(dims.size()).as("OpenSlide's levels, level for level").isEqualTo(s.levels().size());
            for (Level l : s.levels()) {
                assertThat(dims.get(l.index()).get(0).asLong()).isEqualTo(l.width());
                assertThat(props.get("openslide.level[" + l.index() + "].tile-width").asInt()).as("level %d tile width", l.index()).isEqualTo(l.tileWidth());
                assertThat(props.get("openslide.level[" + l.index() + "].tile-height").asInt()).as("level %d tile height", l.index()).isEqualTo(l.tileHeight());
            }
            assertThat(props.get("openslide.vendor").asText()).isEqualTo("hamamatsu");
            assertThat(props.get("openslide.mpp-x").asDouble()).isEqualTo(0.5);
            assertThat(props.get("openslide.objective-power").asText()).isEqualTo("20");
            assertThat(props.get("hamamatsu.Reference").asText()).isEqualTo("PATH-2026-0042");
            assertThat(os.get(0).get("associated").toString()).contains("macro");
            for (int k = 0; k < regions.size(); k++) {
                String[] p = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4])));
                assertThat(OpenSlideOracle.md5(ours)).as("region %s as OpenSlide reads it", regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
            }
        }
    }

    @Test
    void theLevelsAreTheSvssWithinJpegLossAndTheMacroTravels() throws Exception {
        Path f = ndpi("s", options());
        try (NdpiSlide n = NdpiSlide.open(f); TiffSlide svs = TiffSlide.open(dir.resolve("s.svs"))) {
            for (Level l : svs.levels()) {
                RgbImage a = n.readRegion(new RegionRequest(l.index(), 0, 0, (int) l.width(), (int) l.height()));
                RgbImage b = svs.readRegion(new RegionRequest(l.index(), 0, 0, (int) l.width(), (int) l.height()));
                assertThat(n.levels().get(l.index()).width()).isEqualTo(l.width());
                assertThat(a.meanAbsoluteDifference(b)).as("level %d", l.index()).isLessThan(2.5);
            }
            // below the smallest directory, the scaled DCT's 1/2 against that level halved by the SVS's own means
            Level smallest = svs.levels().get(svs.levels().size() - 1);
            RgbImage half = n.readRegion(new RegionRequest(smallest.index() + 1, 0, 0, (int) smallest.width() / 2, (int) smallest.height() / 2));
            RgbImage whole = svs.readRegion(new RegionRequest(smallest.index(), 0, 0, (int) smallest.width(), (int) smallest.height()));
            assertThat(half.meanAbsoluteDifference(halved(whole))).isLessThan(4.0);
            RgbImage macro = n.associatedImage("macro");
            RgbImage original = svs.associatedImage("macro");
            assertThat(macro.width()).isEqualTo(original.width());
            assertThat(macro.meanAbsoluteDifference(original)).isLessThan(3.0);
        }
    }

    @Test
    void withoutRecordedStartsOrWithAWrongOneTheJpegIsScannedForItsMarkers() throws Exception {
        Path recorded = ndpi("s", options());
        Path scanned = ndpi("s-scan", options().withoutRecordedStarts());
        try (NdpiSlide a = NdpiSlide.open(recorded); NdpiSlide b = NdpiSlide.open(scanned)) {
            assertThat(b.recordedIntervalStarts(0)).isFalse();
            for (Level l : a.levels()) {
                RgbImage x = a.readRegion(new RegionRequest(l.index(), 0, 0, (int) l.width(), (int) l.height()));
                RgbImage y = b.readRegion(new RegionRequest(l.index(), 0, 0, (int) l.width(), (int) l.height()));
                assertThat(y.pixels()).as("level %d", l.index()).isEqualTo(x.pixels());
            }
        }
        // A recorded start two bytes off (as scanners' tables sometimes are) is found out, and the markers are scanned.
        Path wrong = dir.resolve("wrong.ndpi");
        Files.copy(recorded, wrong);
        try (TiffFile t = TiffFile.open(wrong)) {
            long[] at = t.valueLocation(t.ifds().get(0), NdpiTags.MCU_STARTS);
            long fifth = t.ifds().get(0).numbers(NdpiTags.MCU_STARTS)[5];
            try (FileChannel c = FileChannel.open(wrong, StandardOpenOption.WRITE)) {
                c.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) fifth + 2), at[0] + 5 * 4);
            }
        }
        try (NdpiSlide a = NdpiSlide.open(recorded); NdpiSlide w = NdpiSlide.open(wrong)) {
            assertThat(w.readTile(0, 2, 1).pixels()).isEqualTo(a.readTile(0, 2, 1).pixels());
            assertThat(w.recordedIntervalStarts(0)).isFalse();
        }
    }

    @Test
    void damagedFilesAreNamedWithTheLevelAndTile() throws Exception {
        Path f = ndpi("s", options());
        // Level 0's scan data cut short: the tiles past the cut are named, and the others still read.
        Path cut = dir.resolve("cut.ndpi");
        Files.copy(f, cut);
        long stripAt;
        long stripBytes;
        try (TiffFile t = TiffFile.open(cut)) {
            stripAt = t.ifds().get(0).numbers(Ifd.STRIP_OFFSETS)[0];
            stripBytes = t.ifds().get(0).numbers(Ifd.STRIP_BYTE_COUNTS)[0];
        }
        try (FileChannel c = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            // overwrite the second half of level 0's scan data, markers and all, with zeros
            c.write(ByteBuffer.allocate((int) (stripBytes / 2)), stripAt + stripBytes / 2);
        }
        try (NdpiSlide s = NdpiSlide.open(cut)) {
            assertThat(s.readTile(0, 0, 0).pixels()).hasSize(512 * 8);
            assertThatThrownBy(() -> s.readTile(0, 2, 120)).isInstanceOf(TiffException.class).hasMessageContaining("cut.ndpi")
                    .hasMessageContaining("level 0");
            assertThat(s.readTile(0, 1, 3).pixels()).as("a tile before the damage still reads after it").hasSize(512 * 8);
        }
        // Not an NDPI at all: said so.
        assertThatThrownBy(() -> NdpiSlide.open(dir.resolve("s.svs"))).isInstanceOf(TiffException.class).hasMessageContaining("not a Hamamatsu NDPI");
    }

    /**
     * A NanoZoomer's level is often wider than the 65,535 pixels a JPEG frame records; the frame then says 0 and the
     * directory gives the size. Such a level reads as OpenSlide reads it, beyond x = 65,535 too.
     */
    @Test
    void aLevelWiderThanAJpegFrameReadsAsOpenSlideReadsIt() throws Exception {
        Path svs = dir.resolve("wide.svs");
        PyramidWriter.write(Synthetic.slide(69_632, 48), svs, SlideWriteOptions.aperio(0.25, 40, Synthetic.label("L"), Synthetic.label("M")));
        Path f = dir.resolve("wide.ndpi");
        try (TiffSlide s = TiffSlide.open(svs)) {
            NdpiWriter.write(s, f, options());
        }
        try (NdpiSlide s = NdpiSlide.open(f); TiffSlide t = TiffSlide.open(svs)) {
            assertThat(s.levels().get(0).width()).isEqualTo(69_632);
            assertThat(s.storage(0)).singleElement().asString().contains("restart intervals of 32 MCUs");
            RegionRequest far = new RegionRequest(0, 66_000, 0, 512, 48);
            assertThat(s.readRegion(far).meanAbsoluteDifference(t.readRegion(far))).isLessThan(2.5);
            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            List<JsonNode> os = OpenSlideOracle.read(f, List.of("0:66000:0:512:48", "0:100:8:700:40"));
            assertThat(os.get(0).get("level_dimensions").get(0).get(0).asLong()).isEqualTo(69_632);
            assertThat(OpenSlideOracle.md5(s.readRegion(far))).isEqualTo(os.get(1).get("md5").asText());
            assertThat(OpenSlideOracle.md5(s.readRegion(new RegionRequest(0, 100, 8, 700, 40)))).isEqualTo(os.get(2).get("md5").asText());
        }
    }

    /**
     * An NDPI sent to a PACS (`slide to-dicom`): its levels become native frames of 256 pixels — not one frame an 8-row
     * restart interval — holding the NDPI's pixels exactly, valid for dciodvfy.
     */
    @Test
    void anNdpiWrittenAsDicomHasFramesOfWholeTiles() throws Exception {
        Path f = ndpi("s", options());
        Path folder = dir.resolve("dicom");
        try (NdpiSlide n = NdpiSlide.open(f)) {
            org.livercast.pathology.dicom.DicomSlideWriter.write(n, org.livercast.pathology.dicom.WsiMetadata.anonymous("NDPI-1",
                    java.time.LocalDateTime.of(2024, 1, 2, 3, 4), "ndpi-1"), folder);
            try (org.livercast.pathology.dicom.DicomSlide d = org.livercast.pathology.dicom.DicomSlide.open(folder)) {
                assertThat(d.levels().get(0).tileWidth()).isEqualTo(256);
                assertThat(d.levels().get(0).tileHeight()).isEqualTo(256);
                for (Level l : n.levels()) {
                    RegionRequest whole = new RegionRequest(l.index(), 0, 0, (int) l.width(), (int) l.height());
                    assertThat(d.readRegion(whole).pixels()).as("level %d", l.index()).isEqualTo(n.readRegion(whole).pixels());
                }
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
            Process p = new ProcessBuilder("/usr/bin/dciodvfy", folder.resolve("level-0.dcm").toString()).redirectErrorStream(true).start();
            String report = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(report.lines().filter(line -> line.startsWith("Error"))).as(report).isEmpty();
        }
    }

    /** Means of 2 x 2 blocks. */
    private static RgbImage halved(RgbImage img) {
        int w = img.width() / 2;
        int h = img.height() / 2;
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 0;
                for (int sh = 0; sh <= 16; sh += 8) {
                    int sum = 0;
                    for (int j = 0; j < 2; j++) for (int i = 0; i < 2; i++) sum += img.pixels()[(2 * y + j) * img.width() + 2 * x + i] >> sh & 0xFF;
                    v |= (sum + 2) / 4 << sh;
                }
                out[y * w + x] = v;
            }
        }
        return new RgbImage(w, h, out);
    }
}
