package org.livercast.app.cli;

import org.livercast.study.audit.AuditLog;
import org.livercast.study.db.Database;
import picocli.CommandLine.Command;

/** {@code livercast audit verify}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The hash-chained audit log.", subcommands = AuditCommand.Verify.class)
final class AuditCommand {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the audit log's hash chain; exit 0 when intact, 6 with the first broken entry when not.",
                    "Keep the head hash it prints elsewhere: comparing it later also detects entries cut off the end."})
    static final class Verify extends Leaf {
        @Override
        public Integer call() {
            try (Database db = root().openDatabase()) {
                AuditLog.Verification v = new AuditLog(db.jdbi()).verify();
                if (v.intact()) {
                    out().printf("audit log intact: %d entries, head %s%n", v.entries(), v.headHash());
                    return ExitCodes.OK;
                }
                out().printf("audit log TAMPERED: %s (the %d entries before it are intact)%n", v.problem(), v.entries());
                return ExitCodes.TAMPERED;
            }
        }
    }
}
