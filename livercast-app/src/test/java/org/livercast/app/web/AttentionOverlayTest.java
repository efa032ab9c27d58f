package org.livercast.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.learn.model.Prediction;

class AttentionOverlayTest {
    @Test
    void anEvenAttentionDrawsNothing() {
        List<Prediction.TileAttention> tiles = new ArrayList<>();
        for (int i = 0; i < 24; i++) tiles.add(new Prediction.TileAttention(256L * (i % 6), 256L * (i / 6), 256, 1.0 / 24));
        BufferedImage img = AttentionOverlay.draw(6 * 256, 4 * 256, tiles);
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) assertThat(img.getRGB(x, y) >>> 24).isZero();
    }

    @Test
    void coloursRiseOnALogScaleFromAnEvenShareToFourTimesIt() {
        assertThat(AttentionOverlay.colour(1.0)).isZero();
        assertThat(AttentionOverlay.colour(0.3)).isZero();
        assertThat(AttentionOverlay.colour(Double.NaN)).isZero();
        int twice = AttentionOverlay.colour(2.0);
        assertThat(twice >>> 24).isEqualTo(130);           // halfway on the log scale: 40 + 180 × 0.5
        assertThat((twice >> 8) & 0xFF).isEqualTo(100);    // orange
        int four = AttentionOverlay.colour(4.0);
        assertThat(four).isEqualTo(AttentionOverlay.colour(40.0));
        assertThat(four >>> 24).isEqualTo(220);
        assertThat(four & 0x00FFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void aFocusedTileIsDrawnWhereItLiesAtOneThirtySecond() {
        List<Prediction.TileAttention> tiles = List.of(new Prediction.TileAttention(0, 0, 256, 0.1), new Prediction.TileAttention(512, 256, 256, 0.9));
        BufferedImage img = AttentionOverlay.draw(1024, 512, tiles);
        assertThat(img.getWidth()).isEqualTo(32);
        assertThat(img.getHeight()).isEqualTo(16);
        // 0.9 is 1.8× an even share of 0.5: log4(1.8) = 0.424 of the way to red, alpha 40 + 180 × 0.424 = 116
        assertThat(img.getRGB(16, 8)).isEqualTo(AttentionOverlay.colour(1.8));
        assertThat(img.getRGB(16, 8) >>> 24).isEqualTo(116);
        assertThat(img.getRGB(0, 0) >>> 24).isZero();
        assertThat(img.getRGB(30, 15) >>> 24).isZero();
    }
}
