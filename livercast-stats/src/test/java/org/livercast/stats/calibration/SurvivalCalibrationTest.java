package org.livercast.stats.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.livercast.stats.survival.SurvivalData;

class SurvivalCalibrationTest {
    @Test
    void wellCalibratedRisksLieOnTheDiagonalDespiteCensoring() {
        SplittableRandom r = new SplittableRandom(21);
        int n = 20_000;
        double[] time = new double[n];
        int[] status = new int[n];
        double[] risk = new double[n];
        double t = 1.0;
        for (int i = 0; i < n; i++) {
            double rate = Math.exp(r.nextGaussian());
            double event = -Math.log(r.nextDouble()) / rate;
            double censor = r.nextDouble() * 4;
            time[i] = Math.min(event, censor);
            status[i] = event <= censor ? 1 : 0;
            risk[i] = 1 - Math.exp(-rate * t);   // the true risk by t
        }
        var points = SurvivalCalibration.at(SurvivalData.of(time, status), risk, t, 10);
        assertThat(points).hasSize(10);
        for (var p : points) {
            assertThat(p.observed()).isCloseTo(p.meanPredicted(), within(0.04));
            assertThat(p.observedLower95()).isLessThanOrEqualTo(p.observed());
        }
    }
}
