package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.livercast.study.audit.AuditLog;

/** Real HTTP against the running server: every role and centre tries what it must not do, and fails. */
class WebAccessTest {
    final WebFixture f = WebFixture.get();

    @Test
    void healthAnswersWithoutASession() throws Exception {
        HttpResponse<String> r = anonymous().send(get("/health"), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"database\":\"reachable\"");
        assertThat(anonymous().send(get("/openapi.json"), HttpResponse.BodyHandlers.ofString()).body()).contains("\"openapi\": \"3.0.3\"");
    }

    @Test
    void withoutASessionEveryPatientCallIs401() throws Exception {
        String p = f.patientWithAttention("C01");
        for (String path : new String[] {"/api/patients", "/api/patients/C01/" + p, "/api/mri/C01/" + p + "/arterial/50.png"}) {
            assertThat(anonymous().send(get(path), HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> page = anonymous().send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/login?next="));
    }

    @Test
    void anotherCentresInvestigatorAndTheStatisticianGet403() throws Exception {
        String p = f.patientWithAttention("C01");
        HttpClient c02 = f.signedIn("inv02");
        assertThat(c02.send(get("/api/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(c02.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(c02.send(get("/api/mri/C01/" + p + "/arterial/50.png"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        String slide = f.db.jdbi().withHandle(h -> h.createQuery("select f.sha256 from stored_file f join patient p on p.pk = f.patient_pk"
                + " where p.centre_id = 'C01' and f.kind = 'slide' limit 1").mapTo(String.class).one());
        assertThat(c02.send(get("/api/slides/" + slide + "/slide.dzi"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(c02.send(get("/api/patients"), HttpResponse.BodyHandlers.ofString()).body()).contains("C02-").doesNotContain("C01-");
        HttpClient stats = f.signedIn("stats");
        assertThat(stats.send(get("/api/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(stats.send(get("/api/patients"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpResponse<String> study = stats.send(get("/study/P1"), HttpResponse.BodyHandlers.ofString());
        assertThat(study.statusCode()).isEqualTo(200);
        assertThat(study.body()).contains("Screening").doesNotContain("C01-").doesNotContain("C02-");
        HttpClient own = f.signedIn("inv01");
        assertThat(own.send(get("/api/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        // The probability comes with what happened to similar patients on the model's held-out centre.
        assertThat(own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body()).containsPattern("Of \\d+ held-out patients predicted");
        HttpClient admin = f.signedIn("admin");
        assertThat(admin.send(get("/api/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndReadsAreAudited() throws Exception {
        String p = f.patientWithAttention("C01");
        HttpClient own = f.signedIn("inv01");
        HttpRequest forged = HttpRequest.newBuilder(URI.create(f.url("/api/patients/C01/" + p + "/locks")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("protocol=P1&moment=post&predictionId=1")).build();
        assertThat(own.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpClient dm = f.signedIn("dm01");
        String page = dm.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        String csrf = WebFixture.csrfToken(page);
        long prediction = f.db.jdbi().withHandle(h -> h.createQuery("select prediction_id from prediction where centre_id = 'C01' and patient_id = :p limit 1")
                .bind("p", p).mapTo(Long.class).one());
        HttpRequest byDataManager = HttpRequest.newBuilder(URI.create(f.url("/api/patients/C01/" + p + "/locks"))).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("protocol=P1&moment=post&predictionId=" + prediction)).build();
        assertThat(dm.send(byDataManager, HttpResponse.BodyHandlers.ofString()).statusCode()).as("a data manager may not lock").isEqualTo(403);
        HttpRequest event = HttpRequest.newBuilder(URI.create(f.url("/api/patients/C01/" + p + "/events"))).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("event_type=adverse_event&event_date=2000-02-01&ctcae_term=Fatigue&ctcae_grade=3&serious=no&attribution=possible")).build();
        HttpResponse<String> added = dm.send(event, HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(dm.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body()).contains("Adverse event: Fatigue, grade 3");
        HttpRequest bad = HttpRequest.newBuilder(URI.create(f.url("/api/patients/C01/" + p + "/events"))).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("event_type=adverse_event&event_date=2000-02-01&ctcae_term=Fatigue&ctcae_grade=9")).build();
        HttpResponse<String> refused = dm.send(bad, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("grade = '9'");
        var recent = new AuditLog(f.db.jdbi()).recent(50);
        assertThat(recent).anyMatch(e -> e.actor().equals("dm01") && e.action().equals("patient.read") && e.subject().equals("patient C01/" + p));
        assertThat(new AuditLog(f.db.jdbi()).verify().intact()).isTrue();
    }

    private HttpRequest get(String path) { return HttpRequest.newBuilder(URI.create(f.url(path))).GET().build(); }

    private static HttpClient anonymous() { return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(); }

}
