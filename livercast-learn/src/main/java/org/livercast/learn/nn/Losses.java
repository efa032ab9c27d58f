package org.livercast.learn.nn;

import ai.djl.ndarray.NDArray;

/** The training objective, written on logits with a stable softplus so that no probability is ever taken log of 0. */
public final class Losses {
    private Losses() {}

    /** log(1 + e^x) without overflow: max(x, 0) + log(1 + e^−|x|). */
    public static NDArray softplus(NDArray x) {
        return x.maximum(0f).add(x.abs().neg().exp().add(1f).log());
    }

    /** Mean binary cross-entropy over rows where {@code weight} is 1 (evaluable outcome); 0 when there are none. */
    public static NDArray maskedBce(NDArray logit, NDArray y, NDArray weight) {
        NDArray perRow = softplus(logit).sub(logit.mul(y)).mul(weight);
        return perRow.sum().div(weight.sum().maximum(1f));
    }

    /** Mean discrete-time negative log-likelihood: −Σ survived·log(1−h) − Σ event·log h, h = σ(logit). */
    public static NDArray discreteTimeNll(NDArray hazardLogits, NDArray survived, NDArray eventAt) {
        NDArray nll = softplus(hazardLogits).mul(survived).add(softplus(hazardLogits.neg()).mul(eventAt));
        return nll.sum().div(hazardLogits.getShape().get(0));
    }
}
