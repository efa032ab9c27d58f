package org.livercast.pathology.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.slide.Jpeg2000CodestreamHeader;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;

/**
 * Aperio SVS files whose tiles are JPEG 2000 codestreams, as Aperio's older scanners write them: compression 33003
 * (Y, Cb, Cr components) and 33005 (R, G, B). The codestreams are made by Pillow/OpenJPEG (oracle/j2k_tiles.py) and the
 * files assembled here; LiverCast reads them as OpenSlide does, pixel for pixel within one level of rounding, and
 * within the YCbCr round trip of the image.
 */
class AperioJpeg2000Test {
    static final int W = 600;
    static final int H = 400;
    static final int TILE = 240;

    @TempDir
    static Path dir;

    @BeforeAll
    static void codestreams() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/PIL")), "needs python3-pil");
        org.livercast.pathology.PythonOracle.run(dir, "j2k_tiles.py", dir.resolve("tiles").toString(), "" + W, "" + H, "" + TILE);
    }

    /** An Aperio SVS of one level whose tiles are the script's codestreams of {@code kind}. */
    static Path svs(String kind, int compression) throws Exception {
        Path out = dir.resolve(kind + ".svs");
        int across = (W + TILE - 1) / TILE;
        int down = (H + TILE - 1) / TILE;
        long[] offsets = new long[across * down];
        long[] counts = new long[offsets.length];
        try (TiffWriter w = new TiffWriter(out, false)) {
            for (int r = 0; r < down; r++) {
                for (int c = 0; c < across; c++) {
                    byte[] t = Files.readAllBytes(dir.resolve("tiles").resolve(kind + "_" + c + "_" + r + ".j2k"));
                    offsets[r * across + c] = w.append(t);
                    counts[r * across + c] = t.length;
                }
            }
            w.finish(List.of(new TiffWriter.Directory()
                    .longs(Ifd.IMAGE_WIDTH, W).longs(Ifd.IMAGE_LENGTH, H)
                    .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, compression).shorts(Ifd.PHOTOMETRIC, 2)
                    .ascii(Ifd.IMAGE_DESCRIPTION, "Aperio Image Library v11.2.1\r\n" + W + "x" + H + " [0,0 " + W + "x" + H + "] (" + TILE + "x" + TILE
                            + ") J2K/KDU Q=70|AppMag = 20|MPP = 0.4990")
                    .shorts(Ifd.SAMPLES_PER_PIXEL, 3).shorts(Ifd.PLANAR_CONFIGURATION, 1)
                    .longs(Ifd.TILE_WIDTH, TILE).longs(Ifd.TILE_LENGTH, TILE)
                    .offsets(Ifd.TILE_OFFSETS, false, offsets).offsets(Ifd.TILE_BYTE_COUNTS, false, counts)));
        }
        return out;
    }

    @Test
    void ycbcrAndRgbTilesReadAsOpenSlideReadsThem() throws Exception {
        byte[] image = Files.readAllBytes(dir.resolve("tiles/image.rgb"));
        for (Object[] k : new Object[][] {{"ycbcr", 33003, 3}, {"rgb", 33005, 0}}) {
            Path slide = svs((String) k[0], (int) k[1]);
            try (TiffSlide s = TiffSlide.open(slide)) {
                RgbImage whole = s.readRegion(new RegionRequest(0, 0, 0, W, H));
                // Lossless coding: RGB exactly; YCbCr within Pillow's 8-bit conversion there and back.
                assertThat(maxDifference(whole, image)).as((String) k[0]).isLessThanOrEqualTo((int) k[2]);
                assertThat(s.micronsPerPixel()).isEqualTo(0.499);
            }
            agreesWithOpenSlide(slide, List.of("0:0:0:600:400", "0:250:130:200:200"));
        }
    }

    /**
     * Aperio's 4:2:2 (Cb and Cr at half width in the codestream, made by opj_compress): through the OpenJPEG bridge the
     * chroma is repeated over the pixels it covers, as OpenSlide does, and the two agree; without the bridge the tile
     * is refused saying what it needs.
     */
    @Test
    void subsampledChromaReadsAsOpenSlideReadsIt() throws Exception {
        Assumptions.assumeTrue(Files.exists(dir.resolve("tiles/ycbcr422_0_0.j2k")), "needs opj_compress (libopenjp2-tools)");
        Path slide = svs("ycbcr422", 33003);
        boolean bridge = Files.exists(Path.of("/usr/include/openjpeg-2.5/openjpeg.h")) && !"false".equals(System.getProperty("livercast.openjpeg"));
        if (!bridge) {
            try (TiffSlide t = TiffSlide.open(slide)) {
                assertThatThrownBy(() -> t.readTile(0, 1, 1)).isInstanceOf(TiffException.class).hasMessageContaining("tile (1, 1)")
                        .hasMessageContaining("subsampled components").hasMessageContaining("OpenJPEG bridge");
            }
            return;
        }
        try (TiffSlide s = TiffSlide.open(slide)) {
            // Half-width chroma, averaged in pairs: close to the image, not equal.
            assertThat(maxDifference(s.readRegion(new RegionRequest(0, 0, 0, W, H)), Files.readAllBytes(dir.resolve("tiles/image.rgb")))).isLessThan(40);
        }
        agreesWithOpenSlide(slide, List.of("0:0:0:600:400", "0:250:130:200:200"));
    }

    /**
     * An Aperio JPEG 2000 slide sent to a PACS as DICOM keeps its codestreams (no second loss): each tile a JPEG 2000
     * frame, the Photometric Interpretation saying what the codestream holds — YBR_FULL for Y, Cb, Cr components,
     * YBR_RCT for R, G, B through the reversible transform — valid for dciodvfy, decoded by GDCM (its own OpenJPEG) as
     * LiverCast decodes it, and read back tile for tile. Aperio's 4:2:2 has no DICOM name and is written native.
     */
    @Test
    void jpeg2000TilesBecomeDicomJpeg2000FramesUnchanged() throws Exception {
        for (Object[] k : new Object[][] {{"rgb", 33005, "YBR_RCT"}, {"lossy", 33003, "YBR_ICT"}}) {
            String kind = (String) k[0];
            Path svs = svs(kind, (int) k[1]);
            Path folder = dir.resolve("dicom-" + kind);
            try (TiffSlide t = TiffSlide.open(svs)) {
                org.livercast.pathology.dicom.DicomSlideWriter.write(t, org.livercast.pathology.dicom.WsiMetadata.anonymous("J2K-" + kind,
                        java.time.LocalDateTime.of(2024, 1, 2, 3, 4), "j2k-" + kind), folder);
                try (org.livercast.pathology.dicom.DicomSlide d = org.livercast.pathology.dicom.DicomSlide.open(folder)) {
                    assertThat(d.attributes(0).string(org.livercast.imaging.dicom.Tag.PhotometricInterpretation)).as(kind).isEqualTo(k[2]);
                    assertThat(d.storage(0)).as(kind).anySatisfy(line -> assertThat(line).containsIgnoringCase("jpeg 2000"));
                    for (int r = 0; r < 2; r++) {
                        for (int c = 0; c < 3; c++) {
                            // the codestream as it is, and a zero after its EOC where its length is odd (items are even)
                            byte[] codestream = kind.equals("lossy") ? Jpeg2000CodestreamHeader.withColourTransform(t.jpeg2000Tile(0, c, r), "test")
                                    : t.jpeg2000Tile(0, c, r);
                            byte[] padded = java.util.Arrays.copyOf(codestream, codestream.length + (codestream.length & 1));
                            assertThat(java.util.Arrays.equals(d.jpeg2000Tile(0, c, r), padded)).as("%s frame %d,%d is the tile's codestream", kind, c, r).isTrue();
                        }
                    }
                    // R, G, B: the same decoding. Y, Cb, Cr: converted by OpenJPEG's inverse ICT rather than OpenSlide's table, within 2.
                    int worst = maxDifference(d.readRegion(new RegionRequest(0, 0, 0, W, H)), t.readRegion(new RegionRequest(0, 0, 0, W, H)).rgbBytes());
                    assertThat(worst).as(kind).isLessThanOrEqualTo(kind.equals("rgb") ? 0 : 2);
                }
                Path level0 = folder.resolve("level-0.dcm");
                if (Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
                    String report = run("/usr/bin/dciodvfy", level0.toString());
                    assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(kind + ":\n" + report).isEmpty();
                }
                if (Files.isExecutable(Path.of("/usr/bin/gdcmconv")) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pydicom"))) {
                    Path raw = dir.resolve("raw-" + kind + ".dcm");
                    assertThat(run("/usr/bin/gdcmconv", "--raw", level0.toString(), raw.toString())).as("gdcmconv " + kind).doesNotContainIgnoringCase("error");
                    Path rgb = dir.resolve("frame-" + kind + ".rgb");
                    org.livercast.pathology.PythonOracle.run(dir, "gdcm_raw_frame.py", raw.toString(), rgb.toString());
                    byte[] theirs = Files.readAllBytes(rgb);
                    int[] ours = t.readTile(0, 0, 0).pixels();
                    int worst = 0;
                    for (int i = 0; i < ours.length; i++) {
                        for (int ch = 0; ch < 3; ch++) worst = Math.max(worst, Math.abs((ours[i] >> (16 - 8 * ch) & 0xFF) - (theirs[3 * i + ch] & 0xFF)));
                    }
                    // GDCM's decoding: R, G, B through the RCT exactly; through the ICT within 2 of OpenSlide's conversion.
                    assertThat(worst).as("GDCM's decoding of %s frame 0", kind).isLessThanOrEqualTo(kind.equals("rgb") ? 0 : 2);
                }
            }
        }
        // Y, Cb, Cr coded 5/3 (the RCT is not their transform) and Aperio's 4:2:2 have no DICOM name: written native.
        for (String kind : List.of("ycbcr", "ycbcr422")) {
            if (!Files.exists(dir.resolve("tiles/" + kind + "_0_0.j2k"))) continue;          // 4:2:2 needs opj_compress
            try (TiffSlide t = TiffSlide.open(svs(kind, 33003))) {
                Path folder = dir.resolve("dicom-native-" + kind);
                org.livercast.pathology.dicom.DicomSlideWriter.write(t, org.livercast.pathology.dicom.WsiMetadata.anonymous("J2K-" + kind,
                        java.time.LocalDateTime.of(2024, 1, 2, 3, 4), "j2k-native-" + kind), folder);
                try (org.livercast.pathology.dicom.DicomSlide d = org.livercast.pathology.dicom.DicomSlide.open(folder)) {
                    assertThat(d.attributes(0).string(org.livercast.imaging.dicom.Tag.PhotometricInterpretation)).as(kind).isEqualTo("RGB");
                    assertThat(d.jpeg2000Tile(0, 0, 0)).as("%s is written native", kind).isNull();
                    assertThat(d.readTile(0, 1, 1).pixels()).as(kind).isEqualTo(t.readTile(0, 1, 1).pixels());
                }
            }
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void aDamagedCodestreamIsRefusedNamingTheTile() throws Exception {
        Path slide = svs("ycbcr", 33003);
        try (TiffSlide s = TiffSlide.open(slide)) {
            byte[] b = Files.readAllBytes(slide);
            long at = s.tiff().ifds().get(0).numbers(Ifd.TILE_OFFSETS)[4];
            b[(int) at] = 0;                                                     // no SOC marker: not a codestream
            Path sub = dir.resolve("sub.svs");
            Files.write(sub, b);
            try (TiffSlide t = TiffSlide.open(sub)) {
                assertThatThrownBy(() -> t.readTile(0, 1, 1)).isInstanceOf(TiffException.class).hasMessageContaining("sub.svs")
                        .hasMessageContaining("tile (1, 1)").hasMessageContaining("JPEG 2000");
                assertThat(t.readTile(0, 0, 0).pixels()).hasSize(TILE * TILE);
            }
        }
    }

    private static void agreesWithOpenSlide(Path slide, List<String> regions) throws Exception {
        Assumptions.assumeTrue(OpenSlideOracle.available(), "needs python3-openslide");
        List<JsonNode> os = OpenSlideOracle.read(slide, regions);
        assertThat(os.get(0).get("properties").get("openslide.vendor").asText()).isEqualTo("aperio");
        try (TiffSlide s = TiffSlide.open(slide)) {
            for (int k = 0; k < regions.size(); k++) {
                String[] r = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(0, Long.parseLong(r[1]), Long.parseLong(r[2]), Integer.parseInt(r[3]), Integer.parseInt(r[4])));
                double[] mean = new double[3];
                for (int px : ours.pixels()) {
                    mean[0] += px >> 16 & 0xFF;
                    mean[1] += px >> 8 & 0xFF;
                    mean[2] += px & 0xFF;
                }
                JsonNode tl = os.get(1 + k).get("top_left");
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int px = ours.rgb(x, y);
                        for (int ch = 0; ch < 3; ch++) {
                            assertThat(px >> (16 - 8 * ch) & 0xFF).as("%s %s (%d, %d)", slide.getFileName(), regions.get(k), x, y)
                                    .isCloseTo(tl.get(y).get(x).get(ch).asInt(), org.assertj.core.data.Offset.offset(1));
                        }
                    }
                }
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(mean[ch] / ours.pixels().length).isCloseTo(os.get(1 + k).get("mean").get(ch).asDouble(), org.assertj.core.data.Offset.offset(0.1));
                }
            }
        }
    }

    private static int maxDifference(RgbImage img, byte[] rgb) {
        int max = 0;
        for (int i = 0; i < img.pixels().length; i++) {
            int p = img.pixels()[i];
            for (int ch = 0; ch < 3; ch++) max = Math.max(max, Math.abs((p >> (16 - 8 * ch) & 0xFF) - (rgb[3 * i + ch] & 0xFF)));
        }
        return max;
    }
}
