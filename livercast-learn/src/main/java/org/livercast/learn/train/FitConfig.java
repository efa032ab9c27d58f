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
 */
public record FitConfig(int hidden, float dropout, float learningRate, float weightDecay, int batchSize, int maxEpochs,
                        int patience, float modalityDropout, float aggressiveWeight, long seed, int members) {
    public FitConfig {
        if (members < 1) throw new IllegalArgumentException("an ensemble has at least one member, not " + members);
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
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, epochs, patience, modalityDropout, aggressiveWeight, seed, members);
    }

    public FitConfig withMembers(int n) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, modalityDropout, aggressiveWeight, seed, n);
    }

    public FitConfig withModalityDropout(float p) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, p, aggressiveWeight, seed, members);
    }

    /** Member k's configuration: one network, seed + k. */
    public FitConfig member(int k) {
        return new FitConfig(hidden, dropout, learningRate, weightDecay, batchSize, maxEpochs, patience, modalityDropout, aggressiveWeight, seed + k, 1);
    }
}
