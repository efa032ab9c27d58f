package org.livercast.learn.nn;

import ai.djl.ndarray.NDArray;

/**
 * The training objective, written on logits with a stable softplus so that no probability is ever taken log of 0. A
 * number whose gradient role autograd must remember is a {@link Torch#scalar} (DJL frees plain numbers' buffers early).
 */
public final class Losses {
    private Losses() {}

    /** log(1 + e^x) without overflow: max(x, 0) + log(1 + e^−|x|). */
    public static NDArray softplus(NDArray x) {
        return x.maximum(Torch.scalar(x, 0f)).add(x.abs().neg().exp().add(1f).log());
    }

    /** Mean binary cross-entropy over rows where {@code weight} is 1 (evaluable outcome); 0 when there are none. */
    public static NDArray maskedBce(NDArray logit, NDArray y, NDArray weight) {
        return bceSum(logit, y, weight).div(weight.sum().maximum(1f));
    }

    /**
     * This part of a batch's {@link #maskedBce}: its rows' sum over the whole batch's weight sum, so that the parts of a
     * batch scored in pieces (to bound memory) add up to the batch's loss, and their gradients to its gradient.
     */
    public static NDArray maskedBce(NDArray logit, NDArray y, NDArray weight, float batchWeightSum) {
        NDArray sum = bceSum(logit, y, weight);
        return sum.div(Torch.scalar(sum, Math.max(batchWeightSum, 1f)));
    }

    private static NDArray bceSum(NDArray logit, NDArray y, NDArray weight) {
        return softplus(logit).sub(logit.mul(y)).mul(weight).sum();
    }

    /**
     * Weighted mean discrete-time negative log-likelihood with the complementary log-log link (grouped proportional
     * hazards): h = 1 − exp(−exp(u)), so −log(1−h) = exp(u) and −log h = −log(1 − exp(−exp(u))); per patient
     * Σ survived·exp(u) − Σ event·log h, averaged with the row weights [B, 1]. u is clipped to ±15 so exp stays finite.
     */
    public static NDArray discreteTimeNll(NDArray cloglog, NDArray survived, NDArray eventAt, NDArray weight) {
        return nllSum(cloglog, survived, eventAt, weight).div(weight.sum().maximum(1e-6f));
    }

    /** This part of a batch's {@link #discreteTimeNll}, over the whole batch's weight sum (see {@link #maskedBce(NDArray, NDArray, NDArray, float)}). */
    public static NDArray discreteTimeNll(NDArray cloglog, NDArray survived, NDArray eventAt, NDArray weight, float batchWeightSum) {
        NDArray sum = nllSum(cloglog, survived, eventAt, weight);
        return sum.div(Torch.scalar(sum, Math.max(batchWeightSum, 1e-6f)));
    }

    private static NDArray nllSum(NDArray cloglog, NDArray survived, NDArray eventAt, NDArray weight) {
        NDArray u = cloglog.clip(-15f, 15f);
        NDArray cumulative = u.exp();
        NDArray logHazard = cumulative.neg().exp().neg().add(1f);
        logHazard = logHazard.maximum(Torch.scalar(logHazard, 1e-12f)).log();
        return cumulative.mul(survived).sub(logHazard.mul(eventAt)).mul(weight).sum();
    }

    /** Interval hazard probabilities from the complementary log-log output: 1 − exp(−exp(u)). */
    public static NDArray hazardProbability(NDArray cloglog) {
        return cloglog.clip(-15f, 15f).exp().neg().exp().neg().add(1f);
    }
}
