package org.livercast.pathology.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.OpenSlideOracle;
import org.livercast.pathology.Synthetic;

/**
 * Slides made in the test by libvips (`vips tiffsave --tile --pyramid`) in each compression, read by LiverCast and by
 * OpenSlide: same levels and dimensions; region pixels identical for lossless compression, within ±2 for JPEG.
 */
class VipsSlidesTest {
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "lzw", "deflate", "none"})
    void vipsSlidesMatchOpenSlide(String compression, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/vips")) && OpenSlideOracle.available(), "needs libvips-tools and python3-openslide");
        Path png = dir.resolve("tissue.png");
        javax.imageio.ImageIO.write(new RgbImage(1300, 900, Synthetic.slide(1300, 900).read(0, 0, 1300, 900)).toBufferedImage(), "png", png.toFile());
        Path tif = dir.resolve("slide_" + compression + ".tif");
        Process p = new ProcessBuilder("/usr/bin/vips", "tiffsave", png.toString(), tif.toString(), "--tile", "--pyramid",
                "--compression", compression, "--tile-width", "256", "--tile-height", "256").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        List<String> regions = List.of("0:0:0:300:200", "0:500:350:256:256", "1:400:300:200:150", "2:0:0:325:225");
        List<JsonNode> os = OpenSlideOracle.read(tif, regions);
        try (TiffSlide s = TiffSlide.open(tif)) {
            assertThat(s.levels()).hasSize(os.get(0).get("level_count").asInt());
            for (int i = 0; i < s.levels().size(); i++) {
                assertThat(s.levels().get(i).width()).isEqualTo(os.get(0).get("level_dimensions").get(i).get(0).asLong());
                assertThat(s.levels().get(i).height()).isEqualTo(os.get(0).get("level_dimensions").get(i).get(1).asLong());
            }
            for (int k = 0; k < regions.size(); k++) {
                String[] r = regions.get(k).split(":");
                RgbImage ours = s.readRegion(new RegionRequest(Integer.parseInt(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2]),
                        Integer.parseInt(r[3]), Integer.parseInt(r[4])));
                JsonNode o = os.get(1 + k);
                if (!compression.equals("jpeg")) {
                    String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(ours.rgbBytes()));
                    assertThat(md5).as(compression + " region " + regions.get(k)).isEqualTo(o.get("md5").asText());
                } else {
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            int px = ours.rgb(x, y);
                            int[] c = {px >> 16 & 0xFF, px >> 8 & 0xFF, px & 0xFF};
                            for (int ch = 0; ch < 3; ch++) assertThat(c[ch]).isCloseTo(o.get("top_left").get(y).get(x).get(ch).asInt(), within(2));
                        }
                    }
                }
            }
        }
    }
}
