package org.livercast.fhir.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.model.PatientRecord;
import org.livercast.fhir.FhirJson;
import org.livercast.fhir.FhirValidation;

class ClinicalTablesReaderTest {
    static final String MRN = "http://hospital.example.org/mrn";

    /** The examples' records written as a Bulk Data export (a file a resource type), each resource checked by the HL7 validator. */
    static List<PatientRecord> writeExamples(Path dir, boolean validate) throws Exception {
        List<PatientRecord> records = org.livercast.fhir.FhirResourcesTest.examples();
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (PatientRecord r : records) {
            for (ObjectNode res : ClinicalResources.of(r, MRN)) {
                String json = FhirJson.JSON.writeValueAsString(res);
                if (validate) for (String p : FhirValidation.problems(json)) if (!offlineTerminology(p)) problems.add(res.get("id").asText() + ": " + p);
                files.computeIfAbsent(res.get("resourceType").asText(), k -> new StringBuilder()).append(json).append('\n');
            }
        }
        assertThat(problems).isEmpty();
        for (var f : files.entrySet()) Files.writeString(dir.resolve(f.getKey() + ".ndjson"), f.getValue());
        return records;
    }

    /**
     * The validator, offline, has no LOINC, ICD-10, ICD-O-3, CPT, ATC or SNOMED content to look a code up in (a terminology
     * server would), nor DICOM's modality value set (CID 29): it says so, as a warning, and checks the rest.
     */
    static boolean offlineTerminology(String problem) {
        if (problem.startsWith("WARNING ImagingStudy.modality") && problem.contains("sect_CID_29.html' not found")) return true;
        return problem.startsWith("WARNING") && problem.contains("CodeSystem is unknown and can't be validated")
                && List.of(ClinicalCodes.LOINC, ClinicalCodes.ICD10, ClinicalCodes.ICD10_CM, ClinicalCodes.ICD_O3, ClinicalCodes.CPT, ClinicalCodes.ATC,
                ClinicalCodes.SNOMED).stream().anyMatch(s -> problem.contains(s + " for "));
    }

    static ClinicalData tables(ClinicalTablesReader.Tables t) throws Exception {
        return ClinicalCsv.read("patients (FHIR)", new ByteArrayInputStream(t.patientsCsv()), "events (FHIR)", new ByteArrayInputStream(t.eventsCsv()));
    }

    @Test
    void theExamplesWrittenAsValidFhirReadBackAsTheSameRecords(@TempDir Path dir) throws Exception {
        List<PatientRecord> records = writeExamples(dir, true);
        ClinicalTablesReader.Tables t = ClinicalTablesReader.read(FhirNdjson.read(dir), "ZS", CentreCodes.none());
        ClinicalData data = tables(t);
        assertThat(data.errors()).isEmpty();
        assertThat(t.patients()).isEqualTo(records.size());
        assertThat(t.leftOut()).isEmpty();
        Map<String, PatientRecord> back = new LinkedHashMap<>();
        for (PatientRecord r : data.records()) back.put(r.id(), r);
        for (PatientRecord r : records) {
            PatientRecord b = back.get(r.id());
            assertThat(b).as(r.id()).isNotNull();
            // Slides are files, not FHIR: the export does not carry them. The centre differs only as the reader was told.
            PatientRecord expected = new PatientRecord(r.patient(), r.imaging(), r.treatment(), r.pathology(), List.of(), r.reports(), r.events());
            assertThat(b.patient().labs()).as(r.id() + " labs").isEqualTo(r.patient().labs());
            assertThat(b.patient().preoperativeBurden()).as(r.id() + " burden").isEqualTo(r.patient().preoperativeBurden());
            assertThat(b.treatment()).as(r.id() + " treatment").isEqualTo(r.treatment());
            assertThat(b.pathology()).as(r.id() + " pathology").isEqualTo(r.pathology());
            assertThat(b.events()).as(r.id() + " events").isEqualTo(r.events());
            assertThat(b.patient()).as(r.id() + " patient").isEqualTo(expected.patient());
            assertThat(b.imaging().stream().map(s -> s.date()).toList()).as(r.id() + " imaging").isEqualTo(r.imaging().stream().map(s -> s.date()).toList());
        }
    }
}
