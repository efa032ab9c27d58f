package org.livercast.pathology.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The libjpeg-turbo bridge must give the JDK decoder's pixels (both are libjpeg with the islow IDCT and fancy
 * upsampling) and must recover after a corrupt tile. CI installs libturbojpeg0-dev, so the bridge is built there.
 */
class TurboJpegTest {
    private static byte[] jpegOf(int w, int h, long seed) throws IOException {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) (200 + 40 * Math.sin(x / 9.0)) + rnd.nextInt(10);
                int g = (int) (120 + 60 * Math.cos(y / 7.0)) + rnd.nextInt(10);
                int b = (int) (180 + 30 * Math.sin((x + y) / 13.0)) + rnd.nextInt(10);
                img.setRGB(x, y, Math.min(r, 255) << 16 | Math.min(g, 255) << 8 | Math.min(b, 255));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void theBridgeIsBuiltWhereLibjpegTurboIsInstalled() {
        boolean headers = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/include/turbojpeg.h"));
        boolean gcc = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "gcc")));
        assertEquals(headers && gcc && !"false".equals(System.getProperty("livercast.turbojpeg")), TurboJpeg.available(),
                "libjpeg-turbo bridge availability");
    }

    @Test
    void turboAndJdkDecodersGiveTheSamePixels() throws IOException {
        byte[] jpeg = jpegOf(256, 240, 7);
        int[] jdk = TileCodecs.jdkJpeg(jpeg, 256, 240, "test");
        int[] any = TileCodecs.jpeg(null, jpeg, 256, 240, "test");
        int maxDiff = 0;
        for (int i = 0; i < jdk.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                maxDiff = Math.max(maxDiff, Math.abs((jdk[i] >> shift & 0xFF) - (any[i] >> shift & 0xFF)));
            }
        }
        assertTrue(maxDiff <= 1, "max channel difference " + maxDiff);
    }

    @Test
    void aCorruptTileIsNamedAndTheNextTileStillDecodes() throws IOException {
        byte[] good = jpegOf(64, 64, 3);
        byte[] bad = Arrays.copyOf(good, 400);
        Arrays.fill(bad, 200, 400, (byte) 0xFF);
        TiffException e = assertThrows(TiffException.class, () -> TileCodecs.jpeg(null, bad, 64, 64, "slide.svs tile (3, 4)"));
        assertTrue(e.getMessage().startsWith("slide.svs tile (3, 4): "), e.getMessage());
        if (TurboJpeg.available()) {
            // In libjpeg-turbo's words (a code alone told a user nothing), and the next failure gives its own.
            assertTrue(e.getMessage().matches("slide\\.svs tile \\(3, 4\\): corrupt JPEG tile: \\S.*"), e.getMessage());
            TiffException noImage = assertThrows(TiffException.class, () -> TileCodecs.jpeg(null, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, 64, 64, "t"));
            assertTrue(noImage.getMessage().startsWith("t: corrupt JPEG tile: "), noImage.getMessage());
            assertTrue(!noImage.getMessage().substring(3).equals(e.getMessage().substring("slide.svs tile (3, 4)".length())), noImage.getMessage());
        }
        assertArrayEquals(TileCodecs.jdkJpeg(good, 64, 64, "jdk"), TileCodecs.jpeg(null, good, 64, 64, "after"));
        TiffException size = assertThrows(TiffException.class, () -> TileCodecs.jpeg(null, good, 32, 64, "small"));
        assertTrue(size.getMessage().contains("64"), size.getMessage());
    }
}
