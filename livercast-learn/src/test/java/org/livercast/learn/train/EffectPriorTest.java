package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livercast.learn.nn.DiscreteTime;
import org.livercast.learn.nn.Modality;
import org.livercast.learn.nn.ModalityVectors;
import org.livercast.learn.nn.RiskNet;
import org.livercast.learn.nn.Torch;

/**
 * The prior on the treatment components acts as a prior: the fitted log hazard ratio is the data's with a flat prior,
 * the prior's with a very narrow one, and in between — nearer whichever knows more — with one as wide as the data's
 * own standard error. Simulated: 1,500 patients, exponential RFS with a covariate (log HR 0.8) and a treatment (log HR
 * −0.6, given at random), censored at 3 years.
 */
class EffectPriorTest {
    static final double TRUE_LOG_HR = -0.6;

    static List<Example> patients(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float x = (float) r.nextGaussian();
            boolean treated = r.nextBoolean();
            double hazardPerDay = 0.0008 * Math.exp(0.8 * x + (treated ? TRUE_LOG_HR : 0));
            double t = -Math.log(1 - r.nextDouble()) / hazardPerDay;
            boolean event = t < 3 * 365.25;
            out.add(Example.withoutOs("p" + i, ModalityVectors.of(new float[] {x}, new float[] {treated ? 1f : 0f}), new float[] {1f, 1f}, null, Math.min(t, 3 * 365.25), event));
        }
        return out;
    }

    /** The fitted log hazard ratio, and the data's precision for it at the fit ({@link PriorInfluence}). */
    record Fit(double logHr, double dataPrecision) {}

    static Fit fit(Fitter.EffectPrior prior) {
        List<Example> all = patients(1500, 11);
        try (Model model = Model.newInstance("prior-test")) {
            RiskNet net = new RiskNet(List.of(new Modality("clinical", 1), Modality.treatment("treated", 1)), 4, DiscreteTime.INTERVALS, 0f);
            model.setBlock(net);
            FitConfig cfg = new FitConfig(4, 0f, 1e-2f, 0f, 256, 200, 15, 0f, 0f, 3);
            List<Example> train = all.subList(300, 1500);
            Fitter.fit(model, train, all.subList(0, 300), cfg, prior, line -> { });
            float before = PriorInfluence.fitted(model)[0];
            double precision = PriorInfluence.dataPrecision(model, train, 0f)[0];
            assertThat(PriorInfluence.fitted(model)[0]).as("the curvature probe puts the coefficient back exactly").isEqualTo(before);
            return new Fit(before, precision);
        }
    }

    static double fittedLogHr(Fitter.EffectPrior prior) { return fit(prior).logHr(); }

    @Test
    void theFittedEffectMovesFromTheDataTowardThePriorAsThePriorNarrows() {
        Torch.engine();
        double flat = fittedLogHr(null);
        double narrowAtZero = fittedLogHr(new Fitter.EffectPrior(new double[] {0}, new double[] {0.005}));
        // The data's standard error here is about sqrt(1/d1 + 1/d0) ≈ 0.08: a prior that wide at 0 pulls about halfway.
        double asWideAsTheData = fittedLogHr(new Fitter.EffectPrior(new double[] {0}, new double[] {0.08}));
        assertThat(flat).isCloseTo(TRUE_LOG_HR, within(0.2));
        assertThat(narrowAtZero).isCloseTo(0, within(0.02));
        assertThat(asWideAsTheData).isBetween(flat * 0.75, flat * 0.25);
    }

    @Test
    void thePriorsWeightAndTheDataAloneEstimateAreReadOffTheFit() {
        Torch.engine();
        double flat = fittedLogHr(null);
        Fit halfway = fit(new Fitter.EffectPrior(new double[] {0}, new double[] {0.08}));
        // The data's precision is about d1·d0/(d1 + d0) for a randomised binary treatment: ~1/0.08² here.
        assertThat(1 / Math.sqrt(halfway.dataPrecision())).isBetween(0.06, 0.11);
        double weight = PriorInfluence.priorWeight(halfway.dataPrecision(), 0.08);
        assertThat(weight).isBetween(0.3, 0.7);
        // Undoing the prior recovers the flat fit to within a few hundredths (the likelihood is nearly quadratic here).
        assertThat(PriorInfluence.dataAlone(halfway.logHr(), halfway.dataPrecision(), 0, 0.08)).isCloseTo(flat, within(0.05));
        assertThat(PriorInfluence.dataAlone(-0.3, 0, 0, 0.08)).isNaN();
        // A prior at no effect against data that say HR 0.55 with SE 0.08: a conflict well beyond chance.
        assertThat(PriorInfluence.conflictZ(halfway.logHr(), halfway.dataPrecision(), 0, 0.08)).isLessThan(-3);
        // The same data against a prior at the truth: no conflict.
        Fit agreeing = fit(new Fitter.EffectPrior(new double[] {TRUE_LOG_HR}, new double[] {0.08}));
        assertThat(Math.abs(PriorInfluence.conflictZ(agreeing.logHr(), agreeing.dataPrecision(), TRUE_LOG_HR, 0.08))).isLessThan(1.5);
    }

    @Test
    void movingAnEffectMovesTheBaselineByItsShareSoTheEventRateHolds() {
        Torch.engine();
        List<Example> all = patients(1500, 11);
        try (Model model = Model.newInstance("move-test")) {
            RiskNet net = new RiskNet(List.of(new Modality("clinical", 1), Modality.treatment("treated", 1)), 4, DiscreteTime.INTERVALS, 0f);
            model.setBlock(net);
            Fitter.fit(model, all.subList(300, 1500), all.subList(0, 300), new FitConfig(4, 0f, 1e-2f, 0f, 256, 200, 15, 0f, 0f, 3), null, line -> { });
            float before = PriorInfluence.fitted(model)[0];
            float[] baseline = net.rfsBaseline();
            double treatedShare = all.subList(300, 1500).stream().filter(e -> e.inputs().get(1)[0] == 1f).count() / 1200.0;
            PriorInfluence.moveEffects(model, all.subList(300, 1500), new float[] {0f});
            assertThat(PriorInfluence.fitted(model)[0]).isEqualTo(0f);
            // Treatment taken away from half the patients: their hazard rises by −β, so the baseline falls by −β × share.
            for (int t = 0; t < baseline.length; t++) {
                assertThat((double) net.rfsBaseline()[t]).isCloseTo(baseline[t] + before * treatedShare, within(1e-5));
            }
        }
    }

    @Test
    void profilingTheEffectFinishesItsFitWithTheNetworkHeld() {
        Torch.engine();
        List<Example> all = patients(1500, 11);
        List<Example> train = all.subList(300, 1500);
        try (Model model = Model.newInstance("profile-test")) {
            RiskNet net = new RiskNet(List.of(new Modality("clinical", 1), Modality.treatment("treated", 1)), 4, DiscreteTime.INTERVALS, 0f);
            model.setBlock(net);
            Fitter.fit(model, train, all.subList(0, 300), new FitConfig(4, 0f, 1e-2f, 0f, 256, 200, 15, 0f, 0f, 3), null, line -> { });
            float trained = PriorInfluence.fitted(model)[0];
            // At the trained value the profile moves it little: the training loss is already near its minimum there.
            PriorInfluence.profileEffects(model, train, 0f, 3);
            float profiled = PriorInfluence.fitted(model)[0];
            assertThat((double) profiled).isCloseTo(trained, within(0.05)).isCloseTo(TRUE_LOG_HR, within(0.2));
            // Left at zero — where an effect starts, and where early stopping can leave it — three sweeps bring it back.
            PriorInfluence.moveEffects(model, train, new float[] {0f});
            PriorInfluence.profileEffects(model, train, 0f, 3);
            assertThat((double) PriorInfluence.fitted(model)[0]).isCloseTo(profiled, within(0.01));
        }
    }

    @Test
    void aPriorNeedsOnePositiveSdPerMean() {
        assertThatThrownBy(() -> new Fitter.EffectPrior(new double[] {0, 1}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fitter.EffectPrior(new double[] {0}, new double[] {0})).hasMessageContaining("positive");
    }
}
