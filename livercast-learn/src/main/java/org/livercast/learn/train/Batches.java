package org.livercast.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Packs examples into the arrays {@code RiskNet} and the losses take. */
final class Batches {
    private Batches() {}

    /** Inputs: one [B, width] array per modality, then the [B, M] mask ({@code dropped} zeroes entries, may be null). */
    static NDList inputs(NDManager m, List<Example> batch, boolean[][] dropped) {
        int b = batch.size();
        int modalities = batch.get(0).inputs().length;
        NDList out = new NDList();
        for (int k = 0; k < modalities; k++) {
            int w = batch.get(0).inputs()[k].length;
            float[] flat = new float[b * w];
            for (int i = 0; i < b; i++) System.arraycopy(batch.get(i).inputs()[k], 0, flat, i * w, w);
            out.add(m.create(flat, new Shape(b, w)));
        }
        float[] mask = new float[b * modalities];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < modalities; k++) {
                mask[i * modalities + k] = dropped != null && dropped[i][k] ? 0f : batch.get(i).present()[k];
            }
        }
        out.add(m.create(mask, new Shape(b, modalities)));
        return out;
    }

    /** Targets: aggressive [B, 1], its known-mask [B, 1], survived [B, K], event [B, K], weight [B, 1]. */
    static NDArray[] targets(NDManager m, List<Example> batch) {
        int b = batch.size();
        int k = batch.get(0).survived().length;
        float[] y = new float[b];
        float[] known = new float[b];
        float[] s = new float[b * k];
        float[] e = new float[b * k];
        float[] w = new float[b];
        for (int i = 0; i < b; i++) {
            Example x = batch.get(i);
            y[i] = x.aggressive();
            known[i] = x.aggressiveKnown();
            w[i] = x.weight();
            System.arraycopy(x.survived(), 0, s, i * k, k);
            System.arraycopy(x.eventAt(), 0, e, i * k, k);
        }
        return new NDArray[] {m.create(y, new Shape(b, 1)), m.create(known, new Shape(b, 1)), m.create(s, new Shape(b, k)), m.create(e, new Shape(b, k)),
                m.create(w, new Shape(b, 1))};
    }
}
