package org.livercast.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.livercast.study.db.Database;
import org.livercast.study.db.DatabaseConfig;

/**
 * The store the tests run against: one embedded PostgreSQL per test JVM, or the server named by
 * {@code LIVERCAST_TEST_DB_URL} (with {@code LIVERCAST_DB_USER}/{@code LIVERCAST_DB_PASSWORD}), so the same tests
 * prove both. Each call gets a fresh, migrated schema, so tests never see each other's rows.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Database shared;
    private static Path home;

    private TestDatabases() {}

    public static synchronized Database freshSchema() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        if (shared == null) {
            shared = Database.connect(baseConfig());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                if (home == null) return;
                org.livercast.core.io.Folders.deleteTreeQuietly(home);  // after the server whose data it holds has stopped
            }));
        }
        // One server per test JVM (starting PostgreSQL costs a second); a fresh schema per caller.
        return shared.inSchema(schema);
    }

    public static synchronized Path home() {
        if (home == null) {
            try {
                home = Files.createTempDirectory("livercast-test-home");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return home;
    }

    static DatabaseConfig baseConfig() {
        String url = System.getenv("LIVERCAST_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new DatabaseConfig(null, url, System.getenv(DatabaseConfig.ENV_USER), System.getenv(DatabaseConfig.ENV_PASSWORD), null);
        }
        return DatabaseConfig.embedded(home());
    }
}
