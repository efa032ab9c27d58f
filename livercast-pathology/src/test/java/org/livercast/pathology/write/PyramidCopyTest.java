package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.dicom.DicomSlide;
import org.livercast.pathology.dicom.DicomSlideWriter;
import org.livercast.pathology.dicom.WsiMetadata;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;

/**
 * A DICOM whole-slide image copied into a TIFF keeps its pyramid and its JPEG tiles byte for byte (no second loss), its
 * MPP and objective power, and leaves its label and overview behind; OpenSlide reads the copy as LiverCast does.
 */
class PyramidCopyTest {
    @TempDir
    Path dir;

    @Test
    void dicomJpegFramesBecomeTheTiffsTilesUnchangedAndOpenSlideAgrees() throws Exception {
        Path svs = dir.resolve("s.svs");
        PyramidWriter.write(Synthetic.slide(1500, 1100), svs, SlideWriteOptions.aperio(0.5, 20, Synthetic.label("DOE^JOHN"), Synthetic.label("MACRO")));
        Path copy = dir.resolve("copy.svs");
        try (TiffSlide original = TiffSlide.open(svs)) {
            DicomSlideWriter.write(original, WsiMetadata.anonymous("HE1", java.time.LocalDateTime.of(2024, 1, 2, 3, 4), "seed"), dir.resolve("dicom"));
            try (DicomSlide d = DicomSlide.open(dir.resolve("dicom"))) {
                assertThat(d.associatedImages()).containsExactly("label", "macro");
                PyramidCopy.write(d, copy, 0.9f);
            }
            try (TiffSlide c = TiffSlide.open(copy)) {
                assertThat(c.associatedImages()).isEmpty();
                assertThat(c.micronsPerPixel()).isEqualTo(0.5);
                assertThat(c.properties()).containsEntry("openslide.objective-power", "20").containsEntry("openslide.vendor", "aperio");
                assertThat(c.levels()).hasSameSizeAs(original.levels());
                for (Level l : original.levels()) {
                    for (int r = 0; r < l.tilesDown(); r++) {
                        for (int col = 0; col < l.tilesAcross(); col++) {
                            assertThat(c.readTile(l.index(), col, r).pixels()).as("level %d tile (%d, %d)", l.index(), col, r)
                                    .isEqualTo(original.readTile(l.index(), col, r).pixels());
                        }
                    }
                }
            }
        }
        agreesWithOpenSlide(copy, List.of("0:0:0:300:200", "0:700:500:256:256", "1:200:100:200:200", "2:0:0:375:275"));
    }

    @Test
    void aSparseLevelWithATileAbsentIsCodedAgainAndStaysClose() throws Exception {
        pydicomSlides();
        Path copy = dir.resolve("sparse.svs");
        try (DicomSlide d = DicomSlide.open(List.of(dir.resolve("wsi/sparse-jpeg.dcm")))) {
            assertThat(PyramidCopy.write(d, copy, 0.95f)).as("a sparse level with a tile absent is coded again").isEqualTo(new PyramidCopy.Result(0, 1));
            try (TiffSlide c = TiffSlide.open(copy)) {
                RgbImage a = d.readRegion(new RegionRequest(0, 0, 0, 160, 100));
                RgbImage b = c.readRegion(new RegionRequest(0, 0, 0, 160, 100));
                double meanAbs = 0;
                for (int i = 0; i < a.pixels().length; i++) {
                    for (int s = 0; s <= 16; s += 8) meanAbs += Math.abs((a.pixels()[i] >> s & 0xFF) - (b.pixels()[i] >> s & 0xFF));
                }
                assertThat(meanAbs / (3.0 * a.pixels().length)).isLessThan(3.0);
                assertThat(java.util.Arrays.stream(c.readTile(0, 1, 1).pixels()).boxed().toList()).allMatch(v -> (v >> 16 & 0xFF) > 245 && (v >> 8 & 0xFF) > 245 && (v & 0xFF) > 245);
                assertThat(c.micronsPerPixel()).isCloseTo(0.25, within(1e-9));
            }
        }
        agreesWithOpenSlide(copy, List.of("0:0:0:160:100"));
    }

    /**
     * A DICOM slide of JPEG 2000 frames goes into the TIFF frame for tile, as Aperio stores JPEG 2000 (compression
     * 33005 for codestreams that decode to R, G, B): lossless frames stay lossless, and OpenSlide reads the copy.
     */
    @Test
    void jpeg2000FramesBecomeAperioJpeg2000TilesUnchanged() throws Exception {
        pydicomSlides();
        Path copy = dir.resolve("j2k.svs");
        try (DicomSlide d = DicomSlide.open(List.of(dir.resolve("wsi/full-j2k.dcm")))) {
            assertThat(PyramidCopy.write(d, copy, 0.9f)).isEqualTo(new PyramidCopy.Result(1, 0));
            try (TiffSlide c = TiffSlide.open(copy)) {
                assertThat(c.tiff().ifds().get(0).compression()).isEqualTo(33005);
                byte[] stored = c.tiff().bytes(c.tiff().ifds().get(0).numbers(org.livercast.pathology.tiff.Ifd.TILE_OFFSETS)[4],
                        c.tiff().ifds().get(0).numbers(org.livercast.pathology.tiff.Ifd.TILE_BYTE_COUNTS)[4], "tile 4");
                assertThat(stored).isEqualTo(d.jpeg2000Tile(0, 1, 1));
                RgbImage whole = c.readRegion(new RegionRequest(0, 0, 0, 160, 100));
                byte[] image = Files.readAllBytes(dir.resolve("wsi/full-j2k.dcm.rgb"));
                for (int i = 0; i < whole.pixels().length; i++) {
                    int p = whole.pixels()[i];
                    assertThat(new int[] {p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF}).as("pixel " + i)
                            .containsExactly(image[3 * i] & 0xFF, image[3 * i + 1] & 0xFF, image[3 * i + 2] & 0xFF);
                }
            }
        }
        agreesWithOpenSlide(copy, List.of("0:0:0:160:100"));
    }

    /** The DICOM slides pydicom writes (oracle/pydicom_wsi.py) into dir/wsi. */
    private void pydicomSlides() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pydicom")), "needs python3-pydicom");
        org.livercast.pathology.PythonOracle.run(dir, "pydicom_wsi.py", dir.resolve("wsi").toString());
    }

    private static void agreesWithOpenSlide(Path slide, List<String> regions) throws Exception {
        Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
        List<JsonNode> os = OpenSlideOracle.read(slide, regions);
        try (TiffSlide s = TiffSlide.open(slide)) {
            assertThat(os.get(0).get("level_count").asInt()).isEqualTo(s.levels().size());
            assertThat(os.get(0).get("properties").get("openslide.mpp-x").asDouble()).isEqualTo(s.micronsPerPixel());
            for (int k = 0; k < regions.size(); k++) {
                String[] r = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2]),
                        Integer.parseInt(r[3]), Integer.parseInt(r[4])));
                double[] mean = new double[3];
                for (int px : ours.pixels()) {
                    mean[0] += px >> 16 & 0xFF;
                    mean[1] += px >> 8 & 0xFF;
                    mean[2] += px & 0xFF;
                }
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(mean[ch] / ours.pixels().length).as(regions.get(k)).isCloseTo(os.get(1 + k).get("mean").get(ch).asDouble(), within(0.5));
                }
                JsonNode tl = os.get(1 + k).get("top_left");
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int px = ours.rgb(x, y);
                        assertThat(px >> 16 & 0xFF).isCloseTo(tl.get(y).get(x).get(0).asInt(), within(2));
                        assertThat(px & 0xFF).isCloseTo(tl.get(y).get(x).get(2).asInt(), within(2));
                    }
                }
            }
        }
    }
}
