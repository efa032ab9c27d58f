package org.livercast.learn.train;

/**
 * How a network is trained. Defaults suit a few hundred to a few thousand patients on 2 CPU cores.
 *
 * @param modalityDropout probability of hiding each non-first modality from a training example, so the network
 *                        learns to predict from whatever a patient has (the first modality, clinical, is always kept)
 * @param patience        epochs without a better validation loss before stopping; the best epoch's weights are kept
 * @param members         networks trained from different seeds (seed, seed + 1, …) whose outputs a PRE, POST or
 *                        diagnosis model averages (a deep ensemble: one network's held-out C-index moved by up to 0.05
 *                        with its seed under centre shift; BENCHMARKS.md). The therapy model has its own members
 *                        (bootstraps). Consecutive training seeds share members (s + 1 … s + 4): to compare
 *                        training seeds, step them by the member count.
 * @param maxTilesPerSlide a slide with more tissue tiles than this is trained on that many of them, drawn once per slide
 *                        (seeded by its hash): a wide encoder's bags of a real cohort (a ViT-L's 1,024 floats for each of
 *                        ~15,000 tiles: 60 MB a slide) would not fit in memory together. The training report's held-out
 *                        centre is read the same way; predictions read every tile.
 */
public record FitConfig(int hidden, float dropout, float learningRate, float weightDecay, int batchSize, int maxEpochs,
                        int patience, float modalityDropout, float aggressiveWeight, long seed, int members, int maxTilesPerSlide) {
    /** Tiles a training slide keeps: every tile of the synthetic cohorts (~220), a fifth to a half of a real resection slide's. */
    public static final int DEFAULT_MAX_TILES_PER_SLIDE = 4096;

    public FitConfig {
        if (members < 1) throw new IllegalArgumentException("an ensemble has at least one member, not " + members);
        if (maxTilesPerSlide < 1) throw new IllegalArgumentException("a training slide keeps at least one tile, not " + maxTilesPerSlide);
    }

    public FitConfig(int hidden, float dropout, float learningRate, float weightDecay, int batchSize, int maxEpochs, int patience,
                     float modalityDropout, float aggressiveWeight, long seed, int members) {
        this(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, modalityDropout, aggressiveWeight, seed, members,
                DEFAULT_MAX_TILES_PER_SLIDE);
    }

    /** One network. */
    public FitConfig(int hidden, float dropout, float learningRate, float weightDecay, int batchSize, int maxEpochs, int patience,
                     float modalityDropout, float aggressiveWeight, long seed) {
        this(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, modalityDropout, aggressiveWeight, seed, 1);
    }

    /** Chosen on a 3,000-patient synthetic cohort (held-out centre); see BENCHMARKS.md for the numbers. */
    public static FitConfig defaults(long seed) {
        return new FitConfig(16, 0.2f, 1e-3f, 1e-3f, 128, 300, 30, 0.2f, 1.0f, seed, DEFAULT_MEMBERS);
    }

    public static final int DEFAULT_MEMBERS = 5;

    public FitConfig withMaxEpochs(int epochs) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, epochs, patience, modalityDropout, aggressiveWeight, seed, members, maxTilesPerSlide);
    }

    public FitConfig withMembers(int n) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, modalityDropout, aggressiveWeight, seed, n, maxTilesPerSlide);
    }

    public FitConfig withModalityDropout(float p) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, p, aggressiveWeight, seed, members, maxTilesPerSlide);
    }

    public FitConfig withMaxTilesPerSlide(int n) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, modalityDropout, aggressiveWeight, seed, members, n);
    }

    /** Member k's configuration: one network, seed + k. */
    public FitConfig member(int k) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, modalityDropout, aggressiveWeight, seed + k, 1, maxTilesPerSlide);
    }
}
