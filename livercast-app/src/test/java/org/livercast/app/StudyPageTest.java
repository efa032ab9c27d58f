package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.analysis.AnalysisData;
import org.livercast.study.analysis.AnalysisExport;
import org.livercast.study.audit.AuditLog;

/**
 * The study pages a statistician reads, on the web fixture's store over real HTTP: P5's diagnostic accuracy, safety and
 * survival on the study's own population, and the analysis data set without pseudonyms — looking screens no one.
 */
class StudyPageTest {
    final WebFixture f = WebFixture.get();

    @Test
    void theP5StudyPageMeasuresTheStoredDiagnosesAgainstHistology() throws Exception {
        var p5 = Protocols.bundled().get("P5");
        var store = new org.livercast.study.models.Diagnoses(f.db.jdbi());
        for (AnalysisData.Row r : AnalysisData.collect(f.db.jdbi(), p5, null, null, AnalysisData.Population.PROTOCOL).rows()) {
            if (r.histology() == null || !r.centre().equals("C02")) continue;     // C01's patients stay unread for the patient-page test
            store.record(new org.livercast.study.models.Diagnoses.Stored("cd".repeat(32), r.centre(), r.patientId(), r.histology().equals("benign") ? 0.3 : 0.8,
                    r.histology().equals("icc") ? 0.6 : 0.1, "ef".repeat(32), "{}"));
        }
        AnalysisData d = AnalysisData.collect(f.db.jdbi(), p5, null, null, AnalysisData.Population.PROTOCOL);
        long read = d.rows().stream().filter(r -> r.histology() != null && r.diagnosis() != null).count();
        assertThat(read).isPositive();
        String page = f.signedIn("stats").send(get("/study/P5"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("id=\"diagnostic-accuracy\"").contains(read + " of them a stored reading of the diagnosis model")
                .contains("Predicted against histological diagnosis").contains("Three-way accuracy")
                // P5's survival endpoint is PFS (recurrence or death), not the other protocols' RFS.
                .contains("Progression-free survival by cohort");
        // The statistician's view names no patient.
        d.rows().forEach(r -> assertThat(page).doesNotContain(r.patientId()));
        // P5's cohorts overlap (its prognostic cohort is part of the diagnostic one): curves per cohort, no log-rank between them.
        boolean overlap = d.rows().stream().anyMatch(r -> r.cohorts().size() > 1);
        String km = page.substring(page.indexOf("Progression-free survival by cohort"), page.indexOf("</section>", page.indexOf("Progression-free survival by cohort")));
        if (overlap) assertThat(km).contains("id=\"cohorts-overlap\"").doesNotContain("Log-rank p");
        else assertThat(km).doesNotContain("cohorts-overlap");
        // A study without a diagnostic endpoint has no such card.
        assertThat(f.signedIn("stats").send(get("/study/P1"), HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("diagnostic-accuracy")
                .contains("Recurrence-free survival by cohort");
    }

    @Test
    void theStudyPageCountsSafetyAndSurvivalOnTheStudysPopulationNotEveryoneScreened() throws Exception {
        // The same population as the analysis (enrolled once any are, else eligible), so the dashboard and the report agree.
        for (String protocol : new String[] {"P1", "P2"}) {
            String page = f.signedIn("stats").send(get("/study/" + protocol), HttpResponse.BodyHandlers.ofString()).body();
            AnalysisData expected = AnalysisData.collect(f.db.jdbi(), Protocols.bundled().get(protocol), null, null, AnalysisData.Population.PROTOCOL);
            String kind = expected.enrolled() > 0 ? "enrolled patients with surgery" : "eligible patients with surgery (none enrolled yet)";
            assertThat(page).contains("Population: " + expected.rows().size() + " " + kind + ".");
            assertThat(expected.rows().size()).as(protocol + " analyses fewer than it screens").isLessThan(expected.screened());
            // The screening table counts the same screenings: its decisions add up to the patients screened.
            String table = page.substring(page.indexOf("id=\"screening\""), page.indexOf("</table>", page.indexOf("id=\"screening\"")));
            int counted = java.util.regex.Pattern.compile("</th><td>(\\d+)</td>").matcher(table).results().mapToInt(m -> Integer.parseInt(m.group(1))).sum();
            assertThat(counted).as(protocol + " decisions").isEqualTo(expected.screened()).isPositive();
            assertThat(page).contains(", " + expected.screened() + " patients screened.");
        }
        // P2's RFS counts deaths, as P5's PFS does, but its protocol calls it recurrence-free survival.
        String p2 = f.signedIn("stats").send(get("/study/P2"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(p2).contains("Recurrence-free survival by cohort").doesNotContain("Progression-free").doesNotContain("PFS");
    }

    /**
     * A statistician opening a study page or downloading the analysis data set looks; the study screens no one. Until
     * 2026-12-03 both went through AnalysisData, which stored a screening result for every patient it read.
     */
    @Test
    void lookingAtAStudyIsNotAScreeningEvent() throws Exception {
        HttpClient stats = f.signedIn("stats");
        String count = "select count(*) || ' ' || coalesce(max(screened_at)::text, '') from screening_result where protocol_id = :p";
        for (String protocol : new String[] {"P3", "P5"}) {
            String before = f.db.jdbi().withHandle(h -> h.createQuery(count).bind("p", protocol).mapTo(String.class).one());
            assertThat(stats.send(get("/study/" + protocol), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(stats.send(get("/study/" + protocol + "/analysis.csv?population=all"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            String after = f.db.jdbi().withHandle(h -> h.createQuery(count).bind("p", protocol).mapTo(String.class).one());
            assertThat(after).as(protocol).isEqualTo(before);
        }
    }

    @Test
    void theStatisticianDownloadsTheAnalysisDataSetWithoutPseudonyms() throws Exception {
        HttpClient stats = f.signedIn("stats");
        assertThat(stats.send(get("/study/P1"), HttpResponse.BodyHandlers.ofString()).body()).contains("id=\"analysis-csv\"");
        HttpResponse<String> r = stats.send(get("/study/P1/analysis.csv?population=all&cutoffDays=730"), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(r.body()).doesNotContain("C01-").doesNotContain("C02-");
        var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(r.body()));
        List<CSVRecord> rows = parser.getRecords();
        AnalysisData expected = AnalysisData.collect(f.db.jdbi(), Protocols.bundled().get("P1"), 730, null, AnalysisData.Population.ALL);
        assertThat(rows).hasSize(expected.rows().size()).isNotEmpty();
        assertThat(parser.getHeaderNames()).isEqualTo(AnalysisExport.COLUMNS);
        var first = expected.rows().get(0);
        CSVRecord same = rows.stream().filter(x -> x.get("subject").equals(AnalysisExport.subject("P1", first.centre(), first.patientId()))).findFirst().orElseThrow();
        assertThat(Long.parseLong(same.get("rfs_days"))).isEqualTo(first.rfs().days()).isLessThanOrEqualTo(730);
        assertThat(same.get("centre")).isEqualTo(first.centre());
        assertThat(rows).allSatisfy(x -> assertThat(Long.parseLong(x.get("os_days"))).isLessThanOrEqualTo(730));
        assertThat(new AuditLog(f.db.jdbi()).recent(20)).anyMatch(e -> e.actor().equals("stats") && e.action().equals("analysis.export"));

        assertThat(f.signedIn("inv01").send(get("/study/P1/analysis.csv"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(HttpClient.newHttpClient().send(get("/study/P1/analysis.csv"), HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(302, 401);
        assertThat(stats.send(get("/study/P1/analysis.csv?cutoffDays=soon"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        // The API description stays valid JSON and names the export.
        var api = new ObjectMapper().readTree(HttpClient.newHttpClient().send(get("/openapi.json"), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(api.path("paths").has("/study/{protocol}/analysis.csv")).isTrue();
    }

    private HttpRequest get(String path) { return HttpRequest.newBuilder(URI.create(f.url(path))).GET().build(); }
}
