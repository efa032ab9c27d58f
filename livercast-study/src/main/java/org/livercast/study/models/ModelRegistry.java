package org.livercast.study.models;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Models and their predictions in PostgreSQL. Registering a model twice changes nothing (the id is its content);
 * weights are checked against their hash when read back, so a damaged row is refused rather than used.
 */
public final class ModelRegistry {
    private final Jdbi jdbi;

    public ModelRegistry(Jdbi jdbi) { this.jdbi = jdbi; }

    /** @return true if the model was new */
    public boolean register(RegisteredModel m) {
        return jdbi.withHandle(h -> h.createUpdate("""
                insert into model (model_id, kind, code_version, training_data_sha256, card, weights, weights_sha256)
                values (:id, :kind, :code, :data, cast(:card as jsonb), :weights, :wsha)
                on conflict (model_id) do nothing""")
                .bind("id", m.modelId()).bind("kind", m.kind()).bind("code", m.codeVersion()).bind("data", m.trainingDataSha256())
                .bind("card", m.cardJson()).bind("weights", m.weights()).bind("wsha", sha256(m.weights())).execute()) == 1;
    }

    /** The model whose id is or starts with {@code idOrPrefix} (at least 8 characters); ambiguous prefixes are refused. */
    public Optional<RegisteredModel> find(String idOrPrefix) {
        if (idOrPrefix.length() < 8 || !idOrPrefix.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("model id '" + idOrPrefix + "': give at least 8 hex characters of it");
        }
        List<RegisteredModel> found = jdbi.withHandle(h -> h.createQuery("""
                select model_id, kind, code_version, training_data_sha256, card::text as card, weights, weights_sha256
                from model where model_id like :prefix order by model_id""").bind("prefix", idOrPrefix + "%")
                .map((rs, ctx) -> {
                    byte[] w = rs.getBytes("weights");
                    if (!sha256(w).equals(rs.getString("weights_sha256"))) {
                        throw new IllegalStateException("model " + rs.getString("model_id") + ": stored weights do not match their hash");
                    }
                    return new RegisteredModel(rs.getString("model_id"), rs.getString("kind"), rs.getString("code_version"),
                            rs.getString("training_data_sha256"), rs.getString("card"), w);
                }).list());
        if (found.size() > 1) throw new IllegalArgumentException("model id prefix '" + idOrPrefix + "' matches " + found.size() + " models");
        return found.stream().findFirst();
    }

    /** A model's card (architecture, calibration, held-out metrics) without its weights: what a page showing a prediction needs. */
    public Optional<String> cardJson(String modelId) {
        return jdbi.withHandle(h -> h.createQuery("select card::text from model where model_id = :id").bind("id", modelId).mapTo(String.class).findOne());
    }

    /** @param tileEncoderId what read the slides of a model that reads them (an encoder's or imported features' id), else null */
    public record Summary(String modelId, String kind, String codeVersion, String trainingDataSha256, String registeredAt, String metricsJson,
                          String tileEncoderId) {}

    private static final String SUMMARY = """
            select model_id, kind, code_version, training_data_sha256, registered_at::text as at,
                   coalesce(card -> 'metrics', '{}'::jsonb)::text as metrics, card -> 'encoder' -> 'tiles' ->> 'encoderId' as tiles
            from model""";

    public List<Summary> list() {
        return jdbi.withHandle(h -> h.createQuery(SUMMARY + " order by registered_at, model_id").map((rs, ctx) -> summary(rs)).list());
    }

    /** One model's summary, by its full id. */
    public Optional<Summary> summary(String modelId) {
        return jdbi.withHandle(h -> h.createQuery(SUMMARY + " where model_id = :id").bind("id", modelId).map((rs, ctx) -> summary(rs)).findOne());
    }

    private static Summary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Summary(rs.getString("model_id"), rs.getString("kind"), rs.getString("code_version"), rs.getString("training_data_sha256"),
                rs.getString("at"), rs.getString("metrics"), rs.getString("tiles"));
    }

    /** One prediction as stored; {@code bodyJson} is the full prediction. */
    public record StoredPrediction(String modelId, String centreId, String patientId, String kind, double probabilityAggressive2y,
                                   boolean highRisk, double rfsRiskScore, String inputSha256, String bodyJson) {}

    /** @return true if recorded, false if this model already predicted on these exact inputs */
    public boolean record(StoredPrediction p) {
        return jdbi.withHandle(h -> h.createUpdate("""
                insert into prediction (model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score,
                                        input_sha256, body)
                values (:model, :centre, :patient, :kind, :p, :high, :risk, :input, cast(:body as jsonb))
                on conflict (model_id, centre_id, patient_id, input_sha256) do nothing""")
                .bind("model", p.modelId()).bind("centre", p.centreId()).bind("patient", p.patientId()).bind("kind", p.kind())
                .bind("p", p.probabilityAggressive2y()).bind("high", p.highRisk()).bind("risk", p.rfsRiskScore())
                .bind("input", p.inputSha256()).bind("body", p.bodyJson()).execute()) == 1;
    }

    public List<StoredPrediction> predictionsOf(String centreId, String patientId) {
        return recordedOf(centreId, patientId).stream().map(Recorded::prediction).toList();
    }

    /** A prediction with the row id a lock refers to and the time it was recorded. */
    public record Recorded(long predictionId, java.time.OffsetDateTime predictedAt, StoredPrediction prediction) {}

    private static final String RECORDED = """
            select prediction_id, predicted_at, model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score,
                   input_sha256, body::text as body
            from prediction""";

    /** The patient's predictions with their ids and times, oldest first. */
    public List<Recorded> recordedOf(String centreId, String patientId) {
        return jdbi.withHandle(h -> h.createQuery(RECORDED + " where centre_id = :c and patient_id = :p order by predicted_at, prediction_id")
                .bind("c", centreId).bind("p", patientId).map((rs, ctx) -> recorded(rs)).list());
    }

    public Optional<Recorded> recorded(long predictionId) {
        return jdbi.withHandle(h -> h.createQuery(RECORDED + " where prediction_id = :id").bind("id", predictionId).map((rs, ctx) -> recorded(rs)).findOne());
    }

    private static Recorded recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recorded(rs.getLong("prediction_id"), rs.getObject("predicted_at", java.time.OffsetDateTime.class),
                new StoredPrediction(rs.getString("model_id"), rs.getString("centre_id"), rs.getString("patient_id"), rs.getString("kind"),
                        rs.getDouble("probability_aggressive_2y"), rs.getBoolean("high_risk"), rs.getDouble("rfs_risk_score"),
                        rs.getString("input_sha256"), rs.getString("body")));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
