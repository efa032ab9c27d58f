package org.livercast.study.models;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Stored predictions of the diagnosis model (P5): P(malignant) and P(ICC | malignant) per lesion, with the model's id and
 * the hash of the inputs it read, so that a P5 analysis and the patient page say which model said what on which data.
 */
public final class Diagnoses {
    private final Jdbi jdbi;

    public Diagnoses(Jdbi jdbi) { this.jdbi = jdbi; }

    /** @param bodyJson the whole prediction as the model gave it (P(HCC), P(ICC), P(benign) included) */
    public record Stored(String modelId, String centreId, String patientId, double probabilityMalignant, double probabilityIccIfMalignant,
                         String inputSha256, String bodyJson) {
        /** P(HCC) = P(malignant) · (1 − P(ICC | malignant)). */
        public double probabilityHcc() { return probabilityMalignant * (1 - probabilityIccIfMalignant); }

        public double probabilityIcc() { return probabilityMalignant * probabilityIccIfMalignant; }

        public double probabilityBenign() { return 1 - probabilityMalignant; }
    }

    /** @return true if recorded, false if the same model had already read the same inputs of this patient */
    public boolean record(Stored d) {
        return jdbi.withHandle(h -> h.createUpdate("""
                insert into diagnosis (model_id, centre_id, patient_id, probability_malignant, probability_icc_if_malignant, input_sha256, body)
                values (:m, :c, :p, :pm, :pi, :in, cast(:b as jsonb)) on conflict do nothing""")
                .bind("m", d.modelId()).bind("c", d.centreId()).bind("p", d.patientId()).bind("pm", d.probabilityMalignant())
                .bind("pi", d.probabilityIccIfMalignant()).bind("in", d.inputSha256()).bind("b", d.bodyJson()).execute()) == 1;
    }

    /** A diagnosis with its row id and the time it was recorded. */
    public record Recorded(long diagnosisId, java.time.OffsetDateTime diagnosedAt, Stored diagnosis) {}

    private static final String RECORDED = """
            select diagnosis_id, diagnosed_at, model_id, centre_id, patient_id, probability_malignant, probability_icc_if_malignant,
                   input_sha256, body::text from diagnosis""";

    /** Every diagnosis of the patient, oldest first. */
    public java.util.List<Recorded> recordedOf(String centre, String patient) {
        return jdbi.withHandle(h -> h.createQuery(RECORDED + " where centre_id = :c and patient_id = :p order by diagnosed_at, diagnosis_id")
                .bind("c", centre).bind("p", patient).map((rs, ctx) -> recorded(rs)).list());
    }

    public Optional<Recorded> recorded(long diagnosisId) {
        return jdbi.withHandle(h -> h.createQuery(RECORDED + " where diagnosis_id = :id").bind("id", diagnosisId).map((rs, ctx) -> recorded(rs)).findOne());
    }

    private static Recorded recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recorded(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class), new Stored(rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8), rs.getString(9)));
    }

    /** The patient's latest diagnosis, if any model has given one. */
    public Optional<Stored> latest(String centre, String patient) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select model_id, centre_id, patient_id, probability_malignant, probability_icc_if_malignant, input_sha256, body::text
                        from diagnosis where centre_id = :c and patient_id = :p order by diagnosed_at desc, diagnosis_id desc limit 1""")
                .bind("c", centre).bind("p", patient)
                .map((rs, ctx) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getString(6), rs.getString(7))).findOne());
    }
}
