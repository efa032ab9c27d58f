package org.livercast.study.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log of every write and every read of patient data: append-only (a trigger refuses UPDATE and DELETE) and
 * hash-chained — each entry's hash covers the previous entry's hash and its own fields, so changing, removing or
 * reordering any entry breaks the chain from there on, and {@link #verify()} names the first broken entry. Keep the
 * head hash that verify prints somewhere else too: then cutting entries off the end is detected as well.
 */
public final class AuditLog {
    public static final String GENESIS = "0".repeat(64);
    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) { this.jdbi = jdbi; }

    public record Entry(long seq, Instant at, String actor, String action, String subject, String detail, String prevHash, String hash) {}

    public record Verification(boolean intact, long entries, String headHash, String problem) {}

    /** Appends in its own transaction. */
    public Entry append(String actor, String action, String subject, String detailJson) {
        return jdbi.inTransaction(h -> append(h, actor, action, subject, detailJson));
    }

    /** Appends inside the caller's transaction, so the entry commits (or not) with the change it records. */
    public Entry append(Handle h, String actor, String action, String subject, String detailJson) {
        // One writer at a time: the next entry needs the previous hash.
        h.execute("select pg_advisory_xact_lock(7360001)");
        var last = h.createQuery("select seq, hash from audit_log order by seq desc limit 1")
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).findOne();
        long seq = last.map(r -> (Long) r[0] + 1).orElse(1L);
        String prev = last.map(r -> (String) r[1]).orElse(GENESIS);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String detail = detailJson == null ? "{}" : detailJson;
        String hash = hash(seq, at, actor, action, subject, detail, prev);
        h.createUpdate("insert into audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) values (:s, :at, :ac, :a, :su, :d, :p, :h)")
                .bind("s", seq).bind("at", Timestamp.from(at)).bind("ac", actor).bind("a", action).bind("su", subject)
                .bind("d", detail).bind("p", prev).bind("h", hash).execute();
        return new Entry(seq, at, actor, action, subject, detail, prev, hash);
    }

    public List<Entry> recent(int n) {
        return jdbi.withHandle(h -> h.createQuery("select * from audit_log order by seq desc limit :n").bind("n", n).map((rs, ctx) -> entry(rs)).list());
    }

    /** Recomputes the whole chain. */
    public Verification verify() {
        return jdbi.withHandle(h -> {
            String prev = GENESIS;
            long expected = 1;
            try (var it = h.createQuery("select * from audit_log order by seq").setFetchSize(1000).map((rs, ctx) -> entry(rs)).iterator()) {
                while (it.hasNext()) {
                    Entry e = it.next();
                    if (e.seq() != expected) return new Verification(false, expected - 1, prev, "entry " + expected + " is missing (next is " + e.seq() + ")");
                    if (!e.prevHash().equals(prev)) return new Verification(false, expected - 1, prev, "entry " + e.seq() + " does not follow entry " + (e.seq() - 1));
                    String h2 = hash(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail(), e.prevHash());
                    if (!h2.equals(e.hash())) return new Verification(false, expected - 1, prev, "entry " + e.seq() + " was changed after it was written");
                    prev = e.hash();
                    expected++;
                }
            }
            return new Verification(true, expected - 1, prev, null);
        });
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action"),
                rs.getString("subject"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    static String hash(long seq, Instant at, String actor, String action, String subject, String detail, String prev) {
        String canonical = String.join("\u001F", Long.toString(seq), at.toString(), actor, action, subject, detail, prev);
        return org.livercast.study.store.RecordHash.ofBytes(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
