package org.livercast.study.db;

import java.nio.file.Path;

/**
 * Where the store lives. With no {@code jdbcUrl} LiverCast runs an embedded PostgreSQL whose data folder is
 * {@code home/pgdata}, kept between runs; with one, it uses that server. {@code schema} separates LiverCast's tables
 * from anything else on a shared server (and lets tests run side by side).
 */
public record DatabaseConfig(Path home, String jdbcUrl, String user, String password, String schema) {
    public static final String DEFAULT_SCHEMA = "livercast";
    /** Environment variables read when no option is given on the command line. */
    public static final String ENV_URL = "LIVERCAST_DB_URL";
    public static final String ENV_USER = "LIVERCAST_DB_USER";
    public static final String ENV_PASSWORD = "LIVERCAST_DB_PASSWORD";
    public static final String ENV_SCHEMA = "LIVERCAST_DB_SCHEMA";

    public DatabaseConfig {
        if (schema == null || schema.isBlank()) schema = DEFAULT_SCHEMA;
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema '" + schema + "' must be lower-case letters, digits and _");
        }
        if (jdbcUrl == null && home == null) throw new IllegalArgumentException("either a home folder or a JDBC URL is needed");
    }

    public static DatabaseConfig embedded(Path home) { return new DatabaseConfig(home, null, null, null, null); }

    /** The URL/user/password from the environment when set, else the embedded server under {@code home}. */
    public static DatabaseConfig fromEnvironment(Path home, String urlOption, String schemaOption) {
        String url = urlOption != null ? urlOption : System.getenv(ENV_URL);
        String schema = schemaOption != null ? schemaOption : System.getenv(ENV_SCHEMA);
        return new DatabaseConfig(home, blankToNull(url), System.getenv(ENV_USER), System.getenv(ENV_PASSWORD), blankToNull(schema));
    }

    public DatabaseConfig withSchema(String newSchema) {
        return new DatabaseConfig(home, jdbcUrl, user, password, newSchema);
    }

    public boolean isEmbedded() { return jdbcUrl == null; }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
