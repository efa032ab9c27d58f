package org.livercast.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Gated-attention multiple-instance pooling (Ilse, Tomczak and Welling, ICML 2018): each tile embedding x_i is
 * projected to h_i = ReLU(W x_i), scored a_i ∝ exp(wᵀ(tanh(V h_i) ⊙ σ(U h_i))), and the slide embedding is Σ a_i h_i.
 * The attention weights are what the heat map shows.
 *
 * <p>Input: one array [B, N, D + 1] — B bags padded to N tiles, each row a tile's D features followed by 1 for a real
 * tile or 0 for padding (padded tiles get no attention). Output: the bag embedding [B, hidden] and the attention [B, N].
 */
public final class GatedAttentionMil extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int features;
    private final int hidden;
    private final int attention;
    private final Block project;
    private final Block v;
    private final Block u;
    private final Block w;

    public GatedAttentionMil(int features, int hidden, int attention, float dropout) {
        super(VERSION);
        this.features = features;
        this.hidden = hidden;
        this.attention = attention;
        project = addChildBlock("project", new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout).build()));
        v = addChildBlock("attention_v", Linear.builder().setUnits(attention).build());
        u = addChildBlock("attention_u", Linear.builder().setUnits(attention).build());
        w = addChildBlock("attention_w", Linear.builder().setUnits(1).build());
    }

    public int features() { return features; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray bag = inputs.singletonOrThrow();
        NDArray x = bag.get(new NDIndex(":, :, 0:" + features));
        NDArray real = bag.get(new NDIndex(":, :, " + features));
        NDArray h = project.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray gate = v.forward(ps, new NDList(h), training).singletonOrThrow().tanh()
                .mul(u.forward(ps, new NDList(h), training).singletonOrThrow().getNDArrayInternal().sigmoid());
        NDArray score = w.forward(ps, new NDList(gate), training).singletonOrThrow().squeeze(2);
        // Padding gets −1e9 before the softmax: zero attention, and an empty bag would still not divide by zero.
        NDArray masked = score.add(real.sub(1f).mul(1e9f));
        NDArray a = masked.softmax(1);
        NDArray pooled = h.mul(a.expandDims(2)).sum(new int[] {1});
        return new NDList(pooled, a);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), hidden), new Shape(inputShapes[0].get(0), inputShapes[0].get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        long n = inputShapes[0].get(1);
        project.initialize(manager, dataType, new Shape(b, n, features));
        v.initialize(manager, dataType, new Shape(b, n, hidden));
        u.initialize(manager, dataType, new Shape(b, n, hidden));
        w.initialize(manager, dataType, new Shape(b, n, attention));
    }
}
