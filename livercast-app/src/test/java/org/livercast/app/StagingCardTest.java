package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The patient page's staging card, on the web fixture's store over real HTTP. */
class StagingCardTest {
    final WebFixture f = WebFixture.get();

    private HttpRequest get(String path) { return HttpRequest.newBuilder(URI.create(f.url(path))).GET().build(); }

    /**
     * The staging card: every item the protocols compute (BCLC, CNLC, Child-Pugh, ALBI, Milan…), as a clinician writes
     * it — a stage as named, a score whole, ALBI to two decimals with a true minus, yes/no — or what the record still
     * needs; the same values eligibility screens with.
     */
    @Test
    void theStagingCardShowsEachStageAndScoreOrWhatItNeeds() throws Exception {
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C01' order by patient_id limit 1").mapTo(String.class).one());
        String page = f.signedIn("inv01").send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        String card = page.substring(page.indexOf("<section class=\"card\" id=\"staging\""), page.indexOf("</section>", page.indexOf("id=\"staging\"")));
        var record = new org.livercast.study.store.PatientStore(f.db.jdbi()).find("C01", p).orElseThrow();
        var items = org.livercast.core.protocol.facts.Staging.of(record, record.lastKnownDate().orElseThrow());
        assertThat(items).hasSize(11);
        int known = 0;
        for (var i : items) {
            String expected;
            if (i.value() instanceof org.livercast.core.protocol.rule.Fact.Known k) {
                known++;
                Object v = k.value();
                expected = v instanceof Boolean b ? (b ? "yes" : "no")
                        : i.fact().equals("albi_score") ? String.format(java.util.Locale.ROOT, "%.2f", (Double) v).replace('-', '\u2212')
                        : v instanceof Double d ? String.valueOf(Math.round(d)) : v.toString();
                expected = "<td>" + expected + "</td>";
            } else {
                expected = "<td class=\"muted\">needs " + String.join(", ", ((org.livercast.core.protocol.rule.Fact.Missing) i.value()).fields()) + "</td>";
            }
            assertThat(card).contains("<tr><th scope=\"row\">" + i.label() + "</th>" + expected + "</tr>");
        }
        assertThat(known).as("a synthetic patient has labs, ECOG and burden").isGreaterThanOrEqualTo(8);
        assertThat(card).doesNotContain("Child-Pugh score</th><td>5.0").doesNotContain("<td>-");
    }
}
