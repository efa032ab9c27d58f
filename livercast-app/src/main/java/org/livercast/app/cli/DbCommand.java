package org.livercast.app.cli;

import org.flywaydb.core.api.MigrationInfo;
import org.livercast.study.db.Database;
import picocli.CommandLine.Command;

/** {@code livercast db status|migrate}. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Inspect or migrate the LiverCast database.",
        subcommands = {DbCommand.Status.class, DbCommand.Migrate.class})
final class DbCommand {
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show where the database is and which schema migrations are applied or pending.")
    static final class Status extends Leaf {
        @Override
        public Integer call() {
            try (Database db = Database.connect(root().databaseConfig())) {
                out().println("database: " + db.describe());
                int pending = 0;
                for (MigrationInfo m : db.migrations()) {
                    out().printf("  V%-4s %-40s %s%n", m.getVersion(), m.getDescription(), m.getState().getDisplayName());
                    if (!m.getState().isApplied()) pending++;
                }
                out().println(pending == 0 ? "schema is up to date" : pending + " migration(s) pending: run `livercast db migrate`");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations.")
    static final class Migrate extends Leaf {
        @Override
        public Integer call() {
            try (Database db = Database.connect(root().databaseConfig())) {
                int applied = db.migrate();
                out().println("database: " + db.describe());
                out().println(applied == 0 ? "schema is up to date" : "applied " + applied + " migration(s)");
            }
            return ExitCodes.OK;
        }
    }
}
