package org.livercast.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.livercast.study.db.Database;
import org.livercast.study.importer.ClinicalImporter;
import org.livercast.study.importer.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code livercast import clinical FILES}. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import data into the store.",
        subcommands = {ImportCommand.Clinical.class})
final class ImportCommand {
    @Command(name = "clinical", mixinStandardHelpOptions = true,
            description = {"Import the clinical CSV template: a patients-and-tumours file and, optionally, a follow-up "
                    + "events file (told apart by their header; see docs/clinical-csv.md): CSV (comma, semicolon or tab; UTF-8, UTF-16 or "
                    + "GB18030 or Big5; dates as the centre's columns.json declares) or an Excel workbook (.xlsx or .xls: its patients sheet, "
                    + "and its events sheet when one workbook holds both) — or a FHIR export from the centre's EHR (a Bulk Data folder of "
                    + "NDJSON files, one .ndjson file or a Bundle; with --centre, and the centre's fhir.json beside it; docs/fhir.md).",
                    "All or nothing: a file with any bad row changes nothing and every bad row is listed. "
                            + "Importing the same files again changes nothing."})
    static final class Clinical extends Leaf {
        @Parameters(arity = "1..2", paramLabel = "FILE", description = "patients.csv (or .xlsx, .xls) and optionally events.csv (or .xlsx, .xls);"
                + " or a FHIR export (folder, .ndjson or Bundle .json)")
        List<Path> files;

        @picocli.CommandLine.Option(names = "--centre", paramLabel = "C", description = "the centre a FHIR export is from (a CSV's rows name theirs)")
        String centre;

        @Override
        public Integer call() throws IOException {
            if (files.size() == 1 && isFhir(files.get(0))) return importFhir(files.get(0));
            Path patients = null;
            Path events = null;
            for (Path f : files) {
                if (isEventsFile(f)) events = f;
                else patients = f;
            }
            if (patients == null) throw new org.livercast.core.InvalidValueException("FILE", files, "no patients file given (only events)");
            try (Database db = root().openDatabase()) {
                ImportSummary s = new ClinicalImporter(db.jdbi()).importFiles(patients, events);
                report(s);
            }
            return ExitCodes.OK;
        }

        /** A FHIR export read as the template's tables, then imported as they are: all or nothing. */
        private Integer importFhir(Path export) throws IOException {
            if (centre == null) throw new org.livercast.core.InvalidValueException("--centre", "", "a FHIR export does not say which centre it is from: give --centre");
            org.livercast.core.model.Centre.checkId("--centre", centre);
            var t = org.livercast.core.io.fhir.ClinicalTablesReader.read(export, centre);
            try (Database db = root().openDatabase()) {
                ImportSummary s = new ClinicalImporter(db.jdbi()).importBytes("patients from FHIR " + export, t.patientsCsv(),
                        "events from FHIR " + export, t.eventsCsv(), export.toString());
                out().printf("read from FHIR: %s%s%n", t.readByType(), t.leftOut().isEmpty() ? "" : "; not read (no column for them): " + t.leftOut());
                report(s);
            }
            return ExitCodes.OK;
        }

        /** A folder of FHIR files, or one file of FHIR resources (NDJSON or a Bundle), found by its content. */
        static boolean isFhir(Path p) throws IOException {
            return java.nio.file.Files.isDirectory(p) || org.livercast.core.io.fhir.FhirNdjson.isFhirFile(p);
        }

        void report(ImportSummary s) {
            out().printf("imported %d patient(s): %d added, %d updated, %d unchanged%s%n", s.total(), s.added(), s.updated(),
                    s.unchanged(), s.filesSeenBefore() ? " (these files were imported before)" : "");
        }

        /**
         * The events file is the one that holds only the events table (its header, or every table sheet's, names
         * event_type or event_date, through the centre's columns.json): CSV in any delimiter or encoding, or a workbook.
         */
        static boolean isEventsFile(Path f) throws IOException { return org.livercast.core.io.TableFile.holdsOnlyEvents(f); }
    }
}
