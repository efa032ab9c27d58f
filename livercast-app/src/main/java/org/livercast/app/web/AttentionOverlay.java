package org.livercast.app.web;

import java.awt.image.BufferedImage;
import java.util.List;
import org.livercast.learn.model.Prediction;

/**
 * The POST model's attention drawn over its slide, at 1/{@link #DOWNSAMPLE} of level 0: each tissue tile coloured by its
 * attention in multiples of an even share (1 / number of tiles), on a log scale — transparent at or below an even share,
 * yellow just above, red from {@link #FULL_AT_TIMES_EVEN}× up. Why not scaled between the least and the most attended tile,
 * as it was: that paints a near-even spread (a model that learnt nothing from the slide) as red spots as vividly as a
 * focused one; against an even share, a flat attention draws nothing and the map's colours mean the same on every slide.
 */
final class AttentionOverlay {
    static final int DOWNSAMPLE = 32;
    /** A tile with this many times an even share (or more) is fully red. */
    static final double FULL_AT_TIMES_EVEN = 4;

    private AttentionOverlay() {}

    static BufferedImage draw(long widthLevel0, long heightLevel0, List<Prediction.TileAttention> tiles) {
        BufferedImage img = new BufferedImage((int) Math.max(1, widthLevel0 / DOWNSAMPLE), (int) Math.max(1, heightLevel0 / DOWNSAMPLE),
                BufferedImage.TYPE_INT_ARGB);
        double total = tiles.stream().mapToDouble(Prediction.TileAttention::weight).sum();
        if (total <= 0) return img;
        double even = total / tiles.size();
        for (Prediction.TileAttention t : tiles) {
            int argb = colour(t.weight() / even);
            if (argb == 0) continue;
            int x = (int) (t.x() / DOWNSAMPLE), y = (int) (t.y() / DOWNSAMPLE), n = (int) Math.max(1, t.sizeLevel0() / DOWNSAMPLE);
            for (int j = Math.max(0, y); j < Math.min(img.getHeight(), y + n); j++) {
                for (int i = Math.max(0, x); i < Math.min(img.getWidth(), x + n); i++) img.setRGB(i, j, argb);
            }
        }
        return img;
    }

    /** ARGB for a tile holding {@code timesEven} times an even share; 0 (transparent) at or below one. */
    static int colour(double timesEven) {
        if (!(timesEven > 1)) return 0;
        double v = Math.min(1, Math.log(timesEven) / Math.log(FULL_AT_TIMES_EVEN));
        int alpha = (int) Math.round(40 + 180 * v);
        int green = (int) Math.round(200 * (1 - v));
        return (alpha << 24) | (255 << 16) | (green << 8);
    }
}
