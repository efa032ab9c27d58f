package org.livercast.pathology.tiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenJPEG bridge gives jai-imageio's components for Aperio's JPEG 2000 tiles (Pillow/OpenJPEG codestreams,
 * oracle/j2k_tiles.py): exactly for reversible coding, within one level for the lossy 9/7 wavelet; and it recovers after
 * a corrupt codestream. CI installs libopenjp2-7-dev, so the bridge is built there.
 */
class OpenJpegTest {
    static final int TILE = 240;

    @TempDir
    static Path dir;

    @BeforeAll
    static void codestreams() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/PIL")), "needs python3-pil");
        org.livercast.pathology.PythonOracle.run(dir, "j2k_tiles.py", dir.resolve("tiles").toString(), "480", "240", "" + TILE);
    }

    @Test
    void theBridgeIsBuiltWhereOpenJpegIsInstalled() {
        boolean headers = Files.exists(Path.of("/usr/include/openjpeg-2.5/openjpeg.h"));
        boolean gcc = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "gcc")));
        assertThat(OpenJpeg.available()).as("OpenJPEG bridge availability").isEqualTo(headers && gcc && !"false".equals(System.getProperty("livercast.openjpeg")));
    }

    @Test
    void bridgeAndPureJavaDecodersGiveTheSameComponents() throws Exception {
        Assumptions.assumeTrue(OpenJpeg.available(), "OpenJPEG bridge not built");
        for (String kind : new String[] {"ycbcr", "rgb", "lossy"}) {
            for (int c = 0; c < 2; c++) {
                byte[] cs = Files.readAllBytes(dir.resolve("tiles").resolve(kind + "_" + c + "_0.j2k"));
                int[] bridge = Jpeg2000Tiles.openJpeg(cs, TILE, TILE, "test");
                int[] java = Jpeg2000Tiles.jaiImageIo(cs, TILE, TILE, "test");
                int max = 0;
                for (int i = 0; i < bridge.length; i++) {
                    for (int s = 0; s <= 16; s += 8) max = Math.max(max, Math.abs((bridge[i] >> s & 0xFF) - (java[i] >> s & 0xFF)));
                }
                assertThat(max).as(kind + " tile " + c).isLessThanOrEqualTo(kind.equals("lossy") ? 1 : 0);
            }
        }
    }

    @Test
    void aCorruptCodestreamIsNamedAndTheNextTileDecodes() throws Exception {
        Assumptions.assumeTrue(OpenJpeg.available(), "OpenJPEG bridge not built");
        byte[] good = Files.readAllBytes(dir.resolve("tiles/rgb_0_0.j2k"));
        byte[] cut = java.util.Arrays.copyOf(good, 60);
        assertThatThrownBy(() -> Jpeg2000Tiles.openJpeg(cut, TILE, TILE, "slide.svs: level 0 tile (0, 0)")).isInstanceOf(TiffException.class)
                .hasMessageContaining("slide.svs: level 0 tile (0, 0)").hasMessageContaining("corrupt JPEG 2000 tile");
        assertThatThrownBy(() -> Jpeg2000Tiles.openJpeg(good, 256, 256, "t")).hasMessageContaining("size differs");
        assertThat(Jpeg2000Tiles.openJpeg(good, TILE, TILE, "t")).isEqualTo(Jpeg2000Tiles.jaiImageIo(good, TILE, TILE, "t"));
    }
}
