package org.livercast.learn.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Packs patients into the arrays {@link RiskNet} takes: per vector modality [B, width]; per bag modality [B, N, width]
 * with every bag padded to the batch's largest (padding rows are zeros, so their "real" flag is 0), or [1, N, width] when
 * all the patients share one bag ({@link #sharedBag}); then the presence mask [B, M]. A bag arrives flattened: instances ×
 * width floats.
 */
public final class NetInputs {
    private NetInputs() {}

    /**
     * Floats one packed batch holds at most (256 MB, and as much again once copied to native memory): training batches
     * and scoring over it run in parts ({@link #batches}). A synthetic cohort's batches (18 features, ~300 tiles) always
     * fit in one, so they are computed exactly as before the bound; a foundation model's 128 bags of 4,096 tiles × 1,025
     * floats (2.1 GB) do not. {@code -Dlivercast.max-batch-floats=N} sets another bound (a machine with less memory).
     */
    public static final long MAX_BATCH_FLOATS = Long.getLong("livercast.max-batch-floats", 64L << 20);

    /**
     * Consecutive ranges [from, to) of the patients whose packed arrays ({@link #of}) hold at most {@code maxFloats} floats
     * each — a batch of bags is padded to its largest, so 500 held-out slides of 4,096 tiles of a 1,024-wide encoder would
     * pack into 8 GB at once, and again in native memory. One range when they all fit (then scoring is exactly what it
     * was); a patient alone over the limit is a range of its own.
     */
    public static List<int[]> batches(List<Modality> modalities, List<ModalityVectors> vectors, long maxFloats) {
        if (vectors.isEmpty()) return List.of(new int[] {0, 0});
        List<int[]> out = new java.util.ArrayList<>();
        for (int from = 0, to; from < vectors.size(); from = to) {
            to = from + 1;
            while (to < vectors.size() && packedFloats(modalities, vectors.subList(from, to + 1)) <= maxFloats) to++;
            out.add(new int[] {from, to});
        }
        return out;
    }

    /**
     * The floats {@link #of} packs these patients into: per vector modality B × width, per bag B × largest bag × width
     * (one bag × width when they all share it).
     */
    public static long packedFloats(List<Modality> modalities, List<ModalityVectors> vectors) {
        long total = 0;
        for (int k = 0; k < modalities.size(); k++) {
            Modality mod = modalities.get(k);
            long n = 1;
            if (mod.bag()) for (ModalityVectors v : vectors) n = Math.max(n, v.floats(k) / mod.width());
            total += (mod.bag() && sharedBag(vectors, k) ? 1 : vectors.size()) * n * mod.width();
        }
        return total;
    }

    /**
     * Whether every patient has the same bag {@code k} — one patient's variants: the occlusions of its clinical variables
     * or MRI blocks, its four strategies. Such a bag is packed once, [1, N, width], and the network broadcasts its
     * embedding over the batch: the tiles pass the attention once instead of once a variant (a foundation model's
     * 10,000-tile slide took 1.6 s a prediction through its 22 copies).
     */
    static boolean sharedBag(List<ModalityVectors> vectors, int k) {
        if (vectors.size() < 2) return false;
        for (ModalityVectors v : vectors) if (!v.shares(k, vectors.get(0))) return false;
        return true;
    }

    /** @param dropped modalities hidden from each patient (training-time modality dropout), or null */
    public static NDList of(NDManager m, List<Modality> modalities, List<ModalityVectors> vectors, List<float[]> present, boolean[][] dropped) {
        int b = vectors.size();
        NDList out = new NDList();
        for (int k = 0; k < modalities.size(); k++) {
            Modality mod = modalities.get(k);
            int w = mod.width();
            if (!mod.bag()) {
                float[] flat = new float[b * w];
                for (int i = 0; i < b; i++) vectors.get(i).copyInto(k, flat, i * w);
                out.add(m.create(flat, new Shape(b, w)));
                continue;
            }
            int n = 1;
            for (ModalityVectors v : vectors) n = Math.max(n, v.floats(k) / w);
            int bags = sharedBag(vectors, k) ? 1 : b;
            float[] flat = new float[bags * n * w];
            for (int i = 0; i < bags; i++) vectors.get(i).copyInto(k, flat, i * n * w);
            out.add(m.create(flat, new Shape(bags, n, w)));
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
