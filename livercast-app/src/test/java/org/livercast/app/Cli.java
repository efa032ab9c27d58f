package org.livercast.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livercast.app.cli.LiverCastCommand;
import picocli.CommandLine;

/** Runs the real {@code livercast} command in-process against a given home folder, capturing its output. */
record Cli(int exitCode, String out, String err) {
    static Cli run(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        String url = System.getenv("LIVERCAST_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            // A shared server: each test home gets its own schema, as each embedded home has its own database.
            all.addAll(List.of("--db-url", url, "--db-schema", "cli_" + Integer.toHexString(home.toString().hashCode() & 0x7fffffff)));
        }
        all.addAll(List.of(args));
        return runRaw(all.toArray(String[]::new));
    }

    /** The database configuration {@link #run} gives a home (embedded there, or the shared test server's schema). */
    static org.livercast.study.db.DatabaseConfig config(Path home) {
        String url = System.getenv("LIVERCAST_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new org.livercast.study.db.DatabaseConfig(null, url, System.getenv("LIVERCAST_DB_USER"), System.getenv("LIVERCAST_DB_PASSWORD"),
                    "cli_" + Integer.toHexString(home.toString().hashCode() & 0x7fffffff));
        }
        return org.livercast.study.db.DatabaseConfig.embedded(home.toAbsolutePath());
    }

    static Cli runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LiverCastCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }
}
