package org.livercast.learn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardiserTest {
    @Test
    void missingValuesBecomeZeroWithAnIndicatorAndNeverAMean() {
        List<FeatureRow> train = List.of(new FeatureRow().put("afp", 10.0).put("male", true), new FeatureRow().put("afp", 30.0).put("male", (Boolean) null),
                new FeatureRow().put("afp", 20.0).put("male", false));
        Standardiser s = Standardiser.fit(train);
        assertThat(s.columns()).containsExactly("afp", "male", "male_missing");
        float[] v = s.apply(new FeatureRow().put("afp", 30.0).put("male", (Boolean) null));
        assertThat(v[0]).isCloseTo(1f, within(1e-6f));
        assertThat(v[1]).isZero();
        assertThat(v[2]).isEqualTo(1f);
        assertThat(s.apply(new FeatureRow().put("afp", 20.0).put("male", true))[2]).isZero();
        // A feature never missing in training has no indicator; missing at prediction still reads as 0 (the mean).
        assertThat(s.apply(new FeatureRow().put("afp", (Double) null).put("male", true))[0]).isZero();
    }

    @Test
    void aRowWithoutAFeatureTheModelWasTrainedWithIsRefused() {
        Standardiser s = Standardiser.fit(List.of(new FeatureRow().put("afp", 10.0), new FeatureRow().put("afp", 12.0)));
        assertThatThrownBy(() -> s.apply(new FeatureRow().put("pivka", 1.0))).hasMessageContaining("[afp]");
    }

    @Test
    void textEmbeddingsAreUnitLengthDeterministicAndSeparateDifferentFindings() {
        float[] a = TextEmbedding.of("动脉期环状强化，未见廓清", 32);
        float[] b = TextEmbedding.of("动脉期环状强化，未见廓清", 32);
        float[] c = TextEmbedding.of("non-rim arterial phase hyperenhancement, non-peripheral washout", 32);
        assertThat(a).containsExactly(b);
        double norm = 0;
        double dot = 0;
        for (int i = 0; i < 32; i++) {
            norm += a[i] * a[i];
            dot += a[i] * c[i];
        }
        assertThat(norm).isCloseTo(1, within(1e-5));
        assertThat(Math.abs(dot)).isLessThan(0.9);
        assertThat(TextEmbedding.of("", 8)).containsOnly(0f);
    }
}
