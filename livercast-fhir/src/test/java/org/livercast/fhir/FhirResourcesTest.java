package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.Test;
import org.livercast.core.model.Death;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.Sex;
import org.livercast.study.models.Diagnoses;
import org.livercast.study.models.ModelRegistry;
import org.livercast.study.models.Recommendations;
import org.livercast.study.ops.LockedPredictions;

public class FhirResourcesTest {
    static final String MODEL = "5727a996a78b" + "0".repeat(52);
    static final String THERAPY = "aa".repeat(32);
    static final String INPUT = "ef".repeat(32);
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 7, 14, 30, 5, 120_000_000, ZoneOffset.ofHours(8));

    static final String PRE_BODY = """
            {"modelId": "%s", "kind": "PRE", "patientId": "C0100000007", "probabilityAggressive2y": 0.6234567891234567, "highRisk": true,
             "rfsSurvivalByYear": [0.81, 0.62, 0.50, 0.43, 0.38], "rfsRiskScore": 0.69,
             "osSurvivalByYear": [0.97, 0.90, 0.82, 0.74, 0.66], "osRiskScore": 0.2,
             "contributions": {"afp_ng_per_ml": 0.41, "max_size_mm": 0.32, "albumin_g_per_l": -0.11, "mvi_radiology": 0.05, "ecog": 0.004, "age_years": 0.01, "inr": 0.003},
             "modalitiesUsed": ["clinical", "radiology_report", "mri"], "inputSha256": "%s", "slideAttention": [], "mriOcclusion": []}"""
            .formatted(MODEL, INPUT);

    static ModelRegistry.Recorded pre(long id, double p) {
        return new ModelRegistry.Recorded(id, AT, new ModelRegistry.StoredPrediction(MODEL, "C01", "C0100000007", "pre", p, p >= 0.5, 0.69, INPUT,
                PRE_BODY));
    }

    static PatientRecord patient() {
        var p = new org.livercast.core.model.Patient("C0100000007", "C01", Sex.MALE, LocalDate.of(1961, 3, 4), 65, true, false, true, 0,
                null, null, null, null, null, null, null, null, null, null, null);
        return PatientRecord.of(p).withEvents(List.of(new Death(LocalDate.of(2026, 5, 1), "liver failure")));
    }

    static LockedPredictions.Lock lock(long id, long predictionId, Long supersedes, String reason) {
        return new LockedPredictions.Lock(id, "C01", "C0100000007", "P2", "pre", predictionId, MODEL, INPUT, 0.62, true, "inv01",
                "2026-12-07 14:31:00+08", supersedes, reason);
    }

    static Recommendations.Recorded recommendation() {
        String body = """
                {"patientId": "C0100000007", "estimates": [
                  {"strategy": "SURGERY_ALONE", "rfs3y": 0.48, "rfs3ySd": 0.03, "rfsByYear": [0.8, 0.6, 0.48, 0.4, 0.35]},
                  {"strategy": "TACE", "rfs3y": 0.55, "rfs3ySd": 0.04, "rfsByYear": [0.85, 0.66, 0.55, 0.47, 0.41]},
                  {"strategy": "TACE_SYSTEMIC", "rfs3y": 0.53, "rfs3ySd": 0.05, "rfsByYear": [0.84, 0.65, 0.53, 0.45, 0.40]},
                  {"strategy": "SYSTEMIC", "rfs3y": 0.50, "rfs3ySd": 0.04, "rfsByYear": [0.82, 0.62, 0.50, 0.42, 0.37]}],
                 "recommended": "TACE", "agreement": 0.8, "gainOverSurgeryAlone": 0.07, "gainSd": 0.02,
                 "taceSubgroup": "mvi_positive", "taceHazardRatio": 0.68}""";
        return new Recommendations.Recorded(9, AT, new Recommendations.Stored(THERAPY, "C01", "C0100000007", "tace", 0.8, 0.07, 0.02, body, INPUT));
    }

    static Diagnoses.Recorded diagnosis() {
        return new Diagnoses.Recorded(4, AT, new Diagnoses.Stored(MODEL, "C01", "C0100000007", 0.93, 0.12, INPUT, "{}"));
    }

    static List<ObjectNode> everyKind() {
        List<ObjectNode> all = new ArrayList<>();
        all.add(PatientResource.of(patient()));
        all.add(RecurrenceAssessment.of(pre(3, 0.6234567891234567), List.of(lock(1, 2, null, null), lock(2, 3, 1L, "the first MRI was re-read"))));
        all.add(RecurrenceAssessment.of(pre(2, 0.31), List.of(lock(1, 2, null, null), lock(2, 3, 1L, "the first MRI was re-read"))));
        all.add(DiagnosisAssessment.of(diagnosis()));
        all.add(StrategyAssessment.of(recommendation()));
        all.add(InputProvenance.of("prediction-3", AT, "pre", MODEL, INPUT));
        all.add(InputProvenance.of("recommendation-9", AT, "therapy", THERAPY, null));
        all.add(ModelDevice.of(new ModelRegistry.Summary(MODEL, "pre", "livercast-learn 0.1.0", "cd".repeat(32), "2026-12-07 12:00:00+00",
                "{\"auc\": 0.740, \"auc_ci\": [0.69, 0.79], \"c_index\": 0.661, \"heldout_centre\": \"C03\"}", null)));
        all.add(ModelDevice.unregistered(THERAPY, "therapy"));
        all.add(LiverCastCodes.codeSystem("0.1.0"));
        all.add(ServerCapabilities.statement("0.1.0"));
        all.add(OperationOutcomes.error(404, "patient C01/C0199 is not stored"));
        return all;
    }

    @Test
    void everyResourceLiverCastWritesPassesTheHl7ValidatorWithoutAWarning() {
        for (ObjectNode r : everyKind()) {
            assertThat(FhirValidation.problems(r.toString())).as(r.get("resourceType") + " " + r.path("id").asText()).isEmpty();
        }
        List<ObjectNode> bundle = everyKind().subList(0, 8);
        ObjectNode searchset = Bundles.searchset("https://livercast.example.org/fhir", bundle,
                r -> r.get("resourceType").asText().equals("RiskAssessment"), "https://livercast.example.org/fhir/RiskAssessment?patient=C01.C0100000007");
        assertThat(FhirValidation.problems(searchset.toString())).isEmpty();
        assertThat(searchset.get("total").asInt()).isEqualTo(4);
    }

    @Test
    void theValidatorIsNotVacuous() {
        // What these tests rely on: a resource FHIR forbids is refused (no status; a code LiverCast's CodeSystem lacks).
        ObjectNode noStatus = RecurrenceAssessment.of(pre(3, 0.62), List.of());
        noStatus.remove("status");
        assertThat(FhirValidation.errors(noStatus.toString())).anySatisfy(e -> assertThat(e).contains("status"));
        ObjectNode wrongCode = RecurrenceAssessment.of(pre(3, 0.62), List.of());
        ((ObjectNode) wrongCode.at("/prediction/0/outcome/coding/0")).put("code", "aggressive-recurrence-5y");
        assertThat(FhirValidation.errors(wrongCode.toString())).isNotEmpty();
    }

    @Test
    void aPreOrPostPredictionReadsBackAsStoredThroughHapi() {
        RiskAssessment ra = parse(RecurrenceAssessment.of(pre(3, 0.6234567891234567), List.of(lock(1, 2, null, null),
                lock(2, 3, 1L, "the first MRI was re-read"))), RiskAssessment.class);
        assertThat(ra.getIdElement().getIdPart()).isEqualTo("prediction-3");
        assertThat(ra.getSubject().getReference()).isEqualTo("Patient/C01.C0100000007");
        assertThat(ra.getPerformer().getReference()).isEqualTo("Device/" + MODEL);
        // The probability exactly as stored (a double's shortest decimal), P2's high risk, the 24 months it is about.
        var aggressive = ra.getPrediction().get(0);
        assertThat(aggressive.getProbabilityDecimalType().getValue()).isEqualByComparingTo(new BigDecimal("0.6234567891234567"));
        assertThat(aggressive.getQualitativeRisk().getCodingFirstRep().getCode()).isEqualTo("high");
        assertThat(aggressive.getWhenRange().getHigh().getValue()).isEqualByComparingTo("24");
        assertThat(aggressive.getWhenRange().getHigh().getCode()).isEqualTo("mo");
        // RFS and OS at 1–5 years as the probability of the event by then.
        assertThat(ra.getPrediction()).hasSize(11);
        assertThat(ra.getPrediction().get(3).getOutcome().getText()).isEqualTo("Recurrence or death within 3 years of surgery");
        assertThat(ra.getPrediction().get(3).getProbabilityDecimalType().getValue().doubleValue()).isCloseTo(0.50, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ra.getPrediction().get(10).getOutcome().getText()).isEqualTo("Death within 5 years of surgery");
        // The standing lock is tagged; the notes say what was read, what weighed most and which lock it is.
        assertThat(ra.getMeta().getTag()).singleElement().satisfies(t -> assertThat(t.getCode()).isEqualTo("locked"));
        assertThat(ra.getNote()).extracting(n -> n.getText())
                .contains("Inputs read: clinical, radiology_report, mri.",
                        "Largest clinical contributions to the log-odds of aggressive recurrence: afp_ng_per_ml +0.41, max_size_mm +0.32,"
                                + " albumin_g_per_l -0.11, mvi_radiology +0.05, age_years +0.01.",
                        "Supersedes an earlier lock: the first MRI was re-read");
        // The superseded prediction keeps its history but not the tag.
        RiskAssessment old = parse(RecurrenceAssessment.of(pre(2, 0.31), List.of(lock(1, 2, null, null), lock(2, 3, 1L, "re-read"))), RiskAssessment.class);
        assertThat(old.getMeta().getTag()).isEmpty();
        assertThat(old.getPrediction().get(0).getQualitativeRisk().getCodingFirstRep().getCode()).isEqualTo("low");
        assertThat(old.getNote()).anySatisfy(n -> assertThat(n.getText()).endsWith("; since superseded."));
    }

    @Test
    void aRecommendationGivesEachStrategysRiskAndTheRecommendedOne() {
        RiskAssessment ra = parse(StrategyAssessment.of(recommendation()), RiskAssessment.class);
        assertThat(ra.getPrediction()).extracting(p -> p.getOutcome().getText()).containsExactly(
                "Recurrence or death within 3 years with surgery alone", "Recurrence or death within 3 years with surgery + TACE",
                "Recurrence or death within 3 years with surgery + TACE + systemic", "Recurrence or death within 3 years with surgery + systemic");
        assertThat(ra.getPrediction().get(1).getProbabilityDecimalType().getValue().doubleValue()).isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ra.getMitigation()).startsWith("Recommended: surgery + TACE (strategy-tace): 3-year recurrence-free survival +0.070 (SD 0.020)");
        assertThat(ra.getMethod().getCodingFirstRep().getCode()).isEqualTo("therapy-model");
    }

    @Test
    void theDiagnosisPatientDeviceAndProvenanceSayWhatTheStoreHolds() {
        RiskAssessment d = parse(DiagnosisAssessment.of(diagnosis()), RiskAssessment.class);
        assertThat(d.getPrediction()).extracting(p -> p.getProbabilityDecimalType().getValue().doubleValue())
                .containsExactly(0.93, 0.93 * (1 - 0.12), 0.93 * 0.12, 0.07);
        Patient p = parse(PatientResource.of(patient()), Patient.class);
        assertThat(p.getIdentifierFirstRep().getSystem()).isEqualTo("https://livercast.org/fhir/sid/patient/C01");
        assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1961-03-04");
        assertThat(p.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2026-05-01");
        assertThat(p.getMeta().getSecurityFirstRep().getCode()).isEqualTo("PSEUDED");
        // An ingested record's dates are shifted so that surgery falls on 2000-01-01: not the patient's, so not given.
        var shifted = patient().withTreatment(new org.livercast.core.model.Treatment(org.livercast.core.model.StoredDates.SURGERY_DAY, null, null, null, null));
        ObjectNode s = PatientResource.of(shifted);
        assertThat(FhirValidation.problems(s.toString())).isEmpty();
        assertThat(s.has("birthDate")).isFalse();
        assertThat(s.path("deceasedBoolean").asBoolean()).isTrue();
        assertThat(s.at("/text/div").asText()).contains("dates de-identified");
        Device dev = parse(everyKind().get(7), Device.class);
        assertThat(dev.getIdentifierFirstRep().getValue()).isEqualTo(MODEL);
        assertThat(dev.getProperty()).extracting(x -> x.getType().getText())
                .containsExactly("training data SHA-256", "held-out auc", "held-out c_index");
        Provenance prov = parse(InputProvenance.of("prediction-3", AT, "pre", MODEL, INPUT), Provenance.class);
        assertThat(prov.getRecorded().toInstant()).isEqualTo(AT.toInstant());
        assertThat(prov.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(INPUT);
        assertThat(prov.getTargetFirstRep().getReference()).isEqualTo("RiskAssessment/prediction-3");
    }

    /** The bundled example patients, read through the real CSV template reader. */
    public static List<PatientRecord> examples() throws java.io.IOException {
        String base = "/org/livercast/core/examples/clinical/";
        try (var p = FhirResourcesTest.class.getResourceAsStream(base + "patients.csv");
             var e = FhirResourcesTest.class.getResourceAsStream(base + "events.csv")) {
            return org.livercast.core.io.ClinicalCsv.read("patients.csv", p, "events.csv", e).records();
        }
    }

    @Test
    void eachExamplePatientsStagingIsAValidObservationWithTheValueThePageShows() throws Exception {
        int observations = 0;
        for (PatientRecord r : examples()) {
            var items = org.livercast.core.protocol.facts.Staging.of(r, r.lastKnownDate().orElseThrow());
            List<ObjectNode> obs = StagingObservations.of(r);
            // One per staging the record allows; none for what it cannot compute.
            assertThat(obs).hasSize((int) items.stream().filter(i -> i.value() instanceof org.livercast.core.protocol.rule.Fact.Known).count());
            for (ObjectNode o : obs) {
                assertThat(FhirValidation.problems(o.toString())).as(o.toString()).isEmpty();
                assertThat(o.at("/subject/reference").asText()).isEqualTo("Patient/" + FhirIds.patient(r.patient().centreId(), r.id()));
            }
            observations += obs.size();
        }
        assertThat(observations).isGreaterThan(100);
        // EX03 is BCLC B and EX04 Child-Pugh 8: as a string and as an integer.
        var ex03 = examples().stream().filter(r -> r.id().equals("EX03")).findFirst().orElseThrow();
        assertThat(StagingObservations.of(ex03)).filteredOn(o -> o.at("/code/coding/0/code").asText().equals("bclc-stage")).singleElement()
                .satisfies(o -> assertThat(o.path("valueString").asText()).isEqualTo("B"));
        var ex04 = examples().stream().filter(r -> r.id().equals("EX04")).findFirst().orElseThrow();
        var cp = parse(StagingObservations.of(ex04).stream().filter(o -> o.at("/code/coding/0/code").asText().equals("child-pugh-score")).findFirst()
                .orElseThrow(), org.hl7.fhir.r4.model.Observation.class);
        assertThat(cp.getValueIntegerType().getValue()).isEqualTo(8);
        assertThat(cp.getIdElement().getIdPart()).isEqualTo("ZS.EX04-child-pugh-score");
        // The examples' dates are their own (not shifted by ingest): the staging is dated at screening, when there is one.
        assertThat(cp.hasEffective()).isFalse();
        var screened = examples().stream().filter(r -> r.patient().screeningDate() != null).findFirst().orElseThrow();
        assertThat(StagingObservations.of(screened)).allSatisfy(o -> assertThat(o.path("effectiveDateTime").asText())
                .isEqualTo(screened.patient().screeningDate().toString()));
    }

    @Test
    void idsFitFhirsRulesAndNameTheStoreRowTheyCameFrom() {
        assertThat(FhirIds.patient("C01", "C0100000007")).isEqualTo("C01.C0100000007");
        // An underscore, or a pseudonym too long, cannot be in a FHIR id: a hash of the two stands in, the same each time.
        String hashed = FhirIds.patient("centre_1", "P1");
        assertThat(hashed).matches("p-[0-9a-f]{40}").isEqualTo(FhirIds.patient("centre_1", "P1")).isNotEqualTo(FhirIds.patient("centre_1", "P2"));
        assertThat(FhirIds.valid(FhirIds.patient("C01", "x".repeat(80)))).isTrue();
        assertThat(FhirIds.stored("prediction-3")).hasValue(new FhirIds.Stored("prediction", 3));
        assertThat(FhirIds.stored("recommendation-12")).hasValue(new FhirIds.Stored("recommendation", 12));
        assertThat(FhirIds.stored("prediction-x")).isEmpty();
        assertThat(FhirIds.stored("prediction-3-provenance")).isEmpty();
    }

    @Test
    void probabilitiesAreTheStoredDecimalsAndTheirComplementsDecimalArithmetic() {
        assertThat(FhirJson.decimal(0.6234567891234567)).isEqualByComparingTo("0.6234567891234567");
        assertThat(FhirJson.complement(0.97)).isEqualByComparingTo("0.03");
        // 1 − 0.060468547529919064 has 18 decimal places, one more than the HL7 validator takes without a warning.
        assertThat(FhirJson.complement(0.060468547529919064)).isEqualByComparingTo("0.93953145247008094");
        assertThat(FhirJson.decimal(1.2345678901234567E-5).scale()).isEqualTo(17);
        ObjectNode ra = RecurrenceAssessment.of(new ModelRegistry.Recorded(5, AT, new ModelRegistry.StoredPrediction(MODEL, "C01", "C0100000007",
                "post", 0.012345678901234567, false, 0.1, INPUT, PRE_BODY.replace("0.81, 0.62", "0.060468547529919064, 0.62"))), List.of());
        assertThat(FhirValidation.problems(ra.toString())).isEmpty();
    }

    @Test
    void anImpossibleProbabilityIsRefusedNamingTheAssessment() {
        assertThatThrownBy(() -> DiagnosisAssessment.of(new Diagnoses.Recorded(4, AT, new Diagnoses.Stored(MODEL, "C01", "P", 1.2, 0.1, INPUT, "{}"))))
                .hasMessageContaining("diagnosis-4").hasMessageContaining("1.2");
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(ObjectNode json, Class<T> type) {
        return FhirValidation.R4.newJsonParser().parseResource(type, json.toString());
    }
}
