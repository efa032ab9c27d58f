package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.io.fhir.FhirJson;
import org.livercast.core.io.fhir.ClinicalResources;
import org.livercast.ingest.report.IngestReport;

/**
 * A centre whose EHR sends its clinical data as FHIR (a Bulk Data export: Patient, Observation, Condition, Procedure,
 * MedicationStatement, Encounter, ImagingStudy, AdverseEvent as NDJSON) beside its DICOM, slides and reports: ingested as
 * its CSV twin is.
 */
class FhirExportIngestTest {
    /** The export's clinical tables replaced by the same records as FHIR NDJSON, a file a resource type. */
    static void asFhir(Path export) throws Exception {
        Path clinical = export.resolve("clinical");
        List<PatientRecord> records = ClinicalCsv.read(clinical.resolve("patients.csv"), clinical.resolve("events.csv")).records();
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        for (PatientRecord r : records) {
            for (ObjectNode res : ClinicalResources.of(r, "http://hospital.example.org/mrn")) {
                files.computeIfAbsent(res.get("resourceType").asText(), k -> new StringBuilder()).append(FhirJson.JSON.writeValueAsString(res)).append('\n');
            }
        }
        Files.delete(clinical.resolve("patients.csv"));
        Files.delete(clinical.resolve("events.csv"));
        for (var f : files.entrySet()) Files.writeString(clinical.resolve(f.getKey() + ".ndjson"), f.getValue());
    }

    @Test
    void anEhrsFhirExportIsIngestedAsItsCsvTwin(@TempDir Path tmp) throws Exception {
        Path csv = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("csv")));
        Path fhir = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("fhir")));
        asFhir(fhir);
        Fixtures.Twins twins = Fixtures.ingestTwins(csv, fhir, tmp.resolve("home"));
        IngestReport r = twins.variantReport();
        assertThat(r.exportProblems()).isEmpty();
        assertThat(r.patientsAdded()).as(r.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        // Every table, the de-identified copies of the tables' rows included: they are written from the same cells.
        Fixtures.assertSameStore(twins);
    }
}
