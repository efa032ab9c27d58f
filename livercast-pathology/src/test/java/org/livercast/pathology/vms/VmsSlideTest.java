package org.livercast.pathology.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.livercast.pathology.write.VmsWriter;

/**
 * Hamamatsu VMS slides as a NanoZoomer of that era wrote them — a grid of JPEG files in restart intervals, a map, a
 * macro and an optimisation file named by the .vms — are read as OpenSlide reads them: the same levels (the decoder's
 * 1/2, 1/4 and 1/8 scaled levels included), properties and pixels, byte for byte.
 */
class VmsSlideTest {
    @TempDir
    Path dir;

    /** An SVS of 1536 x 1000 (four levels) with a label and macro, written as a VMS of 512-pixel files: a 3 x 2 grid. */
    private Path vms(String name, VmsWriter.Options o) throws Exception {
        Path svs = dir.resolve("source.svs");
        if (!Files.exists(svs)) {
            PyramidWriter.write(Synthetic.slide(1536, 1000), svs, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        }
        Path out = dir.resolve(name + ".vms");
        try (TiffSlide s = TiffSlide.open(svs)) {
            VmsWriter.Result r = VmsWriter.write(s, out, o);
            assertThat(r.columns()).isEqualTo(3);
            assertThat(r.rows()).isEqualTo(2);
        }
        return out;
    }

    private static VmsWriter.Options options() { return VmsWriter.Options.defaults().withImagePixels(512).withComment("LiverCast VMS test"); }

    @Test
    void openSlideReadsTheFilesAsHamamatsuWithTheSameLevelsAndPixels() throws Exception {
        Path f = vms("s", options());
        try (WholeSlide s = Slides.open(f)) {
            assertThat(s).isInstanceOf(VmsSlide.class);
            // 1536 x 1000 widened to whole 256-px intervals, heightened to whole 8-row MCU rows: 1536 x 1000
            assertThat(s.levels().get(0).width()).isEqualTo(1536);
            assertThat(s.levels().get(0).height()).isEqualTo(1000);
            assertThat(s.levels().get(0).tileWidth()).isEqualTo(256);
            assertThat(s.levels().get(0).tileHeight()).isEqualTo(8);
            assertThat(s.levels().get(1).width()).as("the grid at 1/2 by the scaled DCT").isEqualTo(768);
            assertThat(s.micronsPerPixel()).isEqualTo(0.5);
            assertThat(s.properties()).containsEntry("openslide.vendor", "hamamatsu").containsEntry("openslide.objective-power", "20")
                    .containsEntry("openslide.comment", "LiverCast VMS test").containsEntry("hamamatsu.NoJpegColumns", "3")
                    .containsEntry("hamamatsu.MapFile", "s_map2.jpg");
            assertThat(s.associatedImages()).containsExactly("macro");

            Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
            JsonNode summary = OpenSlideOracle.read(f, List.of()).get(0);
            JsonNode dims = summary.get("level_dimensions");
            assertThat(dims.size()).as("OpenSlide's levels, scaled ones included").isEqualTo(s.levels().size());
            for (Level l : s.levels()) {
                assertThat(dims.get(l.index()).get(0).asLong()).as("level %d width", l.index()).isEqualTo(l.width());
                assertThat(dims.get(l.index()).get(1).asLong()).as("level %d height", l.index()).isEqualTo(l.height());
                assertThat(summary.get("properties").get("openslide.level[" + l.index() + "].tile-width").asInt()).isEqualTo(l.tileWidth());
                assertThat(summary.get("properties").get("openslide.level[" + l.index() + "].tile-height").asInt()).isEqualTo(l.tileHeight());
            }
            JsonNode props = summary.get("properties");
            for (String key : List.of("openslide.vendor", "openslide.mpp-x", "openslide.mpp-y", "openslide.objective-power", "openslide.comment",
                    "hamamatsu.ImageFile(2,1)", "hamamatsu.PhysicalWidth", "hamamatsu.OptimisationFile")) {
                assertThat(s.properties().get(key)).as(key).isEqualTo(props.get(key).asText());
            }
            assertThat(summary.get("associated").toString()).contains("macro");
            // Regions across the grid's files (x 512, 1024; y 512), at the scaled levels and the map's.
            List<String> regions = new ArrayList<>(List.of("0:0:0:600:300", "0:480:500:600:100", "0:1400:960:136:40"));
            for (Level l : s.levels().subList(1, s.levels().size())) {
                regions.add(l.index() + ":0:0:" + l.width() + ":" + l.height());
            }
            regions.add("2:512:256:100:50");
            assertSameAsOpenSlide(s, f, regions);
        }
    }

    private static void assertSameAsOpenSlide(WholeSlide s, Path f, List<String> regions) throws Exception {
        List<JsonNode> os = OpenSlideOracle.read(f, regions);
        for (int k = 0; k < regions.size(); k++) {
            String[] p = regions.get(k).split(":");
            RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                    Integer.parseInt(p[3]), Integer.parseInt(p[4])));
            assertThat(OpenSlideOracle.md5(ours)).as("region %s as OpenSlide reads it", regions.get(k)).isEqualTo(os.get(1 + k).get("md5").asText());
        }
    }

    @Test
    void withoutTheOptimisationFileOpenSlideScansForTheMarkersAndReadsTheSame() throws Exception {
        Path with = vms("s", options());
        Path without = vms("plain", options().withoutOptimisation());
        assertThat(Files.exists(dir.resolve("s.opt"))).isTrue();
        assertThat(Files.exists(dir.resolve("plain.opt"))).isFalse();
        Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
        List<String> regions = List.of("0:0:0:1536:1000", "1:0:0:768:500");
        List<JsonNode> a = OpenSlideOracle.read(with, regions);
        List<JsonNode> b = OpenSlideOracle.read(without, regions);
        for (int k = 1; k <= regions.size(); k++) assertThat(a.get(k).get("md5").asText()).isEqualTo(b.get(k).get("md5").asText());
        try (VmsSlide s = VmsSlide.open(without)) {
            assertThat(OpenSlideOracle.md5(s.readRegion(new RegionRequest(0, 0, 0, 1536, 1000)))).isEqualTo(a.get(1).get("md5").asText());
        }
    }

    @Test
    void theOptimisationFileSparesScanningAFileForItsMarkersAndAWrongOneIsCaughtAndScannedInstead() throws Exception {
        Path with = vms("s", options());
        Path without = vms("plain", options().withoutOptimisation());
        // The grid's last MCU row (file s(0,1).jpg, 488 rows high: its 61st MCU row).
        RegionRequest lastRow = new RegionRequest(0, 0, 992, 512, 8);
        String plainMd5;
        long scanned;
        // (Bytes read once the slide is open: opening reads each file's first 64 KB for its header, all of these small files.)
        try (VmsSlide b = VmsSlide.open(without)) {
            long opened = b.bytesRead(0, 1);
            plainMd5 = OpenSlideOracle.md5(b.readRegion(lastRow));
            scanned = b.bytesRead(0, 1) - opened;
            assertThat(b.usesOptimisationFile()).isFalse();
            assertThat(b.storage(0).get(0)).contains("starts found by scanning each JPEG forward");
        }
        long fileBytes = Files.size(dir.resolve("plain(0,1).jpg"));
        assertThat(scanned).as("without the optimisation file, the file up to its last row is scanned").isGreaterThan(fileBytes * 9 / 10);
        try (VmsSlide a = VmsSlide.open(with)) {
            long opened = a.bytesRead(0, 1);
            assertThat(OpenSlideOracle.md5(a.readRegion(lastRow))).isEqualTo(plainMd5);
            assertThat(a.usesOptimisationFile()).isTrue();
            // the row's two intervals found from the row's recorded start, and read
            assertThat(a.bytesRead(0, 1) - opened).as("with it, one MCU row").isLessThan(fileBytes / 20);
            assertThat(a.storage(0).get(0)).as("slide info says so").contains("row starts from s.opt");
            assertThat(a.storage(a.levels().size() - 1).get(0)).contains("the map").contains("row starts from s.opt");
            // every tile of both levels the grid gives, the same with and without
            try (VmsSlide b = VmsSlide.open(without)) {
                for (RegionRequest r : List.of(new RegionRequest(0, 0, 0, 1536, 1000), new RegionRequest(1, 0, 0, 768, 500), new RegionRequest(2, 0, 0, 384, 250))) {
                    assertThat(OpenSlideOracle.md5(a.readRegion(r))).as("level %d", r.level()).isEqualTo(OpenSlideOracle.md5(b.readRegion(r)));
                }
            }
            assertThat(a.usesOptimisationFile()).isTrue();
        }
        // Four threads asking a freshly opened slide for tiles at once (the records installed under each file's lock while
        // others wait): the pixels one thread reads.
        List<RegionRequest> strips = new ArrayList<>();
        for (int y = 0; y < 1000; y += 125) strips.add(new RegionRequest(0, 0, y, 1536, 125));
        List<String> alone = new ArrayList<>();
        for (RegionRequest r : strips) alone.add(md5Of(without, r));
        try (VmsSlide a = VmsSlide.open(with)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<String>> together = new ArrayList<>();
                for (RegionRequest r : strips) together.add(pool.submit(() -> OpenSlideOracle.md5(a.readRegion(r))));
                for (int k = 0; k < strips.size(); k++) assertThat(together.get(k).get()).as("strip %d", k).isEqualTo(alone.get(k));
            } finally {
                pool.shutdown();
            }
            assertThat(a.usesOptimisationFile()).isTrue();
        }
        byte[] opt = Files.readAllBytes(dir.resolve("s.opt"));
        // Without its very last record, as the scanner's own files are (OpenSlide's comment): the map's last row is found
        // by scanning on from the row before it; everything else as recorded.
        Files.write(dir.resolve("s.opt"), java.util.Arrays.copyOf(opt, opt.length - 40));
        try (VmsSlide a = VmsSlide.open(with)) {
            int map = a.levels().size() - 1;
            Level m = a.levels().get(map);
            RegionRequest mapAll = new RegionRequest(map, 0, 0, (int) m.width(), (int) m.height());
            assertThat(OpenSlideOracle.md5(a.readRegion(mapAll))).isEqualTo(md5Of(without, mapAll));
            assertThat(a.usesOptimisationFile()).isTrue();
        }
        // An optimisation file whose records are one row off (the first dropped): unused, the files scanned, the same pixels.
        Files.write(dir.resolve("s.opt"), java.util.Arrays.copyOfRange(opt, 40, opt.length));
        try (VmsSlide a = VmsSlide.open(with)) {
            assertThat(OpenSlideOracle.md5(a.readRegion(lastRow))).isEqualTo(plainMd5);
            assertThat(OpenSlideOracle.md5(a.readRegion(new RegionRequest(0, 0, 0, 1536, 1000))))
                    .isEqualTo(md5Of(without, new RegionRequest(0, 0, 0, 1536, 1000)));
            assertThat(a.usesOptimisationFile()).isFalse();
            assertThat(a.storage(0).get(0)).contains("found by scanning");
        }
        // One row's record pointing at the wrong row (of a file whose other records are right): caught where it is used.
        ByteBuffer records = ByteBuffer.wrap(opt).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        records.putLong(30 * 40, records.getLong(31 * 40));
        Files.write(dir.resolve("s.opt"), opt);
        try (VmsSlide a = VmsSlide.open(with)) {
            RegionRequest row30 = new RegionRequest(0, 0, 240, 1536, 16);
            assertThat(OpenSlideOracle.md5(a.readRegion(row30))).isEqualTo(md5Of(without, row30));
        }
        // An optimisation file named but missing: the slide reads as without one.
        Files.delete(dir.resolve("s.opt"));
        try (VmsSlide a = VmsSlide.open(with)) {
            assertThat(OpenSlideOracle.md5(a.readRegion(lastRow))).isEqualTo(plainMd5);
            assertThat(a.usesOptimisationFile()).isFalse();
        }
    }

    private static String md5Of(Path vms, RegionRequest r) throws Exception {
        try (VmsSlide s = VmsSlide.open(vms)) {
            return OpenSlideOracle.md5(s.readRegion(r));
        }
    }

    @Test
    void theLevelsAreTheSourcesWithinJpegLossAndTheMacroTravels() throws Exception {
        Path f = vms("s", options());
        try (VmsSlide v = VmsSlide.open(f); TiffSlide svs = TiffSlide.open(dir.resolve("source.svs"))) {
            RgbImage a = v.readRegion(new RegionRequest(0, 0, 0, 1536, 1000));
            RgbImage b = svs.readRegion(new RegionRequest(0, 0, 0, 1536, 1000));
            assertThat(a.meanAbsoluteDifference(b)).isLessThan(2.5);
            // the scaled DCT's half against the source's own second level
            RgbImage half = v.readRegion(new RegionRequest(1, 0, 0, 768, 500));
            RgbImage svsHalf = svs.readRegion(new RegionRequest(1, 0, 0, 768, 500));
            assertThat(half.meanAbsoluteDifference(svsHalf)).isLessThan(4.0);
            assertThat(v.associatedImage("macro").meanAbsoluteDifference(svs.associatedImage("macro"))).isLessThan(3.0);
            assertThat(v.index().files()).hasSize(1 + 6 + 1 + 1 + 1);
        }
    }

    @Test
    void badFilesAreNamedWithWhatIsWrong() throws Exception {
        Path f = vms("s", options());
        // A file of the grid missing: named, with its place in the grid.
        Path gone = dir.resolve("s(2,1).jpg");
        Path kept = dir.resolve("kept.jpg");
        Files.move(gone, kept);
        assertThatThrownBy(() -> Slides.open(f)).isInstanceOf(TiffException.class).hasMessageContaining("s(2,1).jpg")
                .hasMessageContaining("column 2, row 1");
        Files.move(kept, gone);
        // The .vms names no image for a place in the grid.
        String ini = Files.readString(f);
        Files.writeString(dir.resolve("hole.vms"), ini.replace("ImageFile(1,1)=s(1,1).jpg\r\n", ""));
        assertThatThrownBy(() -> Slides.open(dir.resolve("hole.vms"))).isInstanceOf(TiffException.class).hasMessageContaining("hole.vms")
                .hasMessageContaining("column 1, row 1");
        Files.writeString(dir.resolve("nomap.vms"), ini.replace("MapFile=s_map2.jpg\r\n", ""));
        assertThatThrownBy(() -> Slides.open(dir.resolve("nomap.vms"))).isInstanceOf(TiffException.class).hasMessageContaining("has no MapFile");
        Files.writeString(dir.resolve("cols.vms"), ini.replace("NoJpegColumns=3", "NoJpegColumns=three"));
        assertThatThrownBy(() -> Slides.open(dir.resolve("cols.vms"))).isInstanceOf(TiffException.class).hasMessageContaining("NoJpegColumns = 'three'");
        // A file of the grid that is a JPEG without restart markers: its tiles would not be its intervals.
        Path whole = dir.resolve("whole.jpg");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(512, 512, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "jpg", whole.toFile());
        Files.writeString(dir.resolve("whole.vms"), ini.replace("ImageFile(1,0)=s(1,0).jpg", "ImageFile(1,0)=whole.jpg"));
        assertThatThrownBy(() -> Slides.open(dir.resolve("whole.vms"))).isInstanceOf(TiffException.class).hasMessageContaining("whole.jpg")
                .hasMessageContaining("without restart markers");
        // A file's scan data damaged: the tiles past the damage are named, the others still read.
        Path first = dir.resolve("s.jpg");
        long size = Files.size(first);
        try (FileChannel c = FileChannel.open(first, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.allocate((int) (size / 2)), size / 2);
        }
        try (VmsSlide s = VmsSlide.open(f)) {
            assertThat(s.readTile(0, 0, 0).pixels()).hasSize(256 * 8);
            assertThatThrownBy(() -> s.readTile(0, 1, 60)).isInstanceOf(TiffException.class).hasMessageContaining("s.jpg");
            assertThat(s.readTile(0, 4, 60).pixels()).as("a tile of another file still reads").hasSize(256 * 8);
        }
    }
}
