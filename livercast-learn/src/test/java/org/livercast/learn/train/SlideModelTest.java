package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.inputs.PostOperativeInputs;
import java.util.List;
import org.livercast.learn.model.InputEncoder;
import org.livercast.learn.model.ModelKind;
import org.livercast.learn.model.TrainedModel;
import org.livercast.learn.model.ModelStore;
import org.livercast.learn.model.PostModel;
import org.livercast.learn.model.Prediction;
import org.livercast.learn.slide.HistologyFeatureEncoder;
import org.livercast.learn.slide.SlideBags;

/** POST with the H&E slide as a bag of tiles: the mechanics on a small cohort with real SVS files (quality is benchmarked). */
class SlideModelTest {
    @TempDir Path out;

    @Test
    void postWithSlidesAttendsOverTheTissueTilesAndReloadsIdentically() throws Exception {
        Path cohort = SmallCohort.withSlides(40, 2, 23);
        Path cache = out.resolve("tiles");
        var r = TrainingRun.run(new TrainingRun.Options(ModelKind.POST, cohort, out.resolve("run"), null, FitConfig.defaults(2).withMaxEpochs(5).withMembers(2),
                LocalDate.of(2026, 6, 30), cache), l -> { });
        assertThat(r.report().get("modalities")).asList().contains("slide");
        // The report names the encoder that read the slides (the built-in features: no file) and the training cap.
        assertThat(r.report().get("tile_encoder")).isEqualTo(java.util.Map.of("id", "histology-features-v3", "dimension", 18, "max_tiles_per_slide", 4096));
        assertThat(java.nio.file.Files.readString(out.resolve("run").resolve("report.html")))
                .contains("Slides read by tile encoder <code>histology-features-v3</code> (18 features a tile, built in; at most 4096 tiles a training slide)");
        assertThat(java.nio.file.Files.readString(out.resolve("run").resolve("report.json"))).contains("\"max_tiles_per_slide\" : 4096");
        // The slide-only baseline beside the network: regressions on the mean-pooled tiles, compared on the same patients,
        // and part of the regression on what is left when the report is missing.
        @SuppressWarnings("unchecked")
        var baselines = (java.util.Map<String, java.util.Map<String, Object>>) r.report().get("baselines");
        assertThat(baselines).containsKey("slide_mean_tiles");
        assertThat((double) baselines.get("slide_mean_tiles").get("auc")).isBetween(0.0, 1.0);
        assertThat((double) baselines.get("slide_mean_tiles").get("c_index")).isBetween(0.0, 1.0);
        // and the slide-only network (attention MIL on the slide alone), compared with the model like the regressions
        assertThat((double) baselines.get("slide_attention_mil").get("auc")).isBetween(0.0, 1.0);
        assertThat((double) baselines.get("slide_attention_mil").get("c_index")).isBetween(0.0, 1.0);
        @SuppressWarnings("unchecked")
        var missing = (java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>>) r.report().get("missing_modalities");
        assertThat(missing.get("pathology").get("regression_on_the_rest").get("feature_groups")).asList().contains("slide_mean_tiles");
        assertThat(missing.get("slide").get("regression_on_the_rest").get("feature_groups")).asList().doesNotContain("slide_mean_tiles");
        // The report says how concentrated the held-out attention is: one entry per held-out patient with a slide.
        @SuppressWarnings("unchecked")
        var attention = (java.util.Map<String, Object>) r.report().get("slide_attention");
        long heldOutSlides = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases().stream()
                .filter(x -> x.centre().equals(r.report().get("heldout_centre")) && x.record().surgeryDate().isPresent() && x.slide().isPresent()).count();
        assertThat(heldOutSlides).isPositive();
        assertThat(attention.get("n_slides")).isEqualTo((int) heldOutSlides);
        assertThat((double) attention.get("median_top_tenth_share")).isBetween(0.05, 1.0);
        assertThat((double) attention.get("median_effective_fraction")).isBetween(0.0, 1.0 + 1e-9);
        assertThat((double) attention.get("nearly_even_fraction")).isBetween(0.0, 1.0);
        // A synthetic cohort records where each slide shows its findings: the report says how much attention lands there.
        // Every slide has uninvolved vessels, so that entry covers the held-out slides whose vessels fell on tissue tiles.
        @SuppressWarnings("unchecked")
        var regions = (java.util.Map<String, java.util.Map<String, Object>>) attention.get("regions");
        assertThat(regions).containsKey("vessel");
        assertThat((int) regions.get("vessel").get("n_slides")).isBetween(1, (int) heldOutSlides);
        assertThat(regions.values()).allSatisfy(m -> {
            assertThat((double) m.get("tile_share")).isBetween(0.0, 1.0).isPositive();
            assertThat((double) m.get("attention_share")).isBetween(0.0, 1.0).isPositive();
            assertThat((double) m.get("enrichment")).isCloseTo((double) m.get("attention_share") / (double) m.get("tile_share"), within(1e-12));
        });
        PatientCase c = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases().get(1);
        SlideBags bags = new SlideBags(new HistologyFeatureEncoder(), cache);
        PostOperativeInputs in = PostOperativeInputs.of(c, bags);
        Prediction p = new PostModel(r.model()).predict(in);
        assertThat(p.modalitiesUsed()).contains("slide");
        assertThat(p.slideAttention()).hasSize(in.slide().orElseThrow().size());
        assertThat(p.slideAttention().stream().mapToDouble(Prediction.TileAttention::weight).sum()).isCloseTo(1.0, within(1e-4));
        assertThat(p.slideAttention()).allSatisfy(t -> assertThat(t.sizeLevel0()).isEqualTo(256));
        // Without the slide the same model still predicts, from the other modalities.
        Prediction noSlide = new PostModel(r.model()).predict(PostOperativeInputs.of(c));
        assertThat(noSlide.modalitiesUsed()).doesNotContain("slide");
        assertThat(noSlide.slideAttention()).isEmpty();
        // Many patients' slides are scored in batches that stay under a memory bound: the same outputs as one batch.
        List<InputEncoder.Encoded> encoded = new java.util.ArrayList<>();
        for (PatientCase x : CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases().subList(0, 12)) encoded.add(r.model().encoder().encode(PostOperativeInputs.of(x, bags)));
        long oneSlide = org.livercast.learn.nn.NetInputs.packedFloats(r.model().encoder().modalities(), java.util.Collections.singletonList(encoded.get(1).vectors()));
        List<int[]> batches = org.livercast.learn.nn.NetInputs.batches(r.model().encoder().modalities(), encoded.stream().map(InputEncoder.Encoded::vectors).toList(), 3 * oneSlide);
        assertThat(batches.size()).isGreaterThan(3);
        assertThat(batches.get(0)[0]).isZero();
        assertThat(batches.get(batches.size() - 1)[1]).isEqualTo(12);
        for (int i = 1; i < batches.size(); i++) assertThat(batches.get(i)[0]).isEqualTo(batches.get(i - 1)[1]);
        List<TrainedModel.Raw> whole = r.model().raw(encoded);
        List<TrainedModel.Raw> inBatches = r.model().raw(encoded, 3 * oneSlide);
        assertThat(org.livercast.learn.nn.NetInputs.batches(r.model().encoder().modalities(), encoded.stream().map(InputEncoder.Encoded::vectors).toList(),
                org.livercast.learn.nn.NetInputs.MAX_BATCH_FLOATS)).hasSize(1);
        for (int i = 0; i < 12; i++) {
            assertThat(inBatches.get(i).logit()).isCloseTo(whole.get(i).logit(), within(1e-5));
            for (int k = 0; k < whole.get(i).hazard().length; k++) assertThat(inBatches.get(i).hazard()[k]).isCloseTo(whole.get(i).hazard()[k], within(1e-5f));
        }
        // A centre scored for recalibration is read patient by patient into batches under the bound: the same outputs.
        List<LabelledCase> centre = CohortExport.read(cohort, LocalDate.of(2026, 6, 30)).cases().subList(0, 12).stream()
                .filter(x -> x.record().surgeryDate().isPresent()).map(x -> LabelledCase.of(x, LocalDate.of(2026, 6, 30))).toList();
        List<RecalibrationRun.Local> oneBatch = RecalibrationRun.outputs(r.model(), centre, bags, org.livercast.learn.nn.NetInputs.MAX_BATCH_FLOATS);
        List<RecalibrationRun.Local> small = RecalibrationRun.outputs(r.model(), centre, bags, 3 * oneSlide);
        assertThat(small).hasSize(centre.size());
        for (int i = 0; i < centre.size(); i++) {
            assertThat(small.get(i).c()).isSameAs(centre.get(i));
            assertThat(small.get(i).raw().logit()).isCloseTo(oneBatch.get(i).raw().logit(), within(1e-5));
            assertThat(small.get(i).lp()).isCloseTo(oneBatch.get(i).lp(), within(1e-4));
        }
        r.model().close();
        try (PostModel again = new PostModel(ModelStore.load(r.modelDir()))) {
            Prediction q = again.predict(in);
            assertThat(q).isEqualTo(p);
        }
    }
}
