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
    void aListReadsEachPatientsLatestRiskOfEachKindAndLatestRecommendationWithoutTheirBodies() {
        try (Database db = TestDatabases.freshSchema()) {
            ModelRegistry r = new ModelRegistry(db.jdbi());
            r.register(new RegisteredModel(ID, "pre", "v", DATA, "{}", new byte[] {1}));
            // Two PRE predictions for one patient (the later one is latest), a POST, and another patient with a PRE only.
            String[] inputs = {"01", "02", "03", "04"};
            r.record(new ModelRegistry.StoredPrediction(ID, "C01", "A", "pre", 0.62, true, 1.3, inputs[0].repeat(32), "{}"));
            r.record(new ModelRegistry.StoredPrediction(ID, "C01", "A", "pre", 0.31, false, 0.2, inputs[1].repeat(32), "{}"));
            r.record(new ModelRegistry.StoredPrediction(ID, "C01", "A", "post", 0.55, true, 0.9, inputs[2].repeat(32), "{}"));
            r.record(new ModelRegistry.StoredPrediction(ID, "C02", "A", "pre", 0.12, false, -1, inputs[3].repeat(32), "{}"));
            var recs = new org.livercast.study.models.Recommendations(db.jdbi());
            recs.record(new org.livercast.study.models.Recommendations.Stored(ID, "C01", "A", "tace", 0.8, 0.04, 0.01, "{\"n\": 1}", INPUT));
            recs.record(new org.livercast.study.models.Recommendations.Stored(ID, "C01", "A", "tace_systemic", 0.6, 0.07, 0.02, "{\"n\": 2}", null));
            var latest = org.livercast.study.models.LatestScores.read(db.jdbi());
            assertThat(latest.risk("C01", "A", "pre")).hasValue(new org.livercast.study.models.LatestScores.Risk(0.31, false));
            assertThat(latest.risk("C01", "A", "post")).hasValue(new org.livercast.study.models.LatestScores.Risk(0.55, true));
            // The same pseudonym at another centre is another patient.
            assertThat(latest.risk("C02", "A", "pre")).hasValue(new org.livercast.study.models.LatestScores.Risk(0.12, false));
            assertThat(latest.risk("C02", "A", "post")).isEmpty();
            assertThat(latest.recommended("C01", "A")).hasValue(new org.livercast.study.models.LatestScores.Recommended("tace_systemic", 0.07));
            assertThat(latest.recommended("C02", "A")).isEmpty();
            // The same answers as reading each patient's predictions whole.
            assertThat(r.predictionsOf("C01", "A").stream().filter(p -> p.kind().equals("pre")).reduce((a, b) -> b).orElseThrow().probabilityAggressive2y()).isEqualTo(0.31);
            assertThat(recs.latest("C01", "A").orElseThrow().recommended()).isEqualTo("tace_systemic");
            // The inputs' hash as recorded; none for a recommendation stored without one.
            assertThat(recs.recordedOf("C01", "A")).extracting(x -> x.recommendation().inputSha256()).containsExactly(INPUT, null);
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
