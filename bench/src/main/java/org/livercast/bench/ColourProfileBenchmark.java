package org.livercast.bench;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.livercast.pathology.slide.ColourProfile;
import org.livercast.pathology.slide.RgbImage;

/**
 * ICC conversion of Deep Zoom-sized tiles (254 px) to sRGB as the web viewer converts a slide whose scanner profile is not
 * sRGB: {@code TILES} random tiles, from a linear-light RGB profile (written to PROFILE for the peer), on THREADS threads
 * sharing one {@link ColourProfile}, best of 5 passes. Prints: livercast TILES_PER_S CHECKSUM (the sum of the converted
 * bytes, which Pillow's run prints for the same tiles).
 * Usage: ColourProfileBenchmark TILES THREADS PROFILE_OUT
 */
public final class ColourProfileBenchmark {
    static final int SIDE = 254;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        Files.write(Path.of(args[2]), icc);
        List<RgbImage> tiles = tiles(n);
        ColourProfile profile = ColourProfile.of(icc, "benchmark");
        long checksum = 0;
        for (RgbImage t : tiles) for (int p : profile.toSrgb(t).pixels()) checksum += (p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF);
        double best = Double.MAX_VALUE;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int pass = 0; pass < 5; pass++) {
                long t = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    int first = k;
                    running.add(pool.submit(() -> {
                        for (int i = first; i < n; i += threads) profile.toSrgb(tiles.get(i));
                    }));
                }
                for (Future<?> f : running) f.get();
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf(Locale.ROOT, "livercast %.1f %d%n", n / best, checksum);
    }

    /** The same tiles the Python peer makes: byte k of tile i is (k * 7 + i * 13 + (k / 762) * 5) mod 256. */
    static List<RgbImage> tiles(int n) {
        List<RgbImage> tiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] px = new int[SIDE * SIDE];
            for (int p = 0; p < px.length; p++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    int k = 3 * p + c;
                    rgb = rgb << 8 | (k * 7 + i * 13 + (k / (3 * SIDE)) * 5) & 0xFF;
                }
                px[p] = rgb;
            }
            tiles.add(new RgbImage(SIDE, SIDE, px));
        }
        return tiles;
    }

    private ColourProfileBenchmark() {}
}
