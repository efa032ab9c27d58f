package org.livercast.study.ops;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.livercast.study.access.AccessDeniedException;
import org.livercast.study.access.User;
import org.livercast.study.audit.AuditLog;

/**
 * Predictions locked at a protocol's moments (PRE before surgery, POST after pathology). A lock is never changed — the
 * table refuses UPDATE and DELETE — and a correction is a new lock that supersedes the old one, with its reason; the
 * current lock is the end of that chain. Every lock is audited in the same transaction.
 */
public final class LockedPredictions {
    private final Jdbi jdbi;
    private final AuditLog audit;

    public LockedPredictions(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.audit = new AuditLog(jdbi);
    }

    public record Lock(long id, String centreId, String patientId, String protocolId, String moment, long predictionId, String modelId,
                       String inputSha256, double probabilityAggressive2y, boolean highRisk, String lockedBy, String lockedAt,
                       Long supersedes, String reason) {}

    /** Locks a stored prediction of the patient for a protocol; refused when a lock already stands (supersede it instead). */
    public Lock lock(User user, String centre, String patientId, String protocolId, String moment, long predictionId) {
        if (!user.canLockFor(centre)) throw new AccessDeniedException(user.username() + " (" + user.role().id() + ") may not lock predictions of centre " + centre);
        return jdbi.inTransaction(h -> {
            long pk = patientPk(h, centre, patientId);
            h.execute("select pg_advisory_xact_lock(?)", pk);
            if (current(h, pk, protocolId, moment).isPresent()) {
                throw new IllegalStateException("a " + moment.toUpperCase() + " prediction is already locked for " + patientId + " in " + protocolId
                        + ": supersede it with a reason");
            }
            return insert(h, user, pk, centre, patientId, protocolId, moment, predictionId, null, null);
        });
    }

    /** Replaces the current lock with another prediction, keeping the old one and the reason. */
    public Lock supersede(User user, String centre, String patientId, String protocolId, String moment, long predictionId, String reason) {
        if (!user.canLockFor(centre)) throw new AccessDeniedException(user.username() + " (" + user.role().id() + ") may not lock predictions of centre " + centre);
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a superseding lock needs a reason");
        return jdbi.inTransaction(h -> {
            long pk = patientPk(h, centre, patientId);
            h.execute("select pg_advisory_xact_lock(?)", pk);
            Lock old = current(h, pk, protocolId, moment).orElseThrow(() -> new IllegalStateException("nothing locked to supersede"));
            return insert(h, user, pk, centre, patientId, protocolId, moment, predictionId, old.id(), reason.strip());
        });
    }

    public Optional<Lock> current(String centre, String patientId, String protocolId, String moment) {
        return jdbi.withHandle(h -> current(h, patientPk(h, centre, patientId), protocolId, moment));
    }

    /** Every lock of the patient, oldest first (superseded ones included). */
    public List<Lock> history(String centre, String patientId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where p.centre_id = :c and p.patient_id = :p order by l.id")
                .bind("c", centre).bind("p", patientId).map((rs, ctx) -> lock(rs)).list());
    }

    private static final String SELECT = """
            select l.*, p.centre_id, p.patient_id, l.locked_at::text as at from locked_prediction l join patient p on p.pk = l.patient_pk""";

    private static Optional<Lock> current(Handle h, long pk, String protocolId, String moment) {
        return h.createQuery(SELECT + " " + """
                         where l.patient_pk = :pk and l.protocol_id = :pr and l.moment = :m
                         and not exists (select 1 from locked_prediction n where n.supersedes = l.id)""")
                .bind("pk", pk).bind("pr", protocolId).bind("m", moment).map((rs, ctx) -> lock(rs)).findOne();
    }

    private Lock insert(Handle h, User user, long pk, String centre, String patientId, String protocolId, String moment, long predictionId,
                        Long supersedes, String reason) {
        var pred = h.createQuery("select model_id, input_sha256, probability_aggressive_2y, high_risk, kind from prediction"
                        + " where prediction_id = :id and centre_id = :c and patient_id = :p")
                .bind("id", predictionId).bind("c", centre).bind("p", patientId)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getBoolean(4), rs.getString(5)}).findOne()
                .orElseThrow(() -> new IllegalArgumentException("prediction " + predictionId + " is not one of " + patientId + "'s"));
        if (!moment.equals(pred[4])) throw new IllegalArgumentException("prediction " + predictionId + " is a " + pred[4] + " prediction, not " + moment);
        long id = h.createUpdate("""
                        insert into locked_prediction (patient_pk, protocol_id, moment, prediction_id, model_id, input_sha256,
                            probability_aggressive_2y, high_risk, locked_by, supersedes, reason)
                        values (:pk, :pr, :m, :pid, :model, :input, :prob, :high, :by, :sup, :reason)""")
                .bind("pk", pk).bind("pr", protocolId).bind("m", moment).bind("pid", predictionId).bind("model", (String) pred[0])
                .bind("input", (String) pred[1]).bind("prob", (double) pred[2]).bind("high", (boolean) pred[3]).bind("by", user.username())
                .bind("sup", supersedes).bind("reason", reason).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        audit.append(h, user.username(), supersedes == null ? "prediction.lock" : "prediction.supersede", "patient " + centre + "/" + patientId,
                "{\"protocol\":\"" + protocolId + "\",\"moment\":\"" + moment + "\",\"lock\":" + id + ",\"prediction\":" + predictionId
                        + (supersedes == null ? "" : ",\"supersedes\":" + supersedes) + "}");
        return current(h, pk, protocolId, moment).orElseThrow();
    }

    private static Lock lock(java.sql.ResultSet rs) throws java.sql.SQLException {
        long sup = rs.getLong("supersedes");
        Long supersedes = rs.wasNull() ? null : sup;   // asked right after reading the column it is about
        return new Lock(rs.getLong("id"), rs.getString("centre_id"), rs.getString("patient_id"), rs.getString("protocol_id"), rs.getString("moment"),
                rs.getLong("prediction_id"), rs.getString("model_id"), rs.getString("input_sha256"), rs.getDouble("probability_aggressive_2y"),
                rs.getBoolean("high_risk"), rs.getString("locked_by"), rs.getString("at"), supersedes, rs.getString("reason"));
    }

    static long patientPk(Handle h, String centre, String patientId) {
        return h.createQuery("select pk from patient where centre_id = :c and patient_id = :p").bind("c", centre).bind("p", patientId)
                .mapTo(Long.class).findOne().orElseThrow(() -> new IllegalArgumentException("no patient " + centre + "/" + patientId));
    }
}
