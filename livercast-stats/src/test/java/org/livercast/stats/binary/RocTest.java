package org.livercast.stats.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocTest {
    static BinaryData random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] y = new boolean[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.3;
            m[i] = Math.round((r.nextGaussian() + (y[i] ? 0.8 : 0)) * 4) / 4.0;
        }
        return new BinaryData(y, m);
    }

    @Test
    void aucEqualsTheMannWhitneyProbabilityOverAllPairs() {
        BinaryData d = random(11, 300);
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.size(); j++) {
                if (!d.outcome()[i] || d.outcome()[j]) continue;
                pairs++;
                if (d.marker()[i] > d.marker()[j]) wins++;
                else if (d.marker()[i] == d.marker()[j]) wins += 0.5;
            }
        }
        assertThat(Roc.of(d).auc()).isCloseTo(wins / pairs, within(1e-12));
    }

    @Test
    void curveSweepAgreesWithCountingAtEveryThreshold() {
        Roc roc = Roc.of(random(5, 200));
        List<ConfusionMetrics> curve = roc.curve();
        assertThat(curve).hasSize(roc.thresholds().length);
        for (ConfusionMetrics m : curve) assertThat(m).isEqualTo(roc.at(m.threshold()));
        assertThat(curve.get(0).sensitivity()).isEqualTo(1.0);
        assertThat(curve.get(curve.size() - 1).specificity()).isEqualTo(1.0);
    }

    @Test
    void seededBootstrapIsReproducibleAndBracketsTheEstimate() {
        BinaryData d = random(9, 250);
        var a = Bootstrap.percentile(d, x -> Roc.of(x).auc(), 400, 42L, 0.95);
        var b = Bootstrap.percentile(d, x -> Roc.of(x).auc(), 400, 42L, 0.95);
        assertThat(a).isEqualTo(b);
        assertThat(a.lower()).isLessThan(a.estimate()).isGreaterThan(0.5);
        assertThat(a.upper()).isGreaterThan(a.estimate());
        double[] delong = Roc.of(d).aucCi95();
        assertThat(a.lower()).isCloseTo(delong[0], within(0.03));
        assertThat(a.upper()).isCloseTo(delong[1], within(0.03));
    }

    @Test
    void decisionCurveNetBenefitFollowsItsDefinition() {
        // 4 cases, 6 controls; the model flags 3 cases and 1 control at pt = 0.2.
        boolean[] y = {true, true, true, true, false, false, false, false, false, false};
        double[] p = {0.9, 0.7, 0.3, 0.1, 0.25, 0.1, 0.05, 0.15, 0.02, 0.1};
        var points = DecisionCurve.of(new BinaryData(y, p), new double[] {0.2});
        double odds = 0.2 / 0.8;
        assertThat(points.get(0).netBenefitModel()).isCloseTo(3.0 / 10 - 1.0 / 10 * odds, within(1e-12));
        assertThat(points.get(0).netBenefitTreatAll()).isCloseTo(0.4 - 0.6 * odds, within(1e-12));
        assertThat(points.get(0).netBenefitTreatNone()).isZero();
        assertThat(DecisionCurve.grid(0.01, 0.99, 0.01)).hasSize(99);
    }
}
