package org.livercast.learn.features;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A report's text as a fixed-length vector: hashed character bigrams and trigrams (so Chinese, which has no spaces,
 * and English are treated alike), log-scaled counts, L2-normalised. Needs no vocabulary or downloaded model, and is
 * the same on every machine. The text must already be stripped of its identifying header ({@code ReportHeader}).
 */
public final class TextEmbedding {
    private TextEmbedding() {}

    public static float[] of(String text, int dims) {
        float[] v = new float[dims];
        String t = text.toLowerCase(Locale.ROOT).replaceAll("\\d", "0").replaceAll("\\s+", " ");
        int[] cps = t.codePoints().toArray();
        for (int n = 2; n <= 3; n++) {
            for (int i = 0; i + n <= cps.length; i++) {
                String gram = new String(cps, i, n);
                int h = fnv1a(gram);
                int bucket = Math.floorMod(h, dims);
                v[bucket] += (h & 0x8000_0000) != 0 ? -1f : 1f;  // signed hashing keeps collisions unbiased
            }
        }
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (Math.signum(v[i]) * Math.log1p(Math.abs(v[i])));
            norm += v[i] * v[i];
        }
        if (norm > 0) for (int i = 0; i < dims; i++) v[i] /= (float) Math.sqrt(norm);
        return v;
    }

    private static int fnv1a(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }
}
