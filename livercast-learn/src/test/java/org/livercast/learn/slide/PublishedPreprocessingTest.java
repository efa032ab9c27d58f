package org.livercast.learn.slide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.data.UnusableInputException;

/** --tile-encoder-normalise auto and --tile-encoder-px auto: what a model's publisher wrote beside its weights, in the three usual files. */
class PublishedPreprocessingTest {
    @TempDir Path dir;

    private Path model() throws IOException {
        return Files.writeString(dir.resolve("encoder.onnx"), "weights");
    }

    @Test
    void huggingFaceTimmAndOpenClipConfigsAreRead() throws IOException {
        Path model = model();
        // timm's config.json (H-optimus-0's statistics) with the model's other settings around them.
        Files.writeString(dir.resolve("config.json"), """
                {"architecture": "vit_giant_patch14_reg4_dinov2", "num_classes": 0,
                 "pretrained_cfg": {"input_size": [3, 224, 224], "mean": [0.707223, 0.578729, 0.703617], "std": [0.211883, 0.230117, 0.177517]}}""");
        TileNormalisation timm = PublishedPreprocessing.normalisation(model);
        assertThat(timm.mean()).containsExactly(0.707223f, 0.578729f, 0.703617f);
        assertThat(timm.idSuffix()).isEqualTo("-mean0.707223_0.578729_0.703617-std0.211883_0.230117_0.177517");
        // Hugging Face's preprocessor_config.json comes first; ImageNet's numbers there are ImageNet (the default's id).
        Files.writeString(dir.resolve("preprocessor_config.json"), """
                {"do_normalize": true, "do_rescale": true, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225],
                 "size": {"height": 224, "width": 224}}""");
        assertThat(PublishedPreprocessing.normalisation(model)).isSameAs(TileNormalisation.IMAGENET);
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"do_normalize\": false, \"image_mean\": [0.5, 0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5]}");
        assertThat(PublishedPreprocessing.normalisation(model)).as("do_normalize false").isSameAs(TileNormalisation.NONE);
        // open_clip's config, when it is the only one.
        Files.delete(dir.resolve("preprocessor_config.json"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"vit\", \"hidden_size\": 768}");
        Files.writeString(dir.resolve("open_clip_config.json"), """
                {"model_cfg": {"embed_dim": 512}, "preprocess_cfg": {"mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711]}}""");
        assertThat(PublishedPreprocessing.normalisation(model)).as("a config.json without statistics is passed over").isSameAs(TileNormalisation.CLIP);
    }

    @Test
    void theTileSideIsTheCropTheInputSizeOrTheVisionTowersImageSize() throws IOException {
        Path model = model();
        Files.writeString(dir.resolve("open_clip_config.json"), "{\"model_cfg\": {\"vision_cfg\": {\"image_size\": 448}}}");
        assertThat(PublishedPreprocessing.sidePx(model)).as("open_clip (CONCH-like)").isEqualTo(448);
        Files.writeString(dir.resolve("config.json"), "{\"pretrained_cfg\": {\"input_size\": [3, 224, 224]}}");
        assertThat(PublishedPreprocessing.sidePx(model)).as("timm").isEqualTo(224);
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"size\": {\"shortest_edge\": 256}, \"crop_size\": {\"height\": 224, \"width\": 224}}");
        assertThat(PublishedPreprocessing.sidePx(model)).as("Hugging Face: the crop").isEqualTo(224);
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"size\": {\"height\": 256, \"width\": 256}}");
        assertThat(PublishedPreprocessing.sidePx(model)).as("Hugging Face: the size").isEqualTo(256);
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"size\": {\"height\": 224, \"width\": 256}}");
        assertThatThrownBy(() -> PublishedPreprocessing.sidePx(model)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("preprocessor_config.json: size is 224 x 256 px; a tile is square");
    }

    @Test
    void noConfigOrStatisticsThatCannotBeRightAreRefusedNamingWhereItLooked() throws IOException {
        Path model = model();
        assertThatThrownBy(() -> PublishedPreprocessing.normalisation(model)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining(model + ": --tile-encoder-normalise auto found no normalisation beside it")
                .hasMessageContaining("preprocessor_config.json, config.json, open_clip_config.json in " + dir.toAbsolutePath());
        assertThatThrownBy(() -> PublishedPreprocessing.sidePx(model)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("--tile-encoder-px auto found no input size beside it");
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"image_mean\": [0.5, 0.5], \"image_std\": [0.2, 0.2, 0.2]}");
        assertThatThrownBy(() -> PublishedPreprocessing.normalisation(model)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("preprocessor_config.json: image_mean / image_std: image_mean is not a list of 3 numbers");
        Files.writeString(dir.resolve("preprocessor_config.json"), "{\"image_mean\": [123.675, 116.28, 103.53], \"image_std\": [58.395, 57.12, 57.375]}");
        assertThatThrownBy(() -> PublishedPreprocessing.normalisation(model)).hasMessageContaining("preprocessor_config.json").hasMessageContaining("divide by 255");
        Files.writeString(dir.resolve("preprocessor_config.json"), "{not json");
        assertThatThrownBy(() -> PublishedPreprocessing.normalisation(model)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("preprocessor_config.json: not JSON");
    }
}
