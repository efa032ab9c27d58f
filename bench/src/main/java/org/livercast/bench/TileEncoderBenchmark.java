package org.livercast.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.livercast.learn.slide.NetworkTiles;
import org.livercast.learn.slide.TileEncoder;
import org.livercast.learn.slide.TokenPooling;
import org.livercast.pathology.slide.RgbImage;

/**
 * Tile-embedding throughput of a user's tile encoder through LiverCast ({@link TileEncoder#load}: a TorchScript file run
 * by PyTorch via DJL, or an ONNX file run by ONNX Runtime; packed RGB to normalised float, batches of 32): N random
 * 224 px tiles, one warm-up pass, then one timed pass; a transformer's tokens pooled as TOKENS says (e.g. cls).
 * Usage: TileEncoderBenchmark MODEL.pt|MODEL.onnx TILES [TOKENS] — prints "livercast TILES_PER_S DIMENSION CHECKSUM".
 */
public final class TileEncoderBenchmark {
    private TileEncoderBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Random r = new Random(5);
        List<RgbImage> tiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] px = new int[224 * 224];
            for (int k = 0; k < px.length; k++) px[k] = r.nextInt(1 << 24);
            tiles.add(new RgbImage(224, 224, px));
        }
        NetworkTiles reading = NetworkTiles.of(224).withPooling(TokenPooling.parse(args.length > 2 ? args[2] : "none"));
        long loading = System.nanoTime();
        try (TileEncoder enc = TileEncoder.load(model, reading)) {
            // Opening the model: reading it, a bfloat16 one's rewrite, ONNX Runtime's graph optimisation.
            double loadSeconds = (System.nanoTime() - loading) / 1e9;
            enc.embedAll(tiles);
            long t = System.nanoTime();
            List<float[]> e = enc.embedAll(tiles);
            double seconds = (System.nanoTime() - t) / 1e9;
            // The sum of every embedding value's magnitude, as the PyTorch script prints it (a ViT's layer-normed class token
            // sums to 0): the formats must agree on the numbers too.
            double checksum = 0;
            for (float[] v : e) for (float x : v) checksum += Math.abs(x);
            System.out.printf(Locale.ROOT, "livercast %.1f %d %.1f %.2f%n", n / seconds, e.get(0).length, checksum, loadSeconds);
        }
    }
}
