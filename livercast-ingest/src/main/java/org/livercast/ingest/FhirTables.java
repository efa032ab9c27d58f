package org.livercast.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.livercast.core.io.TableFile;
import org.livercast.core.io.fhir.CentreCodes;
import org.livercast.core.io.fhir.ClinicalTablesReader;
import org.livercast.core.io.fhir.FhirNdjson;
import org.livercast.ingest.deid.ClinicalTables;
import org.livercast.ingest.discover.Export;
import org.livercast.ingest.discover.ExportFile;

/**
 * An export whose clinical data came as FHIR (its EHR's Bulk Data NDJSON, or a Bundle) read as the template's two
 * tables, through the centre's fhir.json beside the files; from there it is ingested, de-identified and stored as a CSV
 * export is. The FHIR files themselves are not stored: they carry the identifiers the tables' copies are cleaned of.
 */
final class FhirTables {
    private FhirTables() {}

    static ClinicalTables read(Export export, String centre, Consumer<String> progress) throws IOException {
        List<FhirNdjson.Entry> entries = new ArrayList<>();
        for (ExportFile f : export.fhirFiles()) entries.addAll(FhirNdjson.readFile(f.path(), f.relative()));
        Path first = export.fhirFiles().get(0).path();
        ClinicalTablesReader.Tables t = ClinicalTablesReader.read(entries, centre, CentreCodes.beside(first));
        String names = String.join(", ", export.fhirFiles().stream().map(ExportFile::relative).toList());
        progress.accept("FHIR " + names + ": read " + t.readByType() + (t.leftOut().isEmpty() ? "" : "; not read " + t.leftOut()));
        return ClinicalTables.read(first, new TableFile.Loaded("patients from FHIR (" + names + ")", t.patientsCsv(),
                "events from FHIR (" + names + ")", t.eventsCsv()));
    }
}
