package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.Test;
import org.livercast.fhir.FhirValidation;

/**
 * The FHIR R4 endpoint over real HTTP, on the web fixture's store (a POST model trained and run on an ingested two-centre
 * export): what an EHR fetches is valid FHIR by the HL7 validator, says what the store holds, and is guarded as the pages are.
 */
class FhirApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebFixture f = WebFixture.get();

    private HttpRequest get(String path) { return HttpRequest.newBuilder(URI.create(f.url(path))).header("Accept", "application/fhir+json").GET().build(); }

    private String patientWithPredictions() {
        return f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from prediction where centre_id = 'C01' order by patient_id limit 1")
                .mapTo(String.class).one());
    }

    @Test
    void aPatientsAssessmentsAreValidFhirAndSayWhatTheStoreHolds() throws Exception {
        String p = patientWithPredictions();
        HttpClient inv = f.signedIn("inv01");
        HttpResponse<String> r = inv.send(get("/fhir/RiskAssessment?patient=C01." + p), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(FhirValidation.problems(r.body())).isEmpty();
        Bundle b = FhirValidation.R4.newJsonParser().parseResource(Bundle.class, r.body());
        Map<String, Double> stored = f.db.jdbi().withHandle(h -> h.createQuery(
                        "select prediction_id, probability_aggressive_2y from prediction where centre_id = 'C01' and patient_id = :p").bind("p", p)
                .map((rs, ctx) -> Map.entry("prediction-" + rs.getLong(1), rs.getDouble(2))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(b.getTotal()).isEqualTo(stored.size()).isPositive();
        for (var e : b.getEntry()) {
            RiskAssessment ra = (RiskAssessment) e.getResource();
            assertThat(e.getFullUrl()).isEqualTo(f.url("/fhir/RiskAssessment/" + ra.getIdElement().getIdPart()));
            // The probability as the store holds it (to 17 decimal places, FHIR's practical limit), and P2's high risk as recorded.
            double p2y = stored.get(ra.getIdElement().getIdPart());
            assertThat(ra.getPredictionFirstRep().getProbabilityDecimalType().getValue())
                    .isCloseTo(new BigDecimal(Double.toString(p2y)), org.assertj.core.data.Offset.offset(new BigDecimal("1e-17")));
            assertThat(ra.getPredictionFirstRep().getQualitativeRisk().getCodingFirstRep().getCode()).isEqualTo(p2y >= 0.5 ? "high" : "low");
            assertThat(ra.getSubject().getReference()).isEqualTo("Patient/C01." + p);
            // Its performer, the model, and its provenance are there to fetch, valid too.
            HttpResponse<String> device = inv.send(get("/fhir/" + ra.getPerformer().getReference()), HttpResponse.BodyHandlers.ofString());
            assertThat(device.statusCode()).isEqualTo(200);
            assertThat(FhirValidation.problems(device.body())).isEmpty();
            HttpResponse<String> prov = inv.send(get("/fhir/Provenance/" + ra.getIdElement().getIdPart() + "-provenance"), HttpResponse.BodyHandlers.ofString());
            assertThat(prov.statusCode()).isEqualTo(200);
            assertThat(FhirValidation.problems(prov.body())).isEmpty();
            assertThat(JSON.readTree(prov.body()).at("/entity/0/what/identifier/value").asText()).hasSize(64);
            // Read by id: the same resource as the search gave.
            HttpResponse<String> one = inv.send(get("/fhir/RiskAssessment/" + ra.getIdElement().getIdPart()), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(one.body())).isEqualTo(JSON.readTree(r.body()).at("/entry").get(b.getEntry().indexOf(e)).get("resource"));
        }
    }

    @Test
    void aPatientsStagingIsSearchableAndReadableAsObservationsWithThePagesValues() throws Exception {
        String p = patientWithPredictions();
        HttpClient inv = f.signedIn("inv01");
        HttpResponse<String> r = inv.send(get("/fhir/Observation?patient=C01." + p), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(FhirValidation.problems(r.body())).isEmpty();
        JsonNode b = JSON.readTree(r.body());
        assertThat(b.path("total").asInt()).isGreaterThanOrEqualTo(8);
        String page = inv.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode e : b.path("entry")) {
            JsonNode o = e.path("resource");
            // The page's staging card says the same.
            String shown = o.has("valueBoolean") ? (o.path("valueBoolean").asBoolean() ? "yes" : "no")
                    : o.has("valueInteger") ? o.path("valueInteger").asText()
                    : o.has("valueQuantity") ? String.format(java.util.Locale.ROOT, "%.2f", o.at("/valueQuantity/value").asDouble()).replace('-', '\u2212')
                    : o.path("valueString").asText();
            assertThat(page).contains("<th scope=\"row\">" + o.at("/code/text").asText() + "</th><td>" + shown + "</td>");
            // Ingest shifted this patient's dates: no effective date is given rather than a false one.
            assertThat(o.has("effectiveDateTime")).isFalse();
            JsonNode one = JSON.readTree(inv.send(get("/fhir/Observation/" + o.path("id").asText()), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(one).isEqualTo(o);
        }
        assertThat(f.signedIn("inv02").send(get("/fhir/Observation?patient=C01." + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void everythingAboutAPatientIsOneValidBundleWhoseReferencesResolveInsideIt() throws Exception {
        String p = patientWithPredictions();
        HttpResponse<String> r = f.signedIn("inv01").send(get("/fhir/Patient/C01." + p + "/$everything"), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(FhirValidation.problems(r.body())).isEmpty();
        JsonNode b = JSON.readTree(r.body());
        List<String> types = b.path("entry").findValues("resourceType").stream().map(JsonNode::asText).distinct().toList();
        assertThat(types).containsExactly("Patient", "Observation", "RiskAssessment", "Provenance", "Device");
        for (JsonNode ref : b.path("entry").findValues("reference")) {
            assertThat(b.path("entry").findValues("fullUrl").stream().map(JsonNode::asText)).as(ref.asText()).contains(f.url("/fhir/" + ref.asText()));
        }
    }

    @Test
    void theEndpointIsGuardedAsThePagesAreAndAnswersErrorsAsOperationOutcomes() throws Exception {
        HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        // The CapabilityStatement is public, as FHIR clients expect; it is valid.
        HttpResponse<String> meta = anonymous.send(get("/fhir/metadata"), HttpResponse.BodyHandlers.ofString());
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(FhirValidation.problems(meta.body())).isEmpty();
        JsonNode api = JSON.readTree(anonymous.send(get("/openapi.json"), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(api.path("paths").has("/fhir/Patient/{id}/$everything")).isTrue();
        String p = patientWithPredictions();
        HttpResponse<String> noSession = anonymous.send(get("/fhir/Patient/C01." + p), HttpResponse.BodyHandlers.ofString());
        assertThat(noSession.statusCode()).isEqualTo(401);
        assertThat(FhirValidation.problems(noSession.body())).isEmpty();
        assertThat(JSON.readTree(noSession.body()).at("/issue/0/code").asText()).isEqualTo("login");
        // Another centre's investigator is refused the patient and each of their assessments; a statistician sees no patient.
        HttpClient inv02 = f.signedIn("inv02");
        assertThat(inv02.send(get("/fhir/Patient/C01." + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        long predictionId = f.db.jdbi().withHandle(h -> h.createQuery("select min(prediction_id) from prediction where centre_id = 'C01'").mapTo(Long.class).one());
        HttpResponse<String> other = inv02.send(get("/fhir/RiskAssessment/prediction-" + predictionId), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(other.body()).at("/issue/0/code").asText()).isEqualTo("forbidden");
        assertThat(f.signedIn("stats").send(get("/fhir/RiskAssessment?patient=C01." + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        // Unknown ids are 404s, a search without its patient a 400 that says how to search.
        HttpClient inv = f.signedIn("inv01");
        assertThat(inv.send(get("/fhir/Patient/C01.nobody"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(inv.send(get("/fhir/RiskAssessment/prediction-999999999"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        HttpResponse<String> noPatient = inv.send(get("/fhir/RiskAssessment"), HttpResponse.BodyHandlers.ofString());
        assertThat(noPatient.statusCode()).isEqualTo(400);
        assertThat(noPatient.body()).contains("?patient=ID");
        // A hospital finds its patient by the pseudonym its key gives; another centre's system finds nothing.
        HttpResponse<String> byIdentifier = inv.send(get("/fhir/Patient?identifier=https://livercast.org/fhir/sid/patient/C01%7C" + p),
                HttpResponse.BodyHandlers.ofString());
        assertThat(FhirValidation.problems(byIdentifier.body())).isEmpty();
        assertThat(JSON.readTree(byIdentifier.body()).path("total").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(byIdentifier.body()).at("/entry/0/resource/id").asText()).isEqualTo("C01." + p);
        assertThat(JSON.readTree(inv02.send(get("/fhir/Patient?identifier=https://livercast.org/fhir/sid/patient/C01%7C" + p),
                HttpResponse.BodyHandlers.ofString()).body()).path("total").asInt()).isZero();
        // JSON only: a client that reads only XML is told so.
        HttpResponse<String> xml = inv.send(HttpRequest.newBuilder(URI.create(f.url("/fhir/Patient/C01." + p))).header("Accept", "application/fhir+xml")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(xml.statusCode()).isEqualTo(406);
        assertThat(JSON.readTree(xml.body()).at("/issue/0/code").asText()).isEqualTo("not-supported");
        assertThat(inv.send(get("/fhir/Patient/C01." + p + "?_format=xml"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(406);
        // A FHIR client without a cookie jar sends the session's token as a bearer token.
        var cookies = ((java.net.CookieManager) inv.cookieHandler().orElseThrow()).getCookieStore().getCookies();
        String token = cookies.stream().filter(c -> c.getName().equals("lc_session")).findFirst().orElseThrow().getValue();
        HttpResponse<String> bearer = anonymous.send(HttpRequest.newBuilder(URI.create(f.url("/fhir/Patient/C01." + p)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(200);
        assertThat(FhirValidation.problems(bearer.body())).isEmpty();
        // Each read of patient data is in the audit log under the user's name.
        int reads = f.db.jdbi().withHandle(h -> h.createQuery("select count(*) from audit_log where actor = 'inv01' and action = 'fhir.read'")
                .mapTo(Integer.class).one());
        assertThat(reads).isPositive();
    }

    @Test
    void theBulkExportWritesEveryStoredAssessmentAsValidNdjsonWithABulkDataManifest() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("livercast-fhir-export");
        var result = org.livercast.fhir.BulkExport.write(f.db.jdbi(), dir, c -> c.equals("C01"), "test");
        int patients = f.db.jdbi().withHandle(h -> h.createQuery("select count(*) from patient where centre_id = 'C01'").mapTo(Integer.class).one());
        int predictions = f.db.jdbi().withHandle(h -> h.createQuery("select count(*) from prediction p join patient s"
                + " on s.centre_id = p.centre_id and s.patient_id = p.patient_id where p.centre_id = 'C01'").mapTo(Integer.class).one());
        assertThat(result.patients()).isEqualTo(patients);
        assertThat(result.countsByType()).containsEntry("Patient", patients).containsEntry("CodeSystem", 1);
        assertThat(result.countsByType().get("RiskAssessment")).isGreaterThanOrEqualTo(predictions).isPositive();
        assertThat(result.countsByType().get("Provenance")).isEqualTo(result.countsByType().get("RiskAssessment"));
        JsonNode manifest = JSON.readTree(result.manifest().toFile());
        for (JsonNode out : manifest.path("output")) {
            List<String> lines = java.nio.file.Files.readAllLines(dir.resolve(out.path("url").asText()));
            assertThat(lines).as(out.path("type").asText()).hasSize(out.path("count").asInt());
            // A resource a line, each valid on its own: what a Bulk Data client loads one by one.
            for (String line : lines) {
                assertThat(JSON.readTree(line).path("resourceType").asText()).isEqualTo(out.path("type").asText());
                assertThat(FhirValidation.problems(line)).as(line.substring(0, Math.min(120, line.length()))).isEmpty();
            }
        }
        // No half-written file is left beside them.
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("Patient.ndjson", "Observation.ndjson", "RiskAssessment.ndjson",
                    "Provenance.ndjson", "Device.ndjson", "CodeSystem.ndjson", "manifest.json");
        }
        org.livercast.core.io.Folders.deleteTreeQuietly(dir);
    }
}
