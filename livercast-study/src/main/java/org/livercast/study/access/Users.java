package org.livercast.study.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.livercast.study.audit.AuditLog;

/**
 * Users, passwords and sessions. A session token is 256 random bits handed to the browser once; the store keeps only
 * its SHA-256, so a copy of the database cannot be used to sign in. Each session has its own CSRF token, which every
 * state-changing request must echo.
 */
public final class Users {
    public static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Jdbi jdbi;
    private final AuditLog audit;

    public Users(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.audit = new AuditLog(jdbi);
    }

    public record Session(String token, String csrfToken, User user) {}

    public User add(String username, Role role, String centreId, String password) {
        String hash = Passwords.hash(password);
        jdbi.useTransaction(h -> {
            if (centreId != null) h.execute("insert into centre (id, name) values (?, ?) on conflict (id) do nothing", centreId, centreId);
            h.createUpdate("insert into app_user (username, role, centre_id, password_hash) values (:u, :r, :c, :p)")
                    .bind("u", username).bind("r", role.id()).bind("c", centreId).bind("p", hash).execute();
            audit.append(h, "system", "user.add", "user " + username, "{\"role\":\"" + role.id() + "\",\"centre\":" + (centreId == null ? "null" : "\"" + centreId + "\"") + "}");
        });
        return new User(username, role, centreId);
    }

    /** Replaces a user's password; their open sessions end. */
    public void setPassword(String username, String password) {
        String hash = Passwords.hash(password);
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("update app_user set password_hash = :p where username = :u").bind("p", hash).bind("u", username).execute();
            if (n == 0) throw new IllegalArgumentException("no user " + username);
            h.execute("delete from user_session where username = ?", username);
            audit.append(h, "system", "user.password", "user " + username, "{}");
        });
    }

    public Optional<User> find(String username) {
        return jdbi.withHandle(h -> h.createQuery("select username, role, centre_id from app_user where username = :u").bind("u", username)
                .map((rs, ctx) -> new User(rs.getString(1), Role.of(rs.getString(2)), rs.getString(3))).findOne());
    }

    public List<User> all() {
        return jdbi.withHandle(h -> h.createQuery("select username, role, centre_id from app_user order by username")
                .map((rs, ctx) -> new User(rs.getString(1), Role.of(rs.getString(2)), rs.getString(3))).list());
    }

    /** Checks the password and opens a session; a failed attempt is audited too. */
    public Optional<Session> signIn(String username, String password) {
        Optional<String> stored = jdbi.withHandle(h -> h.createQuery("select password_hash from app_user where username = :u")
                .bind("u", username == null ? "" : username).mapTo(String.class).findOne());
        // Hash even for an unknown user, so timing does not tell which usernames exist.
        boolean ok = Passwords.verify(password, stored.orElse(DUMMY_HASH)) && stored.isPresent();
        if (!ok) {
            audit.append(String.valueOf(username), "session.refused", "user " + username, "{}");
            return Optional.empty();
        }
        User user = find(username).orElseThrow();
        String token = random();
        String csrf = random();
        jdbi.useTransaction(h -> {
            h.createUpdate("insert into user_session (token_sha256, username, csrf_token, expires_at) values (:t, :u, :c, :e)")
                    .bind("t", sha256(token)).bind("u", username).bind("c", csrf).bind("e", Timestamp.from(Instant.now().plus(SESSION_LIFETIME))).execute();
            audit.append(h, username, "session.open", "user " + username, "{}");
        });
        return Optional.of(new Session(token, csrf, user));
    }

    public Optional<Session> session(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return jdbi.withHandle(h -> h.createQuery("""
                        select s.csrf_token, u.username, u.role, u.centre_id from user_session s join app_user u on u.username = s.username
                        where s.token_sha256 = :t and s.expires_at > now()""")
                .bind("t", sha256(token))
                .map((rs, ctx) -> new Session(token, rs.getString(1), new User(rs.getString(2), Role.of(rs.getString(3)), rs.getString(4)))).findOne());
    }

    public void signOut(String token) {
        jdbi.useTransaction(h -> {
            var s = h.createQuery("select username from user_session where token_sha256 = :t").bind("t", sha256(token)).mapTo(String.class).findOne();
            h.execute("delete from user_session where token_sha256 = ?", sha256(token));
            s.ifPresent(u -> audit.append(h, u, "session.close", "user " + u, "{}"));
        });
    }

    private static final String DUMMY_HASH = Passwords.hash("not-a-real-password");

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String s) { return org.livercast.study.store.RecordHash.ofBytes(s.getBytes(StandardCharsets.UTF_8)); }
}
