package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.livercast.fhir.BulkExport;
import org.livercast.learn.model.ModelStore;
import org.livercast.study.audit.AuditLog;
import org.livercast.study.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livercast fhir export}: the store's patients and their assessments as FHIR R4 Bulk Data files. */
@Command(name = "fhir", mixinStandardHelpOptions = true, description = "HL7 FHIR R4: what LiverCast said about its patients, for a hospital's systems.",
        subcommands = FhirCommand.Export.class)
final class FhirCommand {
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write every stored patient's predictions, diagnoses and recommendations as FHIR R4 Bulk Data: Patient, RiskAssessment,",
                    "Provenance, Device and CodeSystem NDJSON files and manifest.json. Recommendations a protocol conceals (P4) are left out.",
                    "Also served live under /fhir by `livercast serve`."})
    static final class Export extends Leaf {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files (made if missing; earlier files replaced).")
        Path out;

        @Option(names = "--centre", paramLabel = "C", description = "Only this centre's patients (repeatable; default: every centre).")
        List<String> centres;

        @Override
        public Integer call() throws IOException {
            try (Database db = root().openDatabase()) {
                BulkExport.Result r = BulkExport.write(db.jdbi(), out, c -> centres == null || centres.contains(c), ModelStore.codeVersion());
                new AuditLog(db.jdbi()).append("cli:" + System.getProperty("user.name"), "fhir.export",
                        centres == null ? "every centre" : "centres " + String.join(",", centres),
                        org.livercast.core.io.fhir.FhirJson.JSON.valueToTree(r.countsByType()).toString());
                out().printf("FHIR R4 export of %d patients to %s%n", r.patients(), out);
                r.countsByType().forEach((type, n) -> out().printf("  %-15s %6d  %s%n", type, n, out.resolve(type + ".ndjson")));
                if (r.concealed() > 0) out().printf("  recommendations of %d patients left out: concealed from the care team by their protocol%n", r.concealed());
            }
            return ExitCodes.OK;
        }
    }
}
