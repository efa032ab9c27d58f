package org.livercast.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A small 3D CNN over the tumour-centred MRI tensor (phases, tumour mask and peritumoral shell as channels): two 3×3×3
 * convolution stages with max pooling, global average pooling, and a linear layer to the fusion width. Small on
 * purpose — a few hundred patients train it on CPU — and translation-tolerant, since the tumour is centred but its
 * edge (where MVI signs sit) can be anywhere in the cube.
 *
 * <p>Input: [B, channels × side³] (flattened, as the fusion network carries every modality); output [B, hidden].
 */
public final class Mri3dCnn extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int channels;
    private final int side;
    private final Block features;
    private final Block head;

    public Mri3dCnn(int channels, int side, int hidden, float dropout) {
        super(VERSION);
        this.channels = channels;
        this.side = side;
        features = addChildBlock("conv", new SequentialBlock()
                .add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).setFilters(16).optPadding(new Shape(1, 1, 1)).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool3dBlock(new Shape(2, 2, 2)))
                .add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).setFilters(32).optPadding(new Shape(1, 1, 1)).build())
                .add(Activation.reluBlock())
                .add(Pool.globalAvgPool3dBlock()));
        head = addChildBlock("head", new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout).build()));
    }

    public static int width(int channels, int side) { return channels * side * side * side; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray volume = x.reshape(x.getShape().get(0), channels, side, side, side);
        NDArray f = features.forward(ps, new NDList(volume), training).singletonOrThrow();
        return head.forward(ps, new NDList(f.reshape(f.getShape().get(0), -1)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), 32)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        features.initialize(manager, dataType, new Shape(b, channels, side, side, side));
        head.initialize(manager, dataType, new Shape(b, 32));
    }
}
