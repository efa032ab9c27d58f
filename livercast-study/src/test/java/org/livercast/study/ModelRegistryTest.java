package org.livercast.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.livercast.study.db.Database;
import org.livercast.study.models.ModelRegistry;
import org.livercast.study.models.RegisteredModel;

class ModelRegistryTest {
    static final String ID = "ab".repeat(32);
    static final String DATA = "cd".repeat(32);
    static final String INPUT = "ef".repeat(32);

    @Test
    void aModelIsRegisteredOnceFoundByPrefixAndItsPredictionsRecordedOnce() {
        try (Database db = TestDatabases.freshSchema()) {
            ModelRegistry r = new ModelRegistry(db.jdbi());
            RegisteredModel m = new RegisteredModel(ID, "pre", "livercast-learn 0.1.0", DATA, "{\"metrics\": {\"auc\": 0.75}}", new byte[] {1, 2, 3});
            assertThat(r.register(m)).isTrue();
            assertThat(r.register(m)).isFalse();
            RegisteredModel back = r.find(ID.substring(0, 10)).orElseThrow();
            assertThat(back.weights()).containsExactly(1, 2, 3);
            assertThat(back.kind()).isEqualTo("pre");
            assertThat(r.list()).singleElement().satisfies(s -> {
                assertThat(s.metricsJson()).contains("0.75");
                assertThat(s.tileEncoderId()).isNull();
            });
            // A slide model's card names what read its slides; the list says it.
            String post = "12".repeat(32);
            r.register(new RegisteredModel(post, "post", "v", DATA, "{\"encoder\": {\"tiles\": {\"encoderId\": \"features-uni_v1-1024d-20x256px\"}}}", new byte[] {4}));
            assertThat(r.list()).filteredOn(s -> s.modelId().equals(post)).singleElement()
                    .satisfies(s -> assertThat(s.tileEncoderId()).isEqualTo("features-uni_v1-1024d-20x256px"));
            var p = new ModelRegistry.StoredPrediction(ID, "centre-01", "C0100000001", "pre", 0.62, true, 1.3, INPUT, "{\"p\": 0.62}");
            assertThat(r.record(p)).isTrue();
            assertThat(r.record(p)).isFalse();
            assertThat(r.predictionsOf("centre-01", "C0100000001")).singleElement().satisfies(s -> assertThat(s.highRisk()).isTrue());
            assertThat(r.find("00000000")).isEmpty();
        }
    }

    @Test
    void damagedWeightsShortPrefixesAndImpossibleValuesAreRefused() {
        try (Database db = TestDatabases.freshSchema()) {
            ModelRegistry r = new ModelRegistry(db.jdbi());
            r.register(new RegisteredModel(ID, "post", "v", DATA, "{}", new byte[] {9, 9}));
            db.jdbi().useHandle(h -> h.execute("update model set weights = '\\x0909ff'::bytea"));
            assertThatThrownBy(() -> r.find(ID)).hasMessageContaining("do not match their hash");
            assertThatThrownBy(() -> r.find("ab")).hasMessageContaining("at least 8");
            var bad = new ModelRegistry.StoredPrediction(ID, "c", "p", "post", 1.5, true, 0, INPUT, "{}");
            assertThatThrownBy(() -> r.record(bad)).hasMessageContaining("probability_aggressive_2y");
        }
    }
}
