package org.livercast.learn.slide;

import java.util.List;
import org.livercast.pathology.slide.RgbImage;

/**
 * Tiles as a network exported from PyTorch expects them: [N, 3, S, S] floats, RGB scaled to [0, 1] and normalised with
 * the ImageNet mean and standard deviation (what pathology foundation models are trained on), each tile resized
 * (bilinear) to S first. Shared by the TorchScript and ONNX encoders, so one network in either format sees the same
 * numbers.
 */
final class ImageNetTiles {
    private ImageNetTiles() {}

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /** The tiles, channel-major per tile, tile after tile. */
    static float[] nchw(List<RgbImage> tiles, int sidePx) {
        int plane = sidePx * sidePx;
        float[] chw = new float[tiles.size() * 3 * plane];
        for (int n = 0; n < tiles.size(); n++) {
            int[] px = tiles.get(n).resized(sidePx, sidePx).pixels();
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                int p = px[i];
                chw[base + i] = ((p >> 16 & 0xFF) / 255f - MEAN[0]) / STD[0];
                chw[base + plane + i] = ((p >> 8 & 0xFF) / 255f - MEAN[1]) / STD[1];
                chw[base + 2 * plane + i] = ((p & 0xFF) / 255f - MEAN[2]) / STD[2];
            }
        }
        return chw;
    }
}
