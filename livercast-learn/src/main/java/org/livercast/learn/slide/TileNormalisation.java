package org.livercast.learn.slide;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.livercast.pathology.slide.RgbImage;

/**
 * How a network exported from PyTorch wants its tiles: [N, 3, S, S] floats, RGB scaled to [0, 1], then per channel
 * (value − mean) / std with the statistics its model was trained on. ImageNet's are the default (UNI, Virchow,
 * CTransPath, Phikon, Prov-GigaPath); CLIP's serve CONCH-like models; others publish their own (H-optimus-0's
 * 0.707223,0.578729,0.703617 / 0.211883,0.230117,0.177517); {@code none} leaves [0, 1] for an export that normalises
 * inside. Shared by the TorchScript and ONNX encoders, so one network in either format sees the same numbers; part of
 * the encoder's id, because another normalisation gives other embeddings from the same file.
 *
 * @param name imagenet, clip, none, or the statistics as written (mean/std)
 */
public record TileNormalisation(String name, float[] mean, float[] std) {
    public static final TileNormalisation IMAGENET = new TileNormalisation("imagenet", new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    /** OpenAI CLIP's statistics (open_clip's OPENAI_DATASET_MEAN / STD). */
    public static final TileNormalisation CLIP = new TileNormalisation("clip", new float[] {0.48145466f, 0.4578275f, 0.40821073f},
            new float[] {0.26862954f, 0.26130258f, 0.27577711f});
    public static final TileNormalisation NONE = new TileNormalisation("none", new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});

    private static final List<TileNormalisation> NAMED = List.of(IMAGENET, CLIP, NONE);

    public TileNormalisation {
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() { return mean.clone(); }

    @Override
    public float[] std() { return std.clone(); }

    /**
     * {@code imagenet}, {@code clip}, {@code none}, or {@code R,G,B/R,G,B}: the mean and standard deviation of each channel on
     * the [0, 1] scale.
     *
     * @throws IllegalArgumentException saying what is wrong (a 0–255 statistic is named as such)
     */
    public static TileNormalisation parse(String text) {
        String t = text.strip();
        for (TileNormalisation n : NAMED) if (n.name.equals(t.toLowerCase(Locale.ROOT))) return n;
        String[] parts = t.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "': imagenet, clip, none, or mean/std as R,G,B/R,G,B (e.g. 0.707,0.579,0.704/0.212,0.230,0.178)");
        }
        float[] mean = channels(text, "mean", parts[0]);
        float[] std = channels(text, "std", parts[1]);
        for (int c = 0; c < 3; c++) {
            if (mean[c] < 0 || mean[c] > 1 || std[c] <= 0 || std[c] > 1) {
                throw new IllegalArgumentException("'" + text + "': each mean must be in [0, 1] and each std in (0, 1], on the [0, 1] scale of the "
                        + "pixels (statistics on the 0-255 scale, e.g. 123.675/58.395, divide by 255)");
            }
        }
        TileNormalisation given = new TileNormalisation(canonical(mean) + "/" + canonical(std), mean, std);
        // Named statistics written out are the named ones (the same id, so the same cached embeddings and models).
        return NAMED.stream().filter(given::equals).findFirst().orElse(given);
    }

    private static float[] channels(String text, String what, String part) {
        String[] values = part.split(",", -1);
        if (values.length != 3) throw new IllegalArgumentException("'" + text + "': the " + what + " needs 3 values (R,G,B), not " + values.length);
        float[] out = new float[3];
        for (int c = 0; c < 3; c++) {
            try {
                out[c] = Float.parseFloat(values[c].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': " + what + " value '" + values[c].strip() + "' is not a number");
            }
            if (!Float.isFinite(out[c])) throw new IllegalArgumentException("'" + text + "': " + what + " value " + values[c].strip() + " is not finite");
        }
        return out;
    }

    private static String canonical(float[] v) {
        return String.join(",", Float.toString(v[0]), Float.toString(v[1]), Float.toString(v[2]));
    }

    /**
     * What the encoder's id gains: nothing for ImageNet (so ids, caches and models from before stay valid), else the name,
     * or the statistics themselves — a model's registry entry then says exactly how its tiles were prepared.
     */
    String idSuffix() {
        if (this.equals(IMAGENET)) return "";
        if (NAMED.contains(this)) return "-" + NAMED.get(NAMED.indexOf(this)).name;
        return "-mean" + canonical(mean).replace(',', '_') + "-std" + canonical(std).replace(',', '_');
    }

    /** The tiles, each resized (bilinear) to {@code sidePx}, channels last ([N, S, S, 3]: a TensorFlow model's layout). */
    float[] nhwc(List<RgbImage> tiles, int sidePx) { return normalised(tiles, sidePx, 1, 3); }

    /** The tiles, each resized (bilinear) to {@code sidePx}, channel-major per tile, tile after tile ([N, 3, S, S]). */
    float[] nchw(List<RgbImage> tiles, int sidePx) { return normalised(tiles, sidePx, sidePx * sidePx, 1); }

    /** Channel c of a tile's pixel i goes to base + c·channelStride + i·pixelStride: the one loop behind both layouts. */
    private float[] normalised(List<RgbImage> tiles, int sidePx, int channelStride, int pixelStride) {
        int plane = sidePx * sidePx;
        float[] out = new float[tiles.size() * 3 * plane];
        for (int n = 0; n < tiles.size(); n++) {
            int[] px = tiles.get(n).resized(sidePx, sidePx).pixels();
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                int p = px[i];
                int at = base + i * pixelStride;
                out[at] = ((p >> 16 & 0xFF) / 255f - mean[0]) / std[0];
                out[at + channelStride] = ((p >> 8 & 0xFF) / 255f - mean[1]) / std[1];
                out[at + 2 * channelStride] = ((p & 0xFF) / 255f - mean[2]) / std[2];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileNormalisation n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std); }

    @Override
    public String toString() { return name; }
}
