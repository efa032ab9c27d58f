package org.livercast.learn.slide;

import java.util.List;

/**
 * Per-feature mean and SD of tile embeddings over the training slides, saved with the model: tile features have very
 * different scales (fractions, optical densities), and the attention network trains on z-scores.
 */
public record TileStandardiser(String encoderId, List<String> names, double[] mean, double[] sd) {
    /** @param bags the training slides, in a fixed order (the sums are in it), read one at a time ({@link SlideBags#lazily}) */
    public static TileStandardiser fit(TileEncoder encoder, Iterable<SlideBag> bags) {
        int d = encoder.dimension();
        double[] s = new double[d];
        double[] ss = new double[d];
        long n = 0;
        for (SlideBag b : bags) {
            for (float[] e : b.embeddings()) {
                for (int k = 0; k < d; k++) {
                    s[k] += e[k];
                    ss[k] += (double) e[k] * e[k];
                }
                n++;
            }
        }
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int k = 0; k < d; k++) {
            mean[k] = n == 0 ? 0 : s[k] / n;
            double var = n < 2 ? 0 : (ss[k] - n * mean[k] * mean[k]) / (n - 1);
            sd[k] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        return new TileStandardiser(encoder.id(), encoder.featureNames(), mean, sd);
    }

    public int dimension() { return names.size(); }

    /** The bag flattened for the network: per tile the z-scored features, then 1 (a real tile). */
    public float[] flatten(SlideBag bag) {
        requireEncoder(bag);
        int d = dimension();
        float[] out = new float[bag.size() * (d + 1)];
        for (int i = 0; i < bag.size(); i++) {
            float[] e = bag.embeddings()[i];
            for (int k = 0; k < d; k++) out[i * (d + 1) + k] = (float) ((e[k] - mean[k]) / sd[k]);
            out[i * (d + 1) + d] = 1f;
        }
        return out;
    }

    /** The slide's mean tile embedding, each feature z-scored (mean pooling: the slide-only baseline's input). */
    public double[] meanOf(SlideBag bag) {
        requireEncoder(bag);
        int d = dimension();
        double[] mean = new double[d];
        for (float[] e : bag.embeddings()) for (int k = 0; k < d; k++) mean[k] += (e[k] - this.mean[k]) / sd[k];
        for (int k = 0; k < d; k++) mean[k] /= bag.size();
        return mean;
    }

    private void requireEncoder(SlideBag bag) {
        if (!bag.encoderId().equals(encoderId)) {
            throw new IllegalArgumentException("slide embedded by " + bag.encoderId() + ", the model was trained on " + encoderId);
        }
    }
}
