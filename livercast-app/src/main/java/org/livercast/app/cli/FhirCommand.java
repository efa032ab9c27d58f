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

/**
 * {@code livercast fhir export}: the store's patients and their assessments as FHIR R4 Bulk Data files; {@code livercast
 * fhir tables}: a centre's FHIR export as the clinical tables LiverCast reads from it, for its data manager to check.
 */
@Command(name = "fhir", mixinStandardHelpOptions = true, description = "HL7 FHIR R4: what LiverCast said about its patients, for a hospital's systems;"
        + " and what LiverCast reads from a centre's FHIR export.",
        subcommands = {FhirCommand.Export.class, FhirCommand.Tables.class})
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

    @Command(name = "tables", mixinStandardHelpOptions = true,
            description = {"Read a centre's FHIR export (a Bulk Data folder, an .ndjson file or a Bundle; its fhir.json beside it) as the clinical",
                    "template's two tables and write them as patients.csv and events.csv: what ingest and import would read from it, for the",
                    "centre's data manager to check, with what it holds that no column takes (codes to map in fhir.json). Stores nothing."})
    static final class Tables extends Leaf {
        @picocli.CommandLine.Parameters(paramLabel = "EXPORT", description = "the export: a folder of FHIR files, an .ndjson file or a Bundle")
        Path export;

        @Option(names = "--centre", required = true, paramLabel = "C", description = "the centre the export is from")
        String centre;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write patients.csv and events.csv")
        Path out;

        @Override
        public Integer call() throws IOException {
            org.livercast.core.model.Centre.checkId("--centre", centre);
            var t = org.livercast.core.io.fhir.ClinicalTablesReader.read(export, centre);
            java.nio.file.Files.createDirectories(out);
            java.nio.file.Files.write(out.resolve("patients.csv"), t.patientsCsv());
            java.nio.file.Files.write(out.resolve("events.csv"), t.eventsCsv());
            // The template's own checks on what was read: what import would refuse, row by row.
            var data = org.livercast.core.io.ClinicalCsv.read(out.resolve("patients.csv"), out.resolve("events.csv"));
            out().printf("%d patients read from %s as %s and %s%n", t.patients(), export, out.resolve("patients.csv"), out.resolve("events.csv"));
            out().printf("read: %s%n", t.readByType());
            if (!t.leftOut().isEmpty()) {
                out().println("not read, no column for it (map a code in fhir.json as \"SYSTEM|CODE\": \"column\"):");
                t.leftOut().forEach((what, n) -> out().printf("  %6d  %s%n", n, what));
            }
            if (!data.valid()) {
                out().printf("the template refuses %d rows (import and ingest would store nothing):%n", data.errors().size());
                data.errors().forEach(e -> out().println("  " + e));
                return ExitCodes.INPUT_REJECTED;
            }
            return ExitCodes.OK;
        }
    }
}
