package org.livercast.stats.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConcordanceTest {
    /** The O(n log n) count agrees with the plain definition over all pairs, ties included. */
    @Test
    void fastCountingAgreesWithBruteForceOnTiedData() {
        SplittableRandom r = new SplittableRandom(3);
        for (int rep = 0; rep < 20; rep++) {
            int n = 60;
            double[] time = new double[n];
            int[] status = new int[n];
            double[] marker = new double[n];
            for (int i = 0; i < n; i++) {
                time[i] = 1 + r.nextInt(15);          // heavy ties in time
                status[i] = r.nextDouble() < 0.6 ? 1 : 0;
                marker[i] = r.nextInt(6);             // heavy ties in marker
            }
            Concordance.Result fast = Concordance.harrell(SurvivalData.of(time, status), marker, null);
            double conc = 0;
            double disc = 0;
            double tied = 0;
            for (int i = 0; i < n; i++) {
                if (status[i] != 1) continue;
                for (int j = 0; j < n; j++) {
                    boolean comparable = time[j] > time[i] || (time[j] == time[i] && status[j] == 0);
                    if (!comparable) continue;
                    if (marker[i] > marker[j]) conc++;
                    else if (marker[i] < marker[j]) disc++;
                    else tied++;
                }
            }
            assertThat(fast.concordant()).isEqualTo(conc);
            assertThat(fast.discordant()).isEqualTo(disc);
            assertThat(fast.tiedMarker()).isEqualTo(tied);
            assertThat(fast.concordance()).isCloseTo((conc + tied / 2) / (conc + disc + tied), within(1e-12));
        }
    }

    @Test
    void aPerfectMarkerHasConcordanceOneAndItsNegationZero() {
        double[] time = {1, 2, 3, 4, 5};
        int[] status = {1, 1, 1, 1, 1};
        double[] risk = {5, 4, 3, 2, 1};
        SurvivalData d = SurvivalData.of(time, status);
        assertThat(Concordance.harrell(d, risk, null).concordance()).isEqualTo(1.0);
        assertThat(Concordance.harrell(d, new double[] {1, 2, 3, 4, 5}, null).concordance()).isEqualTo(0.0);
    }
}
