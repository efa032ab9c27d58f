package org.livercast.learn.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Packs patients into the arrays {@link RiskNet} takes: per vector modality [B, width]; per bag modality [B, N, width]
 * with every bag padded to the batch's largest (padding rows are zeros, so their "real" flag is 0); then the presence
 * mask [B, M]. A bag arrives flattened: instances × width floats.
 */
public final class NetInputs {
    private NetInputs() {}

    /** @param dropped modalities hidden from each patient (training-time modality dropout), or null */
    public static NDList of(NDManager m, List<Modality> modalities, List<float[][]> vectors, List<float[]> present, boolean[][] dropped) {
        int b = vectors.size();
        NDList out = new NDList();
        for (int k = 0; k < modalities.size(); k++) {
            Modality mod = modalities.get(k);
            int w = mod.width();
            if (!mod.bag()) {
                float[] flat = new float[b * w];
                for (int i = 0; i < b; i++) System.arraycopy(vectors.get(i)[k], 0, flat, i * w, w);
                out.add(m.create(flat, new Shape(b, w)));
                continue;
            }
            int n = 1;
            for (float[][] v : vectors) n = Math.max(n, v[k].length / w);
            float[] flat = new float[b * n * w];
            for (int i = 0; i < b; i++) System.arraycopy(vectors.get(i)[k], 0, flat, i * n * w, vectors.get(i)[k].length);
            out.add(m.create(flat, new Shape(b, n, w)));
        }
        float[] mask = new float[b * modalities.size()];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < modalities.size(); k++) {
                mask[i * modalities.size() + k] = dropped != null && dropped[i][k] ? 0f : present.get(i)[k];
            }
        }
        out.add(m.create(mask, new Shape(b, modalities.size())));
        return out;
    }
}
