package org.livercast.app.cli;

import org.livercast.app.web.WebServer;
import org.livercast.study.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast serve [--port 7070]}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the patient and study pages and the REST API (OpenAPI at /openapi.json) until stopped.")
final class ServeCommand extends Leaf {
    @Option(names = "--port", defaultValue = "7070", description = "Port (default ${DEFAULT-VALUE}; 0 for any free port).") int port;

    @Override
    public Integer call() throws InterruptedException {
        try (Database db = root().openDatabase(); WebServer web = WebServer.start(db, root().home.toAbsolutePath().resolve("store"), port)) {
            out().printf("LiverCast on http://localhost:%d/ (database: %s); Ctrl-C to stop%n", web.port(), db.describe());
            out().flush();
            Thread.currentThread().join();
        }
        return ExitCodes.OK;
    }
}
