package org.livercast.study.models;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Stored adjuvant-strategy recommendations of the therapy model (P4), one per model, patient and estimate set. */
public final class Recommendations {
    private final Jdbi jdbi;

    public Recommendations(Jdbi jdbi) { this.jdbi = jdbi; }

    /**
     * @param bodyJson    the full recommendation: estimates per strategy (3-year RFS, SD, 1–5-year curve), agreement, gain
     * @param inputSha256 the hash of the inputs the ensemble read; null for a recommendation stored before it was recorded
     */
    public record Stored(String modelId, String centreId, String patientId, String recommended, double agreement, double gainRfs3y,
                         double gainRfs3ySd, String bodyJson, String inputSha256) {}

    /** @return true if recorded, false if the same model already gave the same recommendation */
    public boolean record(Stored r) {
        return jdbi.withHandle(h -> h.createUpdate("""
                insert into recommendation (model_id, centre_id, patient_id, recommended, agreement, gain_rfs3y, gain_rfs3y_sd, body, body_sha256,
                                            input_sha256)
                values (:m, :c, :p, :r, :a, :g, :gs, cast(:b as jsonb), :bs, :in) on conflict do nothing""")
                .bind("m", r.modelId()).bind("c", r.centreId()).bind("p", r.patientId()).bind("r", r.recommended()).bind("a", r.agreement())
                .bind("g", r.gainRfs3y()).bind("gs", r.gainRfs3ySd()).bind("b", r.bodyJson())
                .bind("bs", ModelRegistry.sha256(r.bodyJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))).bind("in", r.inputSha256()).execute()) == 1;
    }

    /** A recommendation with its row id and the time it was recorded. */
    public record Recorded(long recommendationId, java.time.OffsetDateTime recommendedAt, Stored recommendation) {}

    private static final String RECORDED = """
            select recommendation_id, recommended_at, model_id, centre_id, patient_id, recommended, agreement, gain_rfs3y, gain_rfs3y_sd,
                   body::text, input_sha256 from recommendation""";

    /** Every recommendation for the patient, oldest first. */
    public java.util.List<Recorded> recordedOf(String centre, String patient) {
        return jdbi.withHandle(h -> h.createQuery(RECORDED + " where centre_id = :c and patient_id = :p order by recommended_at, recommendation_id")
                .bind("c", centre).bind("p", patient).map((rs, ctx) -> recorded(rs)).list());
    }

    public Optional<Recorded> recorded(long recommendationId) {
        return jdbi.withHandle(h -> h.createQuery(RECORDED + " where recommendation_id = :id").bind("id", recommendationId)
                .map((rs, ctx) -> recorded(rs)).findOne());
    }

    private static Recorded recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recorded(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class), new Stored(rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getString(10), rs.getString(11)));
    }

    /** Whether any stored recommendation was made by this model (the therapy ensemble is not in the model registry). */
    public boolean madeBy(String modelId) {
        return jdbi.withHandle(h -> h.createQuery("select exists (select 1 from recommendation where model_id = :m)").bind("m", modelId)
                .mapTo(Boolean.class).one());
    }

    public Optional<Stored> latest(String centre, String patient) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select model_id, centre_id, patient_id, recommended, agreement, gain_rfs3y, gain_rfs3y_sd, body::text, input_sha256 from recommendation
                        where centre_id = :c and patient_id = :p order by recommended_at desc, recommendation_id desc limit 1""")
                .bind("c", centre).bind("p", patient)
                .map((rs, ctx) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6),
                        rs.getDouble(7), rs.getString(8), rs.getString(9))).findOne());
    }
}
