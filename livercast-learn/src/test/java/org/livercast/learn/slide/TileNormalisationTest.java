package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.pathology.slide.RgbImage;

/** How a network's tiles are normalised: parsed from the option, written into the encoder's id, applied per channel. */
class TileNormalisationTest {
    @Test
    void namedStatisticsAndAModelsOwnAreParsed() {
        assertThat(TileNormalisation.parse("imagenet")).isSameAs(TileNormalisation.IMAGENET);
        assertThat(TileNormalisation.parse(" CLIP ")).isSameAs(TileNormalisation.CLIP);
        assertThat(TileNormalisation.parse("none")).isSameAs(TileNormalisation.NONE);
        TileNormalisation hOptimus = TileNormalisation.parse("0.707223, 0.578729, 0.703617/0.211883, 0.230117, 0.177517");
        assertThat(hOptimus.mean()).containsExactly(0.707223f, 0.578729f, 0.703617f);
        assertThat(hOptimus.std()).containsExactly(0.211883f, 0.230117f, 0.177517f);
        // ImageNet's statistics written out are ImageNet: the same preprocessing, so the same encoder id.
        assertThat(TileNormalisation.parse("0.485,0.456,0.406/0.229,0.224,0.225")).isSameAs(TileNormalisation.IMAGENET);
    }

    @Test
    void theIdSaysHowTilesWerePreparedAndKeepsImageNetsIdsAsTheyWere() {
        assertThat(TileNormalisation.IMAGENET.idSuffix()).isEmpty();
        assertThat(TileNormalisation.parse("0.485,0.456,0.406/0.229,0.224,0.225").idSuffix()).isEmpty();
        assertThat(TileNormalisation.CLIP.idSuffix()).isEqualTo("-clip");
        assertThat(TileNormalisation.NONE.idSuffix()).isEqualTo("-none");
        assertThat(TileNormalisation.parse("0.707223,0.578729,0.703617/0.211883,0.230117,0.177517").idSuffix())
                .isEqualTo("-mean0.707223_0.578729_0.703617-std0.211883_0.230117_0.177517");
    }

    @Test
    void eachChannelIsScaledToOneThenNormalisedWithItsOwnMeanAndStd() {
        // One pixel: R 255, G 0, B 128.
        RgbImage tile = new RgbImage(1, 1, new int[] {255 << 16 | 128});
        float[] clip = TileNormalisation.CLIP.nchw(List.of(tile), 1);
        assertThat((double) clip[0]).isCloseTo((1 - 0.48145466) / 0.26862954, within(1e-5));
        assertThat((double) clip[1]).isCloseTo((0 - 0.4578275) / 0.26130258, within(1e-5));
        assertThat((double) clip[2]).isCloseTo((128 / 255.0 - 0.40821073) / 0.27577711, within(1e-5));
        assertThat(TileNormalisation.NONE.nchw(List.of(tile), 1)).containsExactly(1f, 0f, 128 / 255f);
        // Resized to the side the network takes, channel-major: 2 x 2 planes of R, then G, then B.
        float[] two = TileNormalisation.NONE.nchw(List.of(tile, tile), 2);
        assertThat(two).hasSize(2 * 3 * 4);
        assertThat(two[4]).isZero();
        assertThat(two[12]).isEqualTo(1f);
    }

    @Test
    void channelsLastInterleavesEachPixelsChannels() {
        // A 1 x 1 tile resized to 2 x 2 is four copies of its pixel; two tiles of different colours.
        RgbImage red = new RgbImage(1, 1, new int[] {255 << 16});
        RgbImage blue = new RgbImage(1, 1, new int[] {255});
        float[] hwc = TileNormalisation.NONE.nhwc(List.of(red, blue), 2);
        assertThat(hwc).hasSize(2 * 4 * 3);
        assertThat(java.util.Arrays.copyOfRange(hwc, 0, 6)).containsExactly(1f, 0f, 0f, 1f, 0f, 0f);
        assertThat(java.util.Arrays.copyOfRange(hwc, 12, 18)).containsExactly(0f, 0f, 1f, 0f, 0f, 1f);
    }

    @Test
    void statisticsThatCannotBeRightAreRefusedSayingWhy() {
        assertThatThrownBy(() -> TileNormalisation.parse("123.675,116.28,103.53/58.395,57.12,57.375")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1] scale").hasMessageContaining("divide by 255");
        assertThatThrownBy(() -> TileNormalisation.parse("0.5,0.5/0.2,0.2,0.2")).hasMessageContaining("the mean needs 3 values (R,G,B), not 2");
        assertThatThrownBy(() -> TileNormalisation.parse("0.5,0.5,x/0.2,0.2,0.2")).hasMessageContaining("mean value 'x' is not a number");
        assertThatThrownBy(() -> TileNormalisation.parse("0.5,0.5,0.5/0.2,0,0.2")).hasMessageContaining("each std in (0, 1]");
        assertThatThrownBy(() -> TileNormalisation.parse("0.5,0.5,0.5/NaN,0.2,0.2")).hasMessageContaining("std value NaN is not finite");
        assertThatThrownBy(() -> TileNormalisation.parse("dino")).hasMessageContaining("imagenet, clip, none, or mean/std");
    }
}
