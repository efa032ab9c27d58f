package org.livercast.learn.slide;

import java.util.Locale;

/**
 * How a transformer's tokens become one embedding per tile, for an export that gives [N, T, D] tokens rather than a
 * pooled [N, D] (Hugging Face's ONNX export of a ViT gives {@code last_hidden_state}): the class token (Phikon, UNI), the
 * mean of the patch tokens after the first K prefix tokens (class and register tokens; timm's {@code global_pool='avg'}),
 * or both side by side (Virchow's class token beside its mean patch token, K = 5 with its four registers). {@link #NONE}
 * takes the model's [N, D] output as it is. Part of the encoder's id: another pooling is another embedding.
 *
 * @param classToken whether token 0 is in the embedding
 * @param meanAfter the mean of tokens meanAfter … T − 1 is in the embedding, or −1 when it is not
 */
public record TokenPooling(boolean classToken, int meanAfter) {
    public static final TokenPooling NONE = new TokenPooling(false, -1);
    public static final TokenPooling CLS = new TokenPooling(true, -1);

    public TokenPooling {
        if (meanAfter < -1) throw new IllegalArgumentException("prefix tokens skipped before the mean: 0 or more, not " + meanAfter);
    }

    /**
     * {@code none}, {@code cls}, {@code mean[:K]} or {@code cls+mean[:K]}; K (default 1, the class token) prefix tokens are
     * left out of the mean.
     */
    public static TokenPooling parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none")) return NONE;
        if (t.equals("cls")) return CLS;
        boolean cls = t.startsWith("cls+");
        String mean = cls ? t.substring(4) : t;
        if (!mean.equals("mean") && !mean.startsWith("mean:")) {
            throw new IllegalArgumentException("'" + text + "': none, cls, mean[:K] or cls+mean[:K] (K prefix tokens left out of the mean, default 1)");
        }
        int skip = 1;
        if (mean.startsWith("mean:")) {
            try {
                skip = Integer.parseInt(mean.substring(5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': K, the prefix tokens left out of the mean, must be a whole number, not '" + mean.substring(5) + "'");
            }
            if (skip < 0) throw new IllegalArgumentException("'" + text + "': K, the prefix tokens left out of the mean, cannot be negative");
        }
        return new TokenPooling(cls, skip);
    }

    /** Whether the model is expected to give tokens ([N, T, D]) rather than embeddings ([N, D]). */
    public boolean poolsTokens() { return classToken || meanAfter >= 0; }

    /** The embedding's width for D-wide tokens. */
    int width(int tokenDim) { return (classToken ? tokenDim : 0) + (meanAfter >= 0 ? tokenDim : 0); }

    /** What the encoder's id gains: nothing for a model's own [N, D], else how its tokens were pooled. */
    String idSuffix() {
        if (!poolsTokens()) return "";
        return "-tokens" + (classToken ? "-cls" : "") + (meanAfter >= 0 ? "-mean" + meanAfter : "");
    }

    /**
     * One tile's embedding from its tokens, {@code tokens[offset + t·D + d]}.
     *
     * @throws IllegalArgumentException when there is no token left to average
     */
    float[] pool(float[] tokens, int offset, int tokenCount, int tokenDim) {
        if (meanAfter >= tokenCount) {
            throw new IllegalArgumentException("the model gives " + tokenCount + " tokens per tile, none left after the " + meanAfter + " prefix tokens the mean skips");
        }
        float[] out = new float[width(tokenDim)];
        int at = 0;
        if (classToken) {
            System.arraycopy(tokens, offset, out, 0, tokenDim);
            at = tokenDim;
        }
        if (meanAfter >= 0) {
            // Summed in double: a ViT-L tile has 256 tokens of 1,024 features, and float sums would depend on the order.
            double[] sum = new double[tokenDim];
            for (int t = meanAfter; t < tokenCount; t++) {
                int base = offset + t * tokenDim;
                for (int d = 0; d < tokenDim; d++) sum[d] += tokens[base + d];
            }
            int n = tokenCount - meanAfter;
            for (int d = 0; d < tokenDim; d++) out[at + d] = (float) (sum[d] / n);
        }
        return out;
    }

    @Override
    public String toString() {
        if (!poolsTokens()) return "none";
        return (classToken ? "cls" : "") + (classToken && meanAfter >= 0 ? "+" : "") + (meanAfter >= 0 ? "mean:" + meanAfter : "");
    }
}
