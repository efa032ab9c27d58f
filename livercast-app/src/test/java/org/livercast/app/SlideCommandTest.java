package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.livercast.pathology.slide.RgbImage;
import org.junit.jupiter.api.io.TempDir;

class SlideCommandTest {
    static final Path SVS = Path.of("..", "..", "shared", "reference", "pathology", "aperio_like.svs");

    @Test
    void infoRegionTilesAndQcOnARealSvs(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Cli info = Cli.runRaw("slide", "info", SVS.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("aperio, 4 levels, 0.4990 µm/px, 20x").contains("level 3: 256 x 192");
        assertThat(Cli.runRaw("slide", "info", "--json", SVS.toString()).out()).contains("\"openslide.mpp-x\" : \"0.499\"");
        Path png = tmp.resolve("r.png");
        Cli region = Cli.runRaw("slide", "region", SVS.toString(), "--level", "1", "--x", "400", "--y", "300", "--width", "120",
                "--height", "80", "--out", png.toString());
        assertThat(region.exitCode()).isZero();
        var img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(120);
        assertThat(img.getHeight()).isEqualTo(80);
        Cli tiles = Cli.runRaw("slide", "tiles", SVS.toString(), "--mpp", "1.0", "--size", "128", "--out", tmp.resolve("tiles").toString());
        assertThat(tiles.out()).containsPattern("wrote \\d+ tissue tiles");
        try (var s = Files.list(tmp.resolve("tiles"))) {
            assertThat(s.count()).isPositive();
        }
        Cli qc = Cli.runRaw("slide", "qc", SVS.toString());
        assertThat(qc.out()).contains("REJECTED").contains("too little tissue").contains("stain vectors");
    }

    /** A slide sent to a PACS as DICOM and read back from the folder: the same levels, MPP and pixels as the SVS. */
    @Test
    void toDicomThenInfoAndRegionFromTheFolder(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Path dicom = tmp.resolve("dicom");
        Cli export = Cli.runRaw("slide", "to-dicom", SVS.toString(), "--out", dicom.toString(), "--slide-id", "HE-0001", "--scanned", "2024-05-06T07:08:09");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).as(export.err()).contains("wrote 4 DICOM instances (4 levels)");
        Cli info = Cli.runRaw("slide", "info", dicom.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("dicom, 4 levels, 0.4990 µm/px, 20x").contains("level 3: 256 x 192").contains("associated images: []");
        assertThat(info.out()).containsPattern("level-0\\.dcm: TILED_FULL, jpeg baseline YBR_FULL_422, \\d+ frames")
                .contains("level-3.dcm: TILED_FULL, jpeg baseline YBR_FULL_422, 1 frame");
        Path fromSvs = tmp.resolve("a.png");
        Path fromDicom = tmp.resolve("b.png");
        for (Path[] p : new Path[][] {{SVS, fromSvs}, {dicom, fromDicom}}) {
            Cli r = Cli.runRaw("slide", "region", p[0].toString(), "--level", "1", "--x", "400", "--y", "300", "--width", "120", "--height", "80",
                    "--out", p[1].toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        var a = ImageIO.read(fromSvs.toFile());
        var b = ImageIO.read(fromDicom.toFile());
        for (int y = 0; y < 80; y++) for (int x = 0; x < 120; x++) assertThat(b.getRGB(x, y)).isEqualTo(a.getRGB(x, y));
        Cli one = Cli.runRaw("slide", "info", "--json", dicom.resolve("level-0.dcm").toString());
        assertThat(one.out()).contains("\"vendor\" : \"dicom\"").contains("\"storage\"").contains("level-0.dcm: TILED_FULL");
    }

    /** A slide written as a NanoZoomer writes it and read back: Hamamatsu, the same levels and MPP, pixels within JPEG's loss. */
    @Test
    void toNdpiThenInfoAndRegion(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Path ndpi = tmp.resolve("s.ndpi");
        Cli export = Cli.runRaw("slide", "to-ndpi", SVS.toString(), "--out", ndpi.toString(), "--reference", "S26-0001");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote " + ndpi + ": 4 levels");
        Cli info = Cli.runRaw("slide", "info", ndpi.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        // the four directories, and the smallest at 1/2, 1/4, 1/8 by the decoder's scaled DCT, as OpenSlide gives them
        assertThat(info.out()).contains("hamamatsu, 7 levels, 0.4990 µm/px, 20x").contains("level 3: 256 x 192").contains("associated images: []")
                .contains("level 4: 128 x 96").contains("decoded at 1/2 (the decoder's scaled DCT)")
                .containsPattern("directory 0: one JPEG of [\\d,]+ bytes, MCU 16x8, restart intervals of \\d+ MCUs \\(\\d+ tiles, starts recorded in MCU_STARTS\\)")
                .contains("directory 3: one JPEG of").contains("no restart markers (decoded whole)");
        Path fromSvs = tmp.resolve("a.png");
        Path fromNdpi = tmp.resolve("b.png");
        for (Path[] p : new Path[][] {{SVS, fromSvs}, {ndpi, fromNdpi}}) {
            Cli r = Cli.runRaw("slide", "region", p[0].toString(), "--x", "600", "--y", "500", "--width", "300", "--height", "200", "--out", p[1].toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(RgbImage.of(ImageIO.read(fromSvs.toFile())).meanAbsoluteDifference(RgbImage.of(ImageIO.read(fromNdpi.toFile())))).as("one more JPEG generation").isLessThan(3.0);
    }

    /** A slide written as a 3DHISTECH scanner stores it (a .mrxs and its folder) and read back: mirax, pixels within JPEG's loss. */
    @Test
    void toMiraxThenInfoAndRegion(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Path mrxs = tmp.resolve("s.mrxs");
        Cli export = Cli.runRaw("slide", "to-mirax", SVS.toString(), "--out", mrxs.toString(), "--image-px", "128");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).containsPattern("wrote .*s\\.mrxs: \\d+ zoom levels, \\d+ of \\d+ photos taken");
        assertThat(tmp.resolve("s").resolve("Slidedat.ini")).exists();
        Cli info = Cli.runRaw("slide", "info", mrxs.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("\"vendor\" : \"mirax\"").contains("\"mirax.GENERAL.CameraImageDivisionsPerSide\" : \"2\"");
        Path fromSvs = tmp.resolve("a.png");
        Path fromMirax = tmp.resolve("b.png");
        for (Path[] p : new Path[][] {{SVS, fromSvs}, {mrxs, fromMirax}}) {
            Cli r = Cli.runRaw("slide", "region", p[0].toString(), "--x", "600", "--y", "500", "--width", "300", "--height", "200", "--out", p[1].toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(RgbImage.of(ImageIO.read(fromSvs.toFile())).meanAbsoluteDifference(RgbImage.of(ImageIO.read(fromMirax.toFile())))).as("one more JPEG generation (4:2:0)").isLessThan(6.0);
    }

    /** A slide written as a Ventana scanner stores it (BIF) and read back: ventana, the same MPP, pixels within JPEG's loss. */
    @Test
    void toBifThenInfoAndRegion(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Path bif = tmp.resolve("s.bif");
        Cli export = Cli.runRaw("slide", "to-bif", SVS.toString(), "--out", bif.toString(), "--tile-px", "256", "--overlap-px", "16");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).containsPattern("wrote .*s\\.bif: \\d+ levels");
        Cli info = Cli.runRaw("slide", "info", bif.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("\"vendor\" : \"ventana\"").contains("\"openslide.region[0].x\" : \"0\"");
        Path fromSvs = tmp.resolve("a.png");
        Path fromBif = tmp.resolve("b.png");
        for (Path[] p : new Path[][] {{SVS, fromSvs}, {bif, fromBif}}) {
            Cli r = Cli.runRaw("slide", "region", p[0].toString(), "--x", "600", "--y", "500", "--width", "300", "--height", "200", "--out", p[1].toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(RgbImage.of(ImageIO.read(fromSvs.toFile())).meanAbsoluteDifference(RgbImage.of(ImageIO.read(fromBif.toFile())))).as("one more JPEG generation").isLessThan(6.0);
    }

    /** A slide written as a NanoZoomer of the VMS era stored it (a .vms naming JPEG files), and as a VMU, read back: hamamatsu, pixels within JPEG's loss. */
    @Test
    void toVmsAndVmuThenInfoAndRegion(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Path vms = tmp.resolve("s.vms");
        Cli export = Cli.runRaw("slide", "to-vms", SVS.toString(), "--out", vms.toString(), "--image-px", "1024");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).containsPattern("wrote .*s\\.vms: \\d+ x \\d+ JPEG files").containsPattern("reads as \\d+ levels");
        assertThat(tmp.resolve("s_map2.jpg")).exists();
        Path vmu = tmp.resolve("u.vmu");
        Cli uncompressed = Cli.runRaw("slide", "to-vms", SVS.toString(), "--out", vmu.toString(), "--uncompressed");
        assertThat(uncompressed.exitCode()).as(uncompressed.err()).isZero();
        Cli info = Cli.runRaw("slide", "info", vms.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("\"vendor\" : \"hamamatsu\"").contains("\"hamamatsu.MapFile\" : \"s_map2.jpg\"")
                .contains("JPEG files (s.jpg").contains("s_map2.jpg: the map");
        Path fromSvs = tmp.resolve("a.png");
        Path fromVms = tmp.resolve("b.png");
        Path fromVmu = tmp.resolve("c.png");
        for (Path[] p : new Path[][] {{SVS, fromSvs}, {vms, fromVms}, {vmu, fromVmu}}) {
            Cli r = Cli.runRaw("slide", "region", p[0].toString(), "--x", "600", "--y", "500", "--width", "300", "--height", "200", "--out", p[1].toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        RgbImage original = RgbImage.of(ImageIO.read(fromSvs.toFile()));
        assertThat(original.meanAbsoluteDifference(RgbImage.of(ImageIO.read(fromVms.toFile())))).as("one more JPEG generation").isLessThan(3.0);
        assertThat(original.meanAbsoluteDifference(RgbImage.of(ImageIO.read(fromVmu.toFile())))).as("uncompressed: the same pixels").isZero();
    }

    /** A slide written as a Sakura scanner stores it (an SQLite database) and read back: sakura, pixels within JPEG's loss. */
    @Test
    void toSvslideThenInfoAndRegion(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Path db = tmp.resolve("s.svslide");
        Cli export = Cli.runRaw("slide", "to-svslide", SVS.toString(), "--out", db.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).containsPattern("wrote .*s\\.svslide: \\d+ levels");
        Cli info = Cli.runRaw("slide", "info", db.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("\"vendor\" : \"sakura\"").contains("each 3 greyscale JPEGs");
        Path fromSvs = tmp.resolve("a.png");
        Path fromDb = tmp.resolve("b.png");
        for (Path[] p : new Path[][] {{SVS, fromSvs}, {db, fromDb}}) {
            Cli r = Cli.runRaw("slide", "region", p[0].toString(), "--x", "600", "--y", "500", "--width", "300", "--height", "200", "--out", p[1].toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(RgbImage.of(ImageIO.read(fromSvs.toFile())).meanAbsoluteDifference(RgbImage.of(ImageIO.read(fromDb.toFile())))).as("one more JPEG generation").isLessThan(3.0);
    }

    /** A slide written as a Trestle scanner stored it (overlapping tiles, the macro beside) and read back: trestle, pixels within JPEG's loss. */
    @Test
    void toTrestleThenInfoAndRegion(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(SVS));
        Path tif = tmp.resolve("s.tif");
        Cli export = Cli.runRaw("slide", "to-trestle", SVS.toString(), "--out", tif.toString(), "--overlap-px", "32");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).containsPattern("wrote .*s\\.tif \\(\\d files\\): \\d+ levels");
        Cli info = Cli.runRaw("slide", "info", tif.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("\"vendor\" : \"trestle\"").contains("OverlapsXY").contains("overlapping by 32 x 32 px");
        Path fromSvs = tmp.resolve("a.png");
        Path fromTif = tmp.resolve("b.png");
        for (Path[] p : new Path[][] {{SVS, fromSvs}, {tif, fromTif}}) {
            Cli r = Cli.runRaw("slide", "region", p[0].toString(), "--x", "600", "--y", "500", "--width", "300", "--height", "200", "--out", p[1].toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(RgbImage.of(ImageIO.read(fromSvs.toFile())).meanAbsoluteDifference(RgbImage.of(ImageIO.read(fromTif.toFile())))).as("one more JPEG generation").isLessThan(3.0);
    }

    @Test
    void aFileThatIsNotASlideIsRejectedWithExitThree(@TempDir Path tmp) throws Exception {
        Path junk = tmp.resolve("junk.svs");
        Files.writeString(junk, "not a tiff");
        Cli r = Cli.runRaw("slide", "info", junk.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("junk.svs").contains("not a TIFF");
    }
}
