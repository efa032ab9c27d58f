package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.livercast.core.protocol.Protocol;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.db.Database;
import org.livercast.study.screening.ScreeningService;
import org.livercast.study.screening.ScreeningService.Screened;
import org.livercast.study.store.PatientStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast screen --protocol P1 [--patient ID]}. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Screen stored patients against a protocol's inclusion and exclusion criteria and record the results.",
                "Each criterion is MET, NOT_MET, UNKNOWN (naming the missing fields) or NEEDS_PERSON; the decision is "
                        + "ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE or NEEDS_REVIEW."})
final class ScreenCommand extends Leaf {
    @Option(names = "--protocol", required = true, paramLabel = "ID", description = "Protocol id, e.g. P1.")
    String protocolId;

    @Option(names = "--patient", paramLabel = "[CENTRE/]ID", description = "Screen only this patient and show every criterion.")
    String patient;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Screening date (default: today).")
    LocalDate asOf = LocalDate.now();

    @Option(names = "--protocols-dir", paramLabel = "DIR", description = "Read protocols from this folder instead of the bundled ones.")
    Path protocolsDir;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Protocols protocols = protocolsDir == null ? Protocols.bundled() : Protocols.fromDirectory(protocolsDir);
        Protocol protocol = protocols.find(protocolId).orElseThrow(() ->
                new NotFoundException("no protocol '" + protocolId + "'; known: " + protocols.all().stream().map(Protocol::id).toList()));
        try (Database db = root().openDatabase()) {
            ScreeningService service = new ScreeningService(db.jdbi());
            List<Screened> screened;
            if (patient == null) {
                screened = service.screenAll(protocol, asOf);
            } else {
                PatientStore store = new PatientStore(db.jdbi());
                String[] parts = patient.split("/", 2);
                var record = (parts.length == 2 ? store.find(parts[0], parts[1]) : store.find(patient))
                        .orElseThrow(() -> new NotFoundException("no patient '" + patient + "' in " + db.describe()));
                var key = store.key(record.patient().centreId(), record.id()).orElseThrow();
                screened = List.of(service.screen(protocol, key, record, asOf));
            }
            if (json) {
                out().println(ScreeningReport.json(screened));
            } else {
                ScreeningReport.print(out(), protocol, asOf, screened, patient != null);
            }
        }
        return ExitCodes.OK;
    }
}
