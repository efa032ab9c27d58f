package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.livercast.ingest.deid.PseudonymKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livercast pseudonyms --centre C NUMBER...}: the centre's own re-identification, with its key. */
@Command(name = "pseudonyms", mixinStandardHelpOptions = true,
        description = "Re-identification for the centre that holds the key: print the pseudonym of each hospital number.")
final class PseudonymsCommand extends Leaf {
    @Option(names = "--centre", required = true, paramLabel = "C", description = "The centre whose key pseudonymised the numbers (e.g. C01).")
    String centre;

    @Option(names = "--key", paramLabel = "FILE", description = "The centre's key (default: HOME/centres/C/pseudonym.key).")
    Path key;

    @Parameters(arity = "1..*", paramLabel = "HOSPITAL_NUMBER", description = "One or more of the centre's hospital numbers.")
    List<String> numbers;

    @Override
    public Integer call() throws IOException {
        Path k = key != null ? key : root().home.toAbsolutePath().resolve("centres").resolve(centre).resolve("pseudonym.key");
        PseudonymKey pk = PseudonymKey.load(k);
        for (String n : numbers) out().println(n + "\t" + pk.patientPseudonym(centre, n));
        return ExitCodes.OK;
    }
}
