package org.livercast.fhir;

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
import org.livercast.core.io.fhir.CentreCodes;
import org.livercast.core.io.fhir.ClinicalCodes;
import org.livercast.core.io.fhir.ClinicalResources;
import org.livercast.core.io.fhir.ClinicalTablesReader;
import org.livercast.core.io.fhir.FhirJson;
import org.livercast.core.io.fhir.FhirNdjson;

class ClinicalTablesReaderTest {
    static final String MRN = "http://hospital.example.org/mrn";

    /** The examples' records written as a Bulk Data export (a file a resource type), each resource checked by the HL7 validator. */
    static List<PatientRecord> writeExamples(Path dir, boolean validate) throws Exception {
        List<PatientRecord> records = FhirResourcesTest.examples();
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
        // Where tables are looked for in a clinical folder (the synthetic cohort's oracle, `livercast run`), the export stands
        // for them, each Patient's centre from its managing organisation.
        java.util.Optional<Path> found = org.livercast.core.io.TableFile.patientsTableIn(dir);
        assertThat(found).isPresent();
        ClinicalData viaTables = ClinicalCsv.read(found.get(), null);
        assertThat(viaTables.errors()).isEmpty();
        assertThat(viaTables.records()).hasSameSizeAs(records);
        assertThat(viaTables.records().stream().map(r -> r.patient()).toList()).isEqualTo(data.records().stream().map(r -> r.patient()).toList());
    }

    /** A hospital system's own export: its lab and procedure codes, mapped once in fhir.json; two identifiers; several values over time. */
    static final String HOSPITAL = """
            {"resourceType":"Patient","id":"a1","identifier":[{"system":"urn:oid:2.16.156.10011.1.3","value":"110101196803140011"},{"system":"http://his.example.cn/mrn","value":"0012345"}],"gender":"male","birthDate":"1968-03-14","deceasedDateTime":"2025-03-02T10:15:00+08:00"}
            {"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"http://his.example.cn/lab","code":"ALB"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-03","valueQuantity":{"value":38.5,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}
            {"resourceType":"Observation","id":"o2","status":"final","code":{"coding":[{"system":"http://his.example.cn/lab","code":"ALB"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-20T07:30:00+08:00","valueQuantity":{"value":41,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}
            {"resourceType":"Observation","id":"o3","status":"final","code":{"coding":[{"system":"http://his.example.cn/lab","code":"ALB"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-28","valueQuantity":{"value":30,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}
            {"resourceType":"Observation","id":"o4","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"1834-1"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-20","valueQuantity":{"value":1210,"comparator":">","unit":"ng/mL","system":"http://unitsofmeasure.org","code":"ng/mL"}}
            {"resourceType":"Observation","id":"o5","status":"final","code":{"coding":[{"system":"http://his.example.cn/lab","code":"PIVKA"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-20","valueQuantity":{"value":420,"unit":"mAU/mL"}}
            {"resourceType":"Observation","id":"o6","status":"final","code":{"coding":[{"system":"http://his.example.cn/path","code":"MVI"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-30","valueCodeableConcept":{"coding":[{"system":"http://his.example.cn/path","code":"MVI-1"}],"text":"M1"}}
            {"resourceType":"Observation","id":"o7","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"89247-1"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-20","valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA9623-5"}]}}
            {"resourceType":"Observation","id":"o8","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"5196-1"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-20","valueString":"阳性"}
            {"resourceType":"Observation","id":"o9","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8302-2"}],"text":"Body height"},"subject":{"reference":"Patient/a1"},"valueQuantity":{"value":172,"unit":"cm"}}
            {"resourceType":"Observation","id":"o10","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"33728-7"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-01-10","valueQuantity":{"value":3.2,"unit":"cm","system":"http://unitsofmeasure.org","code":"cm"},"bodySite":{"text":"肝右后叶 S7"}}
            {"resourceType":"Condition","id":"c1","verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"refuted"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"R18"}]},"subject":{"reference":"Patient/a1"}}
            {"resourceType":"Condition","id":"c2","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"K74.60"}]},"subject":{"reference":"Patient/a1"},"recordedDate":"2023-11-02"}
            {"resourceType":"Condition","id":"c3","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"C22.0"}]},"subject":{"reference":"Patient/a1"},"recordedDate":"2024-01-12"}
            {"resourceType":"Condition","id":"c4","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"recurrence"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"C22.0"}]},"subject":{"reference":"Patient/a1"},"onsetDateTime":"2024-09-10","evidence":[{"detail":[{"reference":"Observation/o11"},{"reference":"Observation/o12"}]}]}
            {"resourceType":"Observation","id":"o11","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"21889-1"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-09-10","valueQuantity":{"value":62,"unit":"mm","system":"http://unitsofmeasure.org","code":"mm"}}
            {"resourceType":"Observation","id":"o12","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"21889-1"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-09-10","valueQuantity":{"value":15,"unit":"mm","system":"http://unitsofmeasure.org","code":"mm"}}
            {"resourceType":"Procedure","id":"p1","status":"completed","code":{"coding":[{"system":"http://his.example.cn/icd9cm3","code":"50.22"}],"text":"部分肝切除术"},"subject":{"reference":"Patient/a1"},"performedPeriod":{"start":"2024-01-25T08:00:00+08:00","end":"2024-01-25T13:00:00+08:00"}}
            {"resourceType":"Procedure","id":"p2","status":"completed","code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"37243"}]},"subject":{"reference":"Patient/a1"},"performedDateTime":"2024-03-01"}
            {"resourceType":"Procedure","id":"p3","status":"completed","code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"37243"}]},"subject":{"reference":"Patient/a1"},"performedDateTime":"2024-10-01"}
            {"resourceType":"MedicationAdministration","id":"m1","status":"completed","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1603296","display":"Lenvatinib"}]},"subject":{"reference":"Patient/a1"},"effectiveDateTime":"2024-03-05"}
            {"resourceType":"MedicationStatement","id":"m2","status":"completed","medicationCodeableConcept":{"text":"Sorafenib"},"subject":{"reference":"Patient/a1"},"effectivePeriod":{"start":"2024-10-05"}}
            {"resourceType":"Encounter","id":"e1","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"subject":{"reference":"Patient/a1"},"period":{"start":"2024-04-25"}}
            {"resourceType":"Encounter","id":"e2","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},"subject":{"reference":"Patient/a1"},"period":{"start":"2024-01-24"}}
            {"resourceType":"ImagingStudy","id":"i1","status":"available","subject":{"reference":"Patient/a1"},"started":"2024-01-10T09:00:00+08:00","modality":[{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"MR"}],"series":[{"uid":"1.2.4","modality":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"MR"},"description":"LAVA 动脉期"}]}
            {"resourceType":"ImagingStudy","id":"i2","status":"available","subject":{"reference":"Patient/a1"},"started":"2024-06-01","series":[{"uid":"1.2.3","modality":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"CT"}}]}
            {"resourceType":"AdverseEvent","id":"ae1","actuality":"actual","event":{"text":"Hypertension"},"subject":{"reference":"Patient/a1"},"date":"2024-04-02","severity":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adverse-event-severity","code":"moderate"}]},"seriousness":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adverse-event-seriousness","code":"Non-serious"}]}}
            {"resourceType":"Practitioner","id":"dr1","name":[{"text":"王医生"}]}
            {"resourceType":"Consent","id":"k1","status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"research"}]},"category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],"patient":{"reference":"Patient/a1"},"dateTime":"2024-01-12","policyRule":{"text":"P2 v1.0.0"}}
            {"resourceType":"Consent","id":"k2","status":"rejected","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"research"}]},"category":[{"coding":[{"system":"http://his.example.cn/consent","code":"FU2Y"}]}],"patient":{"reference":"Patient/a1"},"dateTime":"2024-01-12","policyRule":{"text":"Follow-up of 2 years"}}
            """;

    static final String HOSPITAL_CODES = """
            {"identifier_system": "http://his.example.cn/mrn",
             "codes": {"http://his.example.cn/lab|ALB": "albumin", "http://his.example.cn/lab|PIVKA": "pivka_ii",
                       "http://his.example.cn/path|MVI": "mvi", "http://his.example.cn/path|MVI-1": "mvi=m1",
                       "http://his.example.cn/icd9cm3|50.22": "planned_procedure=curative_resection",
                       "http://his.example.cn/consent|FU2Y": "follow_up_consent"}}
            """;

    @Test
    void aHospitalsOwnCodesReadThroughItsMappingPreoperativeValuesTheLatestBeforeSurgery(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("export.ndjson"), HOSPITAL);
        Files.writeString(dir.resolve(CentreCodes.FILE_NAME), HOSPITAL_CODES);
        ClinicalTablesReader.Tables t = ClinicalTablesReader.read(FhirNdjson.read(dir), "C07", CentreCodes.beside(dir));
        ClinicalData data = tables(t);
        assertThat(data.errors()).isEmpty();
        PatientRecord r = data.records().get(0);
        assertThat(r.id()).isEqualTo("0012345");                                 // the declared system's identifier, not the ID card's
        assertThat(r.patient().labs().canonical(org.livercast.core.model.Analyte.ALBUMIN)).hasValue(41.0);  // 20 Jan, not 3 Jan, not after surgery
        assertThat(r.patient().labs().canonical(org.livercast.core.model.Analyte.AFP)).hasValue(1210.0);   // ">1210" at the limit
        assertThat(r.patient().labs().canonical(org.livercast.core.model.Analyte.PIVKA_II)).hasValue(420.0);
        assertThat(r.patient().ecog()).isEqualTo(1);
        assertThat(r.patient().informedConsent()).isTrue();                      // a research Consent, active
        assertThat(r.patient().followUpConsent()).isFalse();                     // the centre's follow-up consent, rejected
        assertThat(r.patient().hbsAgPositive()).isTrue();
        assertThat(r.patient().cirrhosis()).isTrue();
        assertThat(r.patient().ascites()).isEqualTo(org.livercast.core.model.Ascites.NONE);
        assertThat(r.patient().preoperativeBurden().nodules()).containsExactly(new org.livercast.core.model.Nodule(32, 7));
        assertThat(r.patient().clinicalDiagnosis()).isEqualTo(org.livercast.core.model.Diagnosis.HCC);
        assertThat(r.imaging()).singleElement().satisfies(s -> {
            assertThat(s.date()).hasToString("2024-01-10");
            assertThat(s.modality()).isEqualTo(org.livercast.core.model.Modality.MR);
            assertThat(s.contrastEnhanced()).isTrue();                                  // its series are phases after contrast
        });
        assertThat(r.treatment().surgeryDate()).hasToString("2024-01-25");
        // TACE and lenvatinib within the adjuvant window; the TACE and sorafenib after the recurrence treat it, not adjuvant.
        assertThat(r.treatment().adjuvantStrategy()).isEqualTo(org.livercast.core.model.AdjuvantStrategy.TACE_SYSTEMIC);
        assertThat(r.treatment().adjuvantDrugs()).containsExactly("lenvatinib");
        assertThat(r.pathology().mvi()).isEqualTo(org.livercast.core.model.MviGrade.M1);
        assertThat(r.firstRecurrence()).hasValueSatisfying(rec -> {
            assertThat(rec.date()).hasToString("2024-09-10");
            assertThat(rec.burden().nodules()).extracting(n -> n.sizeMm()).containsExactly(62.0, 15.0);
        });
        assertThat(r.death()).hasValueSatisfying(d -> assertThat(d.date()).hasToString("2025-03-02"));
        assertThat(r.adverseEvents()).singleElement().satisfies(a -> {
            assertThat(a.grade()).isEqualTo(2);
            assertThat(a.serious()).isFalse();
        });
        // The inpatient stay of the operation is not a follow-up visit; the June CT is surveillance imaging.
        assertThat(r.events().stream().map(e -> e.getClass().getSimpleName() + " " + e.date()).toList())
                .contains("FollowUpVisit 2024-04-25", "FollowUpVisit 2024-06-01").doesNotContain("FollowUpVisit 2024-01-24");
        assertThat(t.leftOut()).containsEntry("Observation http://loinc.org|8302-2 (Body height)", 1).containsEntry("Practitioner (not read)", 1);
        assertThat(t.readByType()).containsEntry("Patient", 1).containsEntry("Observation", 12).containsEntry("Procedure", 3);
    }

    @Test
    void whatCannotBePlacedIsNamedByFileLineAndResource(@TempDir Path dir) throws Exception {
        String lines = HOSPITAL.lines().filter(l -> !l.contains("\"id\":\"c1\"")).reduce("", (a, b) -> a + b + "\n")
                + "{\"resourceType\":\"Observation\",\"id\":\"x1\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"1751-7\"}]},\"subject\":{\"reference\":\"Patient/zz\"},\"valueQuantity\":{\"value\":40}}\n"
                + "{\"resourceType\":\"Condition\",\"id\":\"c9\",\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"R18.8\"}]},\"subject\":{\"reference\":\"Patient/a1\"}}\n";
        Files.writeString(dir.resolve("export.ndjson"), lines);
        long x1 = lines.lines().count() - 1;
        assertThatThrownBy(() -> ClinicalTablesReader.read(FhirNdjson.read(dir), "C07", CentreCodes.none()))
                .isInstanceOf(ClinicalTablesReader.FhirTablesException.class)
                .hasMessageContaining("export.ndjson:" + x1 + " Observation/x1 subject: Patient/zz is not in the export")
                .hasMessageContaining("export.ndjson:1 Patient/a1 identifier: no hospital number")
                // what is about that Patient is not named again, resource by resource
                .satisfies(e -> assertThat(((ClinicalTablesReader.FhirTablesException) e).errors()).hasSize(2));
        Files.writeString(dir.resolve(CentreCodes.FILE_NAME), HOSPITAL_CODES);
        assertThatThrownBy(() -> ClinicalTablesReader.read(FhirNdjson.read(dir), "C07", CentreCodes.beside(dir)))
                .hasMessageContaining("export.ndjson:" + (x1 + 1) + " Condition/c9 severity: ascites without a severity");
        Files.writeString(dir.resolve("export.ndjson"), HOSPITAL.lines().findFirst().orElseThrow() + "\n{\"resourceType\": \"Observation\", \"id\": \n");
        assertThatThrownBy(() -> FhirNdjson.read(dir)).isInstanceOf(FhirNdjson.FhirFileException.class).hasMessageStartingWith("export.ndjson:2: not JSON");
        Files.writeString(dir.resolve(CentreCodes.FILE_NAME), "{\"codes\": {\"http://his.example.cn/lab|ALB\": \"albumen\"}}");
        assertThatThrownBy(() -> CentreCodes.beside(dir)).hasMessageContaining("fhir.json: codes['http://his.example.cn/lab|ALB'] = 'albumen': 'albumen' is not a template column");
    }

    /** A transaction Bundle as Synthea and many EHR interfaces write it: entries refer to each other by urn:uuid, conditions by SNOMED CT. */
    static final String BUNDLE = """
            {
              "resourceType": "Bundle", "type": "transaction",
              "entry": [
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001",
                 "resource": {"resourceType": "Patient", "id": "5c1f0a9e-0000-4000-8000-000000000001",
                   "identifier": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                                   "system": "https://hospital.example.org/mrn", "value": "MRN-77"},
                                  {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "SS"}]},
                                   "system": "http://hl7.org/fhir/sid/us-ssn", "value": "999-12-3456"}],
                   "gender": "female", "birthDate": "1959", "deceasedBoolean": true},
                 "request": {"method": "POST", "url": "Patient"}},
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000002",
                 "resource": {"resourceType": "Condition", "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "19943007", "display": "Cirrhosis of liver"}]},
                   "subject": {"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001"}, "recordedDate": "2023-02-01"},
                 "request": {"method": "POST", "url": "Condition"}},
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000003",
                 "resource": {"resourceType": "Condition", "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                   "severity": {"coding": [{"system": "http://snomed.info/sct", "code": "255604002", "display": "Mild"}]},
                   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "389026000", "display": "Ascites"}]},
                   "subject": {"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001"}, "recordedDate": "2023-02-01"},
                 "request": {"method": "POST", "url": "Condition"}},
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000004",
                 "resource": {"resourceType": "Condition", "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "25370001", "display": "Hepatocellular carcinoma"}]},
                   "subject": {"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001"}, "recordedDate": "2023-02-10"},
                 "request": {"method": "POST", "url": "Condition"}},
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000005",
                 "resource": {"resourceType": "Observation", "status": "final",
                   "code": {"coding": [{"system": "http://loinc.org", "code": "1751-7", "display": "Albumin [Mass/volume] in Serum or Plasma"}]},
                   "subject": {"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001"}, "effectiveDateTime": "2023-02-12T08:00:00-05:00",
                   "valueQuantity": {"value": 3.4, "unit": "g/dL", "system": "http://unitsofmeasure.org", "code": "g/dL"}},
                 "request": {"method": "POST", "url": "Observation"}},
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000006",
                 "resource": {"resourceType": "Procedure", "status": "completed",
                   "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "47122"}]},
                   "subject": {"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001"}, "performedDateTime": "2023-02-20"},
                 "request": {"method": "POST", "url": "Procedure"}},
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000007",
                 "resource": {"resourceType": "Observation", "status": "final",
                   "code": {"coding": [{"system": "http://loinc.org", "code": "21889-1"}]},
                   "subject": {"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001"}, "effectiveDateTime": "2024-05-02",
                   "valueQuantity": {"value": 2.4, "unit": "cm", "system": "http://unitsofmeasure.org", "code": "cm"}},
                 "request": {"method": "POST", "url": "Observation"}},
                {"fullUrl": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000008",
                 "resource": {"resourceType": "Condition", "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "recurrence"}]},
                   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "25370001"}]},
                   "subject": {"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000001"}, "onsetDateTime": "2024-05-02",
                   "evidence": [{"detail": [{"reference": "urn:uuid:5c1f0a9e-0000-4000-8000-000000000007"}]}]},
                 "request": {"method": "POST", "url": "Condition"}}
              ]
            }
            """;

    @Test
    void aTransactionBundleWithUuidReferencesAndSnomedConditionsIsReadAsTheTables(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bundle.json"), BUNDLE);
        ClinicalTablesReader.Tables t = ClinicalTablesReader.read(FhirNdjson.read(dir), "C09", CentreCodes.none());
        ClinicalData data = tables(t);
        assertThat(data.errors()).isEmpty();
        PatientRecord r = data.records().get(0);
        assertThat(r.id()).isEqualTo("MRN-77");                                    // the MR identifier, not the SSN
        // A birth year alone (a de-identified export's): the age on the day of surgery, from mid-1959 to 20 Feb 2023.
        assertThat(r.patient().birthDate()).isNull();
        assertThat(r.patient().ageYears()).isEqualTo(63);
        assertThat(r.patient().cirrhosis()).isTrue();
        assertThat(r.patient().ascites()).isEqualTo(org.livercast.core.model.Ascites.MILD);
        assertThat(r.patient().clinicalDiagnosis()).isEqualTo(org.livercast.core.model.Diagnosis.HCC);
        assertThat(r.patient().labs().canonical(org.livercast.core.model.Analyte.ALBUMIN)).hasValue(34.0);   // 3.4 g/dL
        assertThat(r.treatment().surgeryDate()).hasToString("2023-02-20");
        assertThat(r.treatment().adjuvantStrategy()).isEqualTo(org.livercast.core.model.AdjuvantStrategy.SURGERY_ALONE);
        assertThat(r.patient().preoperativeBurden()).isNull();                   // the only tumour size is the recurrence's evidence
        assertThat(r.firstRecurrence()).hasValueSatisfying(rec -> assertThat(rec.burden().nodules()).extracting(n -> n.sizeMm()).containsExactly(24.0));
        assertThat(r.death()).isEmpty();                                           // deceased, but no day: not guessed, and said
        assertThat(t.leftOut()).containsKey("Patient deceasedBoolean (a death without its day: no death event)");
    }
}
