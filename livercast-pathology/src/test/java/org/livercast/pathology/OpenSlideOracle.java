package org.livercast.pathology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** OpenSlide itself (Debian's python3-openslide), run from the tests as the reference reader. */
public final class OpenSlideOracle {
    private OpenSlideOracle() {}

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/openslide"));
    }

    /** First element: the slide summary; then one element per region "level:x0:y0:w:h". */
    public static List<JsonNode> read(Path slide, List<String> regions) throws IOException, InterruptedException {
        Path script = Files.createTempFile("openslide_regions", ".py");
        Path out = Files.createTempFile("openslide", ".out");
        try {
            try (var in = OpenSlideOracle.class.getResourceAsStream("/oracle/openslide_regions.py")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), slide.toString()));
            cmd.addAll(regions);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("OpenSlide timed out on " + slide);
            }
            if (p.exitValue() != 0) throw new IOException("OpenSlide failed on " + slide + " (exit " + p.exitValue() + ")");
            List<JsonNode> lines = new ArrayList<>();
            ObjectMapper m = new ObjectMapper();
            for (String line : Files.readAllLines(out)) if (!line.isBlank()) lines.add(m.readTree(line));
            return lines;
        } finally {
            // Every call wrote two files; left behind, a test run added ~250 of them to /tmp.
            Files.deleteIfExists(script);
            Files.deleteIfExists(out);
        }
    }

    /** A region read with ":raw": its RGB pixels, packed, row by row. */
    public static int[] pixels(JsonNode region) {
        byte[] rgb = java.util.Base64.getDecoder().decode(region.get("rgb").asText());
        int[] out = new int[rgb.length / 3];
        for (int i = 0; i < out.length; i++) out[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
        return out;
    }

    /** A region read with ":raw": its alpha, 0 where OpenSlide painted nothing. */
    public static byte[] alpha(JsonNode region) { return java.util.Base64.getDecoder().decode(region.get("alpha").asText()); }

    /**
     * How closely packed RGB pixels agree with a region read with ":raw", where OpenSlide painted (alpha above 0): the
     * largest difference in a channel, and the share of channel values that differ by more than 2.
     */
    public record Agreement(int painted, int worst, double shareOver2) {}

    public static Agreement agreement(int[] ours, JsonNode region) {
        int[] theirs = pixels(region);
        byte[] alpha = alpha(region);
        int painted = 0;
        int worst = 0;
        long over2 = 0;
        for (int i = 0; i < ours.length; i++) {
            if (alpha[i] == 0) continue;
            painted++;
            for (int sh = 0; sh <= 16; sh += 8) {
                int d = Math.abs((ours[i] >> sh & 0xFF) - (theirs[i] >> sh & 0xFF));
                worst = Math.max(worst, d);
                if (d > 2) over2++;
            }
        }
        return new Agreement(painted, worst, painted == 0 ? 0 : over2 / (3.0 * painted));
    }

    /** The MD5 of an image's RGB bytes, as openslide_regions.py reports a region's. */
    public static String md5(org.livercast.pathology.slide.RgbImage img) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(img.rgbBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
