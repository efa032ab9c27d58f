package org.livercast.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.livercast.core.io.TableFile;
import org.livercast.core.io.fhir.CentreCodes;
import org.livercast.core.io.fhir.ClinicalTablesReader;
import org.livercast.core.io.fhir.FhirNdjson;
import org.livercast.core.io.fhir.FhirReports;
import org.livercast.ingest.deid.ClinicalTables;
import org.livercast.ingest.discover.Export;
import org.livercast.ingest.discover.ExportFile;
import org.livercast.ingest.discover.ExportScanner;
import org.livercast.ingest.discover.FileKind;
import org.livercast.ingest.discover.ReportText;

/**
 * An export whose clinical data came as FHIR (its EHR's Bulk Data NDJSON, or a Bundle) read as the template's two
 * tables, through the centre's fhir.json beside the files, and its DiagnosticReports' texts written out as the report
 * files they stand for; from there it is ingested, de-identified and stored as a CSV export is. The FHIR files themselves
 * are not stored: they carry the identifiers the tables' and reports' copies are cleaned of.
 */
final class FhirTables {
    /**
     * The tables; the reports as files, each linked to its patient, and what was not read as unlinked entries; the folder
     * the reports were written in (deleted after the run).
     */
    record Read(ClinicalTables tables, List<ExportFile> reports, Path reportsFolder) {}

    private FhirTables() {}

    static Read read(Export export, String centre, Path staging, org.livercast.ingest.ocr.Ocr ocr, Consumer<String> progress) throws IOException {
        List<FhirNdjson.Entry> entries = new ArrayList<>();
        for (ExportFile f : export.fhirFiles()) entries.addAll(FhirNdjson.readFile(f.path(), f.relative()));
        Path first = export.fhirFiles().get(0).path();
        CentreCodes codes = CentreCodes.beside(first);
        ClinicalTablesReader.Tables t = ClinicalTablesReader.read(entries, centre, codes);
        String names = String.join(", ", export.fhirFiles().stream().map(ExportFile::relative).toList());
        List<FhirReports.Document> documents = FhirReports.of(entries);
        progress.accept("FHIR " + names + ": read " + t.readByType() + (t.leftOut().isEmpty() ? "" : "; not read " + t.leftOut())
                + (documents.isEmpty() ? "" : "; " + documents.size() + " reports"));
        ClinicalTables tables = ClinicalTables.read(first, new TableFile.Loaded("patients from FHIR (" + names + ")", t.patientsCsv(),
                "events from FHIR (" + names + ")", t.eventsCsv()));
        // What the export holds that no column takes is listed in the ingest report beside the files not ingested, with
        // the code and name the data manager maps in fhir.json.
        List<ExportFile> notRead = new ArrayList<>();
        t.leftOut().forEach((what, count) -> notRead.add(new ExportFile(first, names, FileKind.FHIR, 0, null,
                "not read, no column for it" + (what.startsWith("ImagingStudy") ? "" : " (map its code in " + CentreCodes.FILE_NAME + ")") + ": " + what + " x" + count)));
        if (documents.isEmpty()) return new Read(tables, notRead, null);
        Path folder = Files.createDirectories(staging.resolve(ProcessHandle.current().pid() + "-fhir-reports-" + System.nanoTime()));
        Map<String, String> hospitalNumbers = ClinicalTablesReader.hospitalNumbers(entries, codes);
        List<ExportFile> files = new ArrayList<>(notRead);
        int n = 0;
        for (FhirReports.Document d : documents) {
            Path file = folder.resolve(++n + "-" + d.fileName());
            Files.write(file, d.bytes());
            FileKind kind = "pathology".equals(d.kind()) ? FileKind.PATHOLOGY_REPORT : "radiology".equals(d.kind()) ? FileKind.RADIOLOGY_REPORT
                    : kindByText(file, ocr);
            String note = kind == FileKind.OTHER ? "a DiagnosticReport neither its category, its code nor its words say is pathology or radiology" : null;
            files.add(new ExportFile(file, d.source(), kind, d.bytes().length, kind == FileKind.OTHER ? null : FhirReports.patient(d, hospitalNumbers).orElse(null), note));
        }
        return new Read(tables, files, folder);
    }

    /** A report without category or code, by its words (a scanned PDF's read by OCR when it is on). */
    private static FileKind kindByText(Path file, org.livercast.ingest.ocr.Ocr ocr) {
        try {
            return ExportScanner.reportKind(ReportText.read(file, ocr).text());
        } catch (IOException unreadable) {
            return FileKind.OTHER;
        }
    }
}
