package org.livercast.learn.train;

/**
 * How a network is trained. Defaults suit a few hundred to a few thousand patients on 2 CPU cores.
 *
 * @param modalityDropout probability of hiding each non-first modality from a training example, so the network
 *                        learns to predict from whatever a patient has (the first modality, clinical, is always kept)
 * @param patience        epochs without a better validation loss before stopping; the best epoch's weights are kept
 */
public record FitConfig(int hidden, float dropout, float learningRate, float weightDecay, int batchSize, int maxEpochs,
                        int patience, float modalityDropout, float aggressiveWeight, long seed) {
    public static FitConfig defaults(long seed) {
        return new FitConfig(Integer.getInteger("lc.hidden", 32), Float.parseFloat(System.getProperty("lc.dropout", "0.2")), Float.parseFloat(System.getProperty("lc.lr", "3e-3")), Float.parseFloat(System.getProperty("lc.wd", "1e-4")), 128, 300, Integer.getInteger("lc.patience", 15), Float.parseFloat(System.getProperty("lc.mdrop", "0.2")), Float.parseFloat(System.getProperty("lc.aw", "1")), seed);
    }
}
