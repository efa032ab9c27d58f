package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.livercast.stats.reference.ReferenceCases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast stats verify --cases DIR}. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "The statistics engine.",
        subcommands = {StatsCommand.Verify.class})
final class StatsCommand {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Run every reference case (a folder with case.json and data.csv) under DIR against LiverCast's "
                    + "statistics and compare with the values R computed.",
                    "Prints pass or fail and the largest absolute difference per case, then 'N passed, M failed'; "
                            + "exits 1 when any case fails."})
    static final class Verify extends Leaf {
        @Option(names = "--cases", required = true, paramLabel = "DIR", description = "Folder holding the case folders.")
        Path cases;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(cases)) throw new java.nio.file.NoSuchFileException(cases.toString());
            List<ReferenceCases.Outcome> outcomes = ReferenceCases.runAll(cases);
            int passed = 0;
            for (ReferenceCases.Outcome o : outcomes) {
                out().printf("%-4s %-40s %-20s max |diff| %s%n", o.passed() ? "pass" : "FAIL", o.name(), o.kind(),
                        Double.isNaN(o.maxAbsDiff()) ? "-" : String.format("%.3g", o.maxAbsDiff()));
                for (String f : o.failures().stream().limit(5).toList()) out().println("       " + f);
                if (o.failures().size() > 5) out().println("       ... " + (o.failures().size() - 5) + " more");
                if (o.passed()) passed++;
            }
            out().println(passed + " passed, " + (outcomes.size() - passed) + " failed");
            return passed == outcomes.size() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
