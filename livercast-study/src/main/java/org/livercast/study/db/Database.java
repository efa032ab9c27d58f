package org.livercast.study.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The running store: an embedded PostgreSQL (started on open, stopped on close) or a connection to an existing
 * server, with the LiverCast schema migrated by Flyway. Use in try-with-resources.
 *
 * <p>Connections come from a small pool (HikariCP): opening a PostgreSQL connection forks a server process and costs
 * milliseconds, which a web request that checks its session, the patient's centre and writes an audit entry would
 * otherwise pay three times. Idle connections are closed after a minute, so a store that only runs a command holds
 * none for long.
 */
public final class Database implements AutoCloseable {
    private final DatabaseConfig config;
    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean ownsServer;

    private static final int MAX_CONNECTIONS = 12;

    private Database(DatabaseConfig config, EmbeddedPostgres embedded, DataSource dataSource, boolean ownsServer) {
        this.config = config;
        this.embedded = embedded;
        this.ownsServer = ownsServer;
        this.dataSource = pooled(dataSource, config.schema());
        this.jdbi = Jdbi.create(this.dataSource);
        jdbi.registerArrayType(String.class, "text");
        jdbi.registerArrayType(Double.class, "float8");
        jdbi.registerArrayType(Integer.class, "int4");
    }

    private static HikariDataSource pooled(DataSource direct, String schema) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(direct);
        c.setPoolName("livercast-" + schema);
        c.setMaximumPoolSize(MAX_CONNECTIONS);
        c.setMinimumIdle(0);
        c.setIdleTimeout(60_000);
        c.setConnectionTimeout(30_000);
        // The pool must not outlive a failed connect with a half-open server: it connects lazily, on first use.
        c.setInitializationFailTimeout(-1);
        return new HikariDataSource(c);
    }

    /** Connects (starting the embedded server if configured) without migrating; see {@link #migrate()}. */
    public static Database connect(DatabaseConfig config) {
        if (!config.isEmbedded()) return new Database(config, null, external(config), true);
        EmbeddedPostgres pg = startEmbedded(config.home());
        return new Database(config, pg, embeddedDataSource(pg, config.schema()), true);
    }

    /**
     * The same server seen through another schema, migrated. Closing the view leaves the server running: its owner
     * stops it. Tests use this to give every test class an empty store on one server.
     */
    public Database inSchema(String schema) {
        DatabaseConfig c = config.withSchema(schema);
        DataSource ds = embedded != null ? embeddedDataSource(embedded, schema) : external(c);
        Database view = new Database(c, embedded, ds, false);
        view.migrate();
        return view;
    }

    private static DataSource embeddedDataSource(EmbeddedPostgres pg, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setCurrentSchema(schema);
        return ds;
    }

    /** Connects and brings the schema up to date: what every command but {@code db status} does. */
    public static Database open(DatabaseConfig config) {
        Database db = connect(config);
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static DataSource external(DatabaseConfig config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(config.jdbcUrl());
        if (config.user() != null) ds.setUser(config.user());
        if (config.password() != null) ds.setPassword(config.password());
        ds.setCurrentSchema(config.schema());
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseException("cannot connect to " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
        return ds;
    }

    private static EmbeddedPostgres startEmbedded(Path home) {
        try {
            Path data = home.resolve("pgdata");
            Path work = home.resolve("pg-runtime");
            Files.createDirectories(work);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("unix_socket_directories", "");
            return b.start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException("cannot start the embedded PostgreSQL in " + home.resolve("pgdata") + ": "
                    + e.getMessage() + " (is another livercast using this --home?)", e);
        }
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).schemas(config.schema()).createSchemas(true)
                .locations("classpath:db/migration").load();
    }

    /** Applies pending migrations; returns how many ran. */
    public int migrate() { return flyway().migrate().migrationsExecuted; }

    /** Each migration with its state (applied, pending …), for {@code livercast db status}. */
    public List<MigrationInfo> migrations() { return List.of(flyway().info().all()); }

    public Jdbi jdbi() { return jdbi; }

    public DataSource dataSource() { return dataSource; }

    public DatabaseConfig config() { return config; }

    /** A JDBC URL another process can use to reach this store (the embedded server's user is "postgres"). */
    public String jdbcUrl() {
        return embedded == null ? config.jdbcUrl() : "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres?user=postgres";
    }

    /** Human-readable location: the JDBC URL, or the embedded data folder and port. */
    public String describe() {
        if (embedded == null) return config.jdbcUrl() + " (schema " + config.schema() + ")";
        return "embedded PostgreSQL on port " + embedded.getPort() + ", data in " + config.home().resolve("pgdata")
                + " (schema " + config.schema() + ")";
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null && ownsServer) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new DatabaseException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
            }
        }
    }
}
