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
        // As a Bulk Data $export hands it over: the files and their manifest.
        StringBuilder output = new StringBuilder();
        for (String type : files.keySet()) output.append(output.length() == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"url\":\"")
                .append(type).append(".ndjson\"}");
        Files.writeString(clinical.resolve("manifest.json"), "{\"transactionTime\":\"2026-12-07T08:00:00Z\",\"request\":\"[base]/Patient/$export\","
                + "\"requiresAccessToken\":true,\"output\":[" + output + "],\"error\":[]}\n");
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
        assertThat(r.unlinkedFiles()).noneMatch(f -> f.kind().equals("fhir"));           // everything it holds has a column
        assertThat(r.unlinkedFiles()).noneMatch(f -> f.file().endsWith("manifest.json")); // the export's manifest is the export's
        // Every table, the de-identified copies of the tables' rows included: they are written from the same cells.
        Fixtures.assertSameStore(twins);
    }

    /**
     * An EHR's reports come inside its export, as DiagnosticReports with the text attached (presentedForm, base64): stored
     * as the same reports the text files give — the same de-identified text, the same store.
     */
    @Test
    void reportsSentInsideTheExportAsDiagnosticReportsAreStoredAsTheirFiles(@TempDir Path tmp) throws Exception {
        Path csv = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("csv")));
        Path fhir = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("fhir")));
        asFhir(fhir);
        Map<String, String> patientIdOf = new LinkedHashMap<>();
        for (String line : Files.readAllLines(fhir.resolve("clinical/Patient.ndjson"))) {
            var p = FhirJson.JSON.readTree(line);
            patientIdOf.put(p.at("/identifier/0/value").asText(), p.get("id").asText());
        }
        StringBuilder reports = new StringBuilder();
        int n = 0;
        List<Path> files;
        try (var s = Files.list(fhir.resolve("reports"))) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String mrn = name.substring(0, name.indexOf('_'));
            boolean pathology = name.contains("pathology");
            ObjectNode r = FhirJson.resource("DiagnosticReport", "dr-" + (++n));
            r.put("status", "final");
            r.putArray("category").add(FhirJson.concept(FhirJson.coding("http://terminology.hl7.org/CodeSystem/v2-0074", pathology ? "SP" : "RAD",
                    pathology ? "Surgical Pathology" : "Radiology"), null));
            r.set("code", FhirJson.text(pathology ? "Pathology report" : "MRI liver"));
            r.set("subject", FhirJson.reference("Patient", patientIdOf.get(mrn), null));
            r.putArray("presentedForm").addObject().put("contentType", "text/plain; charset=utf-8")
                    .put("data", java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
            reports.append(FhirJson.JSON.writeValueAsString(r)).append('\n');
            Files.delete(f);
        }
        assertThat(n).isEqualTo(2 * Fixtures.PATIENTS);
        Files.writeString(fhir.resolve("clinical/DiagnosticReport.ndjson"), reports);
        Fixtures.Twins twins = Fixtures.ingestTwins(csv, fhir, tmp.resolve("home"));
        IngestReport r = twins.variantReport();
        assertThat(r.exportProblems()).isEmpty();
        assertThat(r.patientsAdded()).as(r.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        for (var p : r.patients()) assertThat(p.summary().reports()).as(p.hospitalNumber()).isEqualTo(2);
        assertThat(Fixtures.reportBodies(twins.variant(), "pathology")).isEqualTo(Fixtures.reportBodies(twins.original(), "pathology")).isNotEmpty();
        Fixtures.assertSameStore(twins);
        // The reports written out for ingest to read are not left behind.
        try (var s = Files.walk(tmp.resolve("home"))) {
            assertThat(s.filter(p -> p.toString().contains("fhir-reports")).toList()).isEmpty();
        }
    }

    /**
     * A FHIR export ingest cannot place — a resource about a patient the export does not hold — stores nothing new and
     * names the file, line and resource; sent beside CSV tables too, it is refused as ambiguous. What was stored stays.
     */
    @Test
    void aFhirExportThatCannotBePlacedChangesNothingAndSaysWhere(@TempDir Path tmp) throws Exception {
        Path fhir = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("fhir")));
        asFhir(fhir);
        Path home = tmp.resolve("home");
        var db = Fixtures.freshSchema();
        assertThat(Fixtures.ingest(db, fhir, home).patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        Map<String, String> before = Fixtures.snapshotWithout(db);
        Path observations = fhir.resolve("clinical/Observation.ndjson");
        // A code no column takes is listed in the report, with what to do about it; the rest is stored as before.
        Files.writeString(observations, "{\"resourceType\":\"Observation\",\"id\":\"height\",\"status\":\"final\",\"code\":{\"coding\":"
                + "[{\"system\":\"http://loinc.org\",\"code\":\"8302-2\",\"display\":\"Body height\"}]},\"subject\":{\"reference\":\""
                + Files.readAllLines(fhir.resolve("clinical/Patient.ndjson")).get(0).replaceAll(".*\"id\":\"([^\"]+)\".*", "Patient/$1")
                + "\"},\"valueQuantity\":{\"value\":170}}\n", java.nio.file.StandardOpenOption.APPEND);
        IngestReport height = Fixtures.ingest(db, fhir, home);
        assertThat(height.exportProblems()).isEmpty();
        assertThat(height.unlinkedFiles()).anySatisfy(f -> assertThat(f.reason())
                .isEqualTo("not read, no column for it (map its code in fhir.json): Observation http://loinc.org|8302-2 (Body height) x1"));
        assertThat(Fixtures.snapshotWithout(db)).isEqualTo(before);
        long lines = Files.readAllLines(observations).size();
        Files.writeString(observations, "{\"resourceType\":\"Observation\",\"id\":\"stray\",\"status\":\"final\",\"code\":{\"coding\":"
                + "[{\"system\":\"http://loinc.org\",\"code\":\"1751-7\"}]},\"subject\":{\"reference\":\"Patient/somebody-else\"},"
                + "\"valueQuantity\":{\"value\":40}}\n", java.nio.file.StandardOpenOption.APPEND);
        IngestReport stray = Fixtures.ingest(db, fhir, home);
        assertThat(stray.patientsAdded() + stray.patientsUpdated()).isZero();
        assertThat(stray.exportProblems()).contains("clinical/Observation.ndjson:" + (lines + 1) + " Observation/stray subject: Patient/somebody-else is not in the export");
        assertThat(Fixtures.snapshotWithout(db)).isEqualTo(before);
        Files.writeString(fhir.resolve("clinical/patients.csv"), Files.readString(Fixtures.cohort().resolve("centre-01/clinical/patients.csv")));
        IngestReport both = Fixtures.ingest(db, fhir, home);
        assertThat(both.exportProblems()).anyMatch(p -> p.contains("both a patients table and a FHIR export"));
    }
}
