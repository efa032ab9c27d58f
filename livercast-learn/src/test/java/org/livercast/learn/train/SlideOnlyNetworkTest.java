package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.ModalityVectors;
import org.livercast.learn.nn.Torch;

/**
 * The slide-only network reads the slide and nothing else: where the outcome is written in one tile of the bag and the
 * clinical vector is noise, it must find the tile (held-out AUC well above chance), and every patient without a slide
 * must get the same prediction whatever their clinical data.
 */
class SlideOnlyNetworkTest {
    private static final int FEATURES = 4;
    private static final List<Modality> MODALITIES = List.of(new Modality("clinical", 3), Modality.bagOf("slide", FEATURES));

    /** A patient: noise in the clinical vector; 6–10 noise tiles, one of them marked (feature 0 = +3) when aggressive. */
    private static Example patient(int i, SplittableRandom r) {
        boolean aggressive = r.nextDouble() < 0.3;
        boolean hasSlide = r.nextDouble() < 0.85;
        float[] clinical = {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
        int tiles = 6 + r.nextInt(5);
        float[] bag = new float[hasSlide ? tiles * (FEATURES + 1) : FEATURES + 1];
        if (hasSlide) {
            for (int t = 0; t < tiles; t++) {
                for (int f = 0; f < FEATURES; f++) bag[t * (FEATURES + 1) + f] = (float) r.nextGaussian();
                bag[t * (FEATURES + 1) + FEATURES] = 1f;
            }
            if (aggressive) bag[r.nextInt(tiles) * (FEATURES + 1)] = 3f;
        }
        double rfsDays = aggressive ? 200 + r.nextInt(300) : 800 + r.nextInt(600);
        return Example.of("P" + i, ModalityVectors.of(clinical, bag), new float[] {1f, hasSlide ? 1f : 0f}, aggressive, rfsDays, aggressive, 2000, false);
    }

    @Test
    void findsTheOutcomeInTheSlideAndIgnoresEverythingElse() {
        Torch.engine();
        SplittableRandom r = new SplittableRandom(7);
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 240; i++) train.add(patient(i, r));
        List<Example> heldOut = new ArrayList<>();
        for (int i = 0; i < 120; i++) heldOut.add(patient(1000 + i, r));

        SlideOnlyNetwork.Scores s = SlideOnlyNetwork.trainAndScore(MODALITIES, 1, train, FitConfig.defaults(3), heldOut).orElseThrow();

        List<Integer> withSlide = new ArrayList<>();
        Double withoutSlide = null;
        for (int i = 0; i < heldOut.size(); i++) {
            if (heldOut.get(i).present()[1] == 1f) {
                withSlide.add(i);
            } else {
                if (withoutSlide != null) assertThat(s.logit()[i]).isEqualTo(withoutSlide);
                withoutSlide = s.logit()[i];
            }
        }
        assertThat(withoutSlide).as("held-out patients without a slide").isNotNull();
        boolean[] y = new boolean[withSlide.size()];
        double[] marker = new double[withSlide.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = heldOut.get(withSlide.get(k)).labels()[0] == 1f;
            marker[k] = s.logit()[withSlide.get(k)];
        }
        assertThat(Evaluation.binary(y, marker).auc()).isGreaterThan(0.8);
        // A patient without a slide gets the no-information prediction: inside the range of the slides' own.
        assertThat(withoutSlide).isBetween(java.util.Arrays.stream(marker).min().orElseThrow(), java.util.Arrays.stream(marker).max().orElseThrow());
        assertThat(s.rfsRisk()).hasSize(heldOut.size());
        assertThat(s.osRisk()).hasSize(heldOut.size());
    }

    @Test
    void tooFewTrainingSlidesGiveNoBaseline() {
        SplittableRandom r = new SplittableRandom(2);
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Example e = patient(i, r);
            train.add(i < SlideOnlyNetwork.MIN_TRAINING_SLIDES - 1 ? e : new Example(e.patientId(), e.inputs(), new float[] {1f, 0f}, e.labels(), e.known(),
                    e.rfsDays(), e.rfsEvent(), e.survived(), e.eventAt(), e.osSurvived(), e.osEventAt(), e.weight()));
        }
        assertThat(SlideOnlyNetwork.trainAndScore(MODALITIES, 1, train, FitConfig.defaults(3), train)).isEmpty();
    }

    @Test
    void anExampleKeepsOnlyItsSlide() {
        Example e = patient(1, new SplittableRandom(1));
        Example only = SlideOnlyNetwork.slideOnly(e, 1);
        assertThat(only.inputs().size()).isEqualTo(1);
        assertThat(only.inputs().get(0)).isSameAs(e.inputs().get(1));
        assertThat(only.present()).containsExactly(e.present()[1]);
        assertThat(only.labels()).isSameAs(e.labels());
        assertThat(only.rfsDays()).isEqualTo(e.rfsDays());
    }
}
