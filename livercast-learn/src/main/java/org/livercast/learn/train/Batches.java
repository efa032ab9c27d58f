package org.livercast.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.NetInputs;

/** Packs examples into the arrays {@code RiskNet} and the losses take. */
final class Batches {
    private Batches() {}

    /** Inputs ({@link NetInputs}); {@code dropped} zeroes mask entries (modality dropout), may be null. */
    static NDList inputs(NDManager m, List<Modality> modalities, List<Example> batch, boolean[][] dropped) {
        return NetInputs.of(m, modalities, batch.stream().map(Example::inputs).toList(), batch.stream().map(Example::present).toList(), dropped);
    }

    /**
     * The weight sums a batch's losses are divided by — the aggressive-recurrence BCE's (known labels × row weights) and
     * the survival likelihoods' (row weights) — for scoring the batch in parts that add up to it.
     */
    static float[] lossDenominators(List<Example> batch) {
        float bce = 0;
        float rows = 0;
        for (Example x : batch) {
            for (float k : x.known()) bce += k * x.weight();
            rows += x.weight();
        }
        return new float[] {bce, rows};
    }

    /** Targets: labels [B, L], their known-mask [B, L], survived [B, K], event [B, K], weight [B, 1]. */
    static NDArray[] targets(NDManager m, List<Example> batch) {
        int b = batch.size();
        int k = batch.get(0).survived().length;
        int l = batch.get(0).labels().length;
        float[] y = new float[b * l];
        float[] known = new float[b * l];
        float[] s = new float[b * k];
        float[] e = new float[b * k];
        float[] os = new float[b * k];
        float[] osE = new float[b * k];
        float[] w = new float[b];
        for (int i = 0; i < b; i++) {
            Example x = batch.get(i);
            System.arraycopy(x.labels(), 0, y, i * l, l);
            System.arraycopy(x.known(), 0, known, i * l, l);
            w[i] = x.weight();
            System.arraycopy(x.survived(), 0, s, i * k, k);
            System.arraycopy(x.eventAt(), 0, e, i * k, k);
            System.arraycopy(x.osSurvived(), 0, os, i * k, k);
            System.arraycopy(x.osEventAt(), 0, osE, i * k, k);
        }
        return new NDArray[] {m.create(y, new Shape(b, l)), m.create(known, new Shape(b, l)), m.create(s, new Shape(b, k)), m.create(e, new Shape(b, k)),
                m.create(w, new Shape(b, 1)), m.create(os, new Shape(b, k)), m.create(osE, new Shape(b, k))};
    }
}
