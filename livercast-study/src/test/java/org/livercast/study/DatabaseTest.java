package org.livercast.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.study.db.Database;
import org.livercast.study.db.DatabaseConfig;
import org.livercast.study.db.DatabaseException;

class DatabaseTest {
    @Test
    void migratesTheSchemaAndReportsEveryMigrationApplied() {
        try (Database db = TestDatabases.freshSchema()) {
            assertThat(db.migrations()).isNotEmpty().allMatch(m -> m.getState() == MigrationState.SUCCESS);
            assertThat(db.migrate()).isZero();
            Integer tables = db.jdbi().withHandle(h -> h.createQuery(
                    "select count(*) from information_schema.tables where table_schema = current_schema()").mapTo(Integer.class).one());
            assertThat(tables).isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void embeddedDataSurvivesARestart(@TempDir Path home) {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("LIVERCAST_TEST_DB_URL") == null,
                "only the embedded server has a data folder to keep");
        try (Database db = Database.open(DatabaseConfig.embedded(home))) {
            db.jdbi().useHandle(h -> h.execute("insert into centre (id, name) values ('ZS', 'Zhongshan')"));
        }
        assertThat(Files.isDirectory(home.resolve("pgdata"))).isTrue();
        try (Database db = Database.open(DatabaseConfig.embedded(home))) {
            String name = db.jdbi().withHandle(h -> h.createQuery("select name from centre where id = 'ZS'").mapTo(String.class).one());
            assertThat(name).isEqualTo("Zhongshan");
        }
    }

    @Test
    void anUnreachableServerIsAClearError() {
        var config = new DatabaseConfig(null, "jdbc:postgresql://127.0.0.1:1/none", "x", "y", null);
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/none");
    }
}
