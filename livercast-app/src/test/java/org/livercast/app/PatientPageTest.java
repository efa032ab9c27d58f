package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.analysis.AnalysisData;

/** What the patient pages add over the basics: the MRI saliency overlay, the treatment given, P4's recommendation and enrolment. */
class PatientPageTest {
    final WebFixture f = WebFixture.get();

    @Test
    void theMriSaliencyOverlayTintsTheBlocksAroundTheTumour() throws Exception {
        String p = f.patientWithAttention("C01");
        HttpClient own = f.signedIn("inv01");
        String page = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("id=\"saliency-toggle\">").contains("red where the region raised the predicted risk");
        BufferedImage plain = png(own, "/api/mri/C01/" + p + "/arterial/50.png");
        BufferedImage tinted = png(own, "/api/mri/C01/" + p + "/arterial/50.png?saliency=1");
        assertThat(tinted.getWidth()).isEqualTo(plain.getWidth());
        int coloured = 0;
        int changed = 0;
        for (int y = 0; y < plain.getHeight(); y++) {
            for (int x = 0; x < plain.getWidth(); x++) {
                int a = plain.getRGB(x, y) & 0xFFFFFF;
                int b = tinted.getRGB(x, y) & 0xFFFFFF;
                assertThat((a >> 16 & 0xFF) == (a & 0xFF) && (a >> 8 & 0xFF) == (a & 0xFF)).as("the plain slice is grey").isTrue();
                if (a != b) changed++;
                if ((b >> 16 & 0xFF) != (b & 0xFF)) coloured++;
            }
        }
        // Only the 80 mm cube around the tumour is tinted: some of the slice, never all of it.
        assertThat(coloured).isPositive().isEqualTo(changed).isLessThan(plain.getWidth() * plain.getHeight() / 2);
        assertThat(f.signedIn("inv02").send(get("/api/mri/C01/" + p + "/arterial/50.png?saliency=1"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    /** A Taiwan centre's pathology report, stored in traditional characters: its findings marked, drawn as zh-Hant. */
    @Test
    void aReportInTraditionalCharactersHasItsFindingsMarkedAndIsDeclaredTraditional() throws Exception {
        String p = f.patientWithAttention("C01");
        String where = " where kind = 'pathology' and patient_pk = (select pk from patient where centre_id = 'C01' and patient_id = :p)";
        String body = f.db.jdbi().withHandle(h -> h.createQuery("select body from report" + where).bind("p", p).mapTo(String.class).one());
        assertThat(body).contains("卫星结节");
        String traditional = com.ibm.icu.text.Transliterator.getInstance("Simplified-Traditional").transliterate(body);
        try {
            f.db.jdbi().useHandle(h -> h.createUpdate("update report set body = :b" + where).bind("b", traditional).bind("p", p).execute());
            String page = f.signedIn("inv01").send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("<div class=\"report\" lang=\"zh-Hant\">").contains("<mark>衛星結節").contains("<mark>切緣")
                    .doesNotContain("卫星结节");
        } finally {
            f.db.jdbi().useHandle(h -> h.createUpdate("update report set body = :b" + where).bind("b", body).bind("p", p).execute());
        }
        String page = f.signedIn("inv01").send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<mark>卫星结节").doesNotContain("zh-Hant");
    }

    /** A report ingest read from a scan by OCR says so above its text, with the engine and its confidence. */
    @Test
    void aReportReadFromAScanByOcrIsMarkedAsSuch() throws Exception {
        String p = f.patientWithAttention("C01");
        String where = " where kind = 'pathology' and patient_pk = (select pk from patient where centre_id = 'C01' and patient_id = :p)";
        String readBy = "by OCR (Tesseract 5.3.0, chi_sim; 1 page, mean confidence 88%)";
        String before = f.signedIn("inv01").send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(before).as("a report that came as text carries no such note").doesNotContain("class=\"ocr\"");
        try {
            f.db.jdbi().useHandle(h -> h.createUpdate("update report set transcribed_by = :t" + where).bind("t", readBy).bind("p", p).execute());
            String page = f.signedIn("inv01").send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
            String reports = page.substring(page.indexOf("id=\"reports-h\""));
            assertThat(reports).contains("<p class=\"ocr\" role=\"note\">Read from a scan " + readBy + ": check grades and numbers against the original.</p>");
            // Above the pathology report's text, once: the radiology report came as text.
            assertThat(reports.indexOf("class=\"ocr\"")).isLessThan(reports.indexOf("<mark>卫星结节"));
            assertThat(reports.split("class=\"ocr\"", -1)).hasSize(2);
        } finally {
            f.db.jdbi().useHandle(h -> h.createUpdate("update report set transcribed_by = null" + where).bind("p", p).execute());
        }
    }

    @Test
    void whatDroveTheRiskListsTheLargestContributionsFirstWhateverOrderTheStoreKeeps() throws Exception {
        String p = f.patientWithAttention("C01");
        String page = f.signedIn("inv01").send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        String body = f.db.jdbi().withHandle(h -> h.createQuery("select body::text from prediction where centre_id = 'C01' and patient_id = :p"
                + " and kind = 'post' order by predicted_at desc, prediction_id desc limit 1").bind("p", p).mapTo(String.class).one());
        var stored = new ObjectMapper().readTree(body).path("contributions");
        List<String> expected = new java.util.ArrayList<>();
        stored.fieldNames().forEachRemaining(expected::add);
        expected.sort(java.util.Comparator.comparingDouble((String k) -> -Math.abs(stored.get(k).asDouble())).thenComparing(k -> k));
        assertThat(expected.size()).as("contributions stored").isGreaterThan(8);
        // The card says what the model read, as clinicians name it (the store says "clinical", "mri", "slide").
        List<String> read = new java.util.ArrayList<>();
        new ObjectMapper().readTree(body).path("modalitiesUsed").forEach(m -> read.add(switch (m.asText()) {
            case "clinical" -> "clinical data";
            case "radiology" -> "radiology report";
            case "pathology" -> "pathology report";
            case "mri" -> "MRI scan";
            case "slide" -> "H&amp;E slide";
            default -> m.asText();
        }));
        assertThat(read).contains("H&amp;E slide");
        assertThat(page).contains("<span id=\"post-inputs\">Read: " + String.join(", ", read) + ".</span>");
        // The POST card's table, as shown.
        String card = page.substring(page.indexOf("id=\"risk-POST\""));
        card = card.substring(card.indexOf("What drove it"), card.indexOf("</details>"));
        var row = java.util.regex.Pattern.compile("<tr data-feature=\"([^\"]+)\"><td>([^<]+)</td><td>([^<]+)</td></tr>").matcher(card);
        List<String> shown = new java.util.ArrayList<>();
        while (row.find()) {
            shown.add(row.group(1));
            // Named as clinicians name it, signed as the summary says (+ raised the risk, − lowered it).
            // The page's text is HTML: "AFP &gt; 400 ng/mL" is the label "AFP > 400 ng/mL", escaped.
            String label = row.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
            assertThat(label).isEqualTo(org.livercast.learn.features.FeatureLabels.of(row.group(1))).doesNotContain("_");
            double v = stored.get(row.group(1)).asDouble();
            assertThat(row.group(3)).isEqualTo(String.format(java.util.Locale.ROOT, "%+.2f", v).replace('-', '−'));
        }
        assertThat(shown).isEqualTo(expected.subList(0, 8));
        // The store itself keeps an object's keys shortest first (JSONB), which the page used to show as the ranking.
        List<String> storedOrder = new java.util.ArrayList<>();
        stored.fieldNames().forEachRemaining(storedOrder::add);
        assertThat(storedOrder.subList(0, 8)).isNotEqualTo(shown);
    }

    @Test
    void theDiagnosisModelsLatestReadingIsShownBesideTheHistology() throws Exception {
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C01' order by patient_id limit 1 offset 2").mapTo(String.class).one());
        HttpClient own = f.signedIn("inv01");
        assertThat(own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("id=\"diagnosis\"");
        String model = "ab".repeat(32);
        var store = new org.livercast.study.models.Diagnoses(f.db.jdbi());
        var d = new org.livercast.study.models.Diagnoses.Stored(model, "C01", p, 0.9, 0.2, "cd".repeat(32), "{\"probabilityMalignant\": 0.9}");
        assertThat(store.record(d)).isTrue();
        assertThat(store.record(d)).as("the same model on the same inputs adds nothing").isFalse();
        String page = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        // P(HCC) = 0.9 × 0.8, P(ICC) = 0.9 × 0.2, P(benign) = 0.1.
        assertThat(page).contains("id=\"diagnosis\"").contains("<strong>HCC 72%</strong> · intrahepatic cholangiocarcinoma 18% · benign 10%")
                .contains("model " + model.substring(0, 12));
        var record = new org.livercast.study.store.PatientStore(f.db.jdbi()).find("C01", p).orElseThrow();
        if (record.pathology() != null && record.pathology().diagnosis() != null) {
            assertThat(page).contains("Histology: " + record.pathology().diagnosis().name());
        }
    }

    @Test
    void theRecommendedStrategyIsShownWithTacesEffectInThePatientsSubgroup() throws Exception {
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C01' order by patient_id limit 1 offset 1").mapTo(String.class).one());
        HttpClient own = f.signedIn("inv01");
        assertThat(own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body())
                .contains("Per-strategy curves appear once the adjuvant-therapy model (P4) has scored this patient").doesNotContain("id=\"tace-subgroup\"")
                // The POST prediction's RFS and OS curves until then.
                .contains(">POST RFS</text>").contains(">POST OS</text>");
        storeRecommendation("C01", p, org.livercast.core.model.AdjuvantStrategy.TACE_SYSTEMIC);
        String page = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Recommended strategy: <strong>TACE + systemic</strong>").contains("80% of the ensemble&#39;s members agree")
                .contains("predicted 3-year RFS gain over surgery alone +9.0 percentage points (± 2.0 between members)")
                .contains("<p id=\"tace-subgroup\">TACE&#39;s effect for this patient&#39;s subgroup (MVI, largest tumour under 5 cm): RFS hazard ratio 0.74 against surgery alone.</p>");
        // The strategies' RFS curves, the recommended one starred; the patient's own OS (POST's) dashed beside them.
        assertThat(page).contains(">surgery alone</text>").contains(">TACE</text>").contains(">TACE + systemic ★</text>").contains(">systemic</text>")
                .contains("stroke-dasharray=\"6 4\"").contains(">OS (POST)</text>").doesNotContain(">POST RFS</text>");
        // The numbers behind the curves: each strategy's RFS at 1, 3 (± SD between members) and 5 years, and its 3-year
        // difference from surgery alone (the stored estimates: 3-year RFS 0.52, 0.55, 0.61, 0.58; SD 0.02).
        String table = page.substring(page.indexOf("<table id=\"strategy-table\""), page.indexOf("</table>", page.indexOf("<table id=\"strategy-table\"")));
        assertThat(table).contains("<tr><th scope=\"row\">surgery alone</th><td>90%</td><td>52% ± 2.0</td><td>42%</td><td>reference</td></tr>")
                .contains("<tr><th scope=\"row\">TACE</th><td>90%</td><td>55% ± 2.0</td><td>45%</td><td>+3.0 pts</td></tr>")
                .contains("<tr class=\"recommended\"><th scope=\"row\"><strong>TACE + systemic ★</strong></th><td>90%</td><td>61% ± 2.0</td><td>51%</td><td>+9.0 pts</td></tr>")
                .contains("<tr><th scope=\"row\">systemic</th><td>90%</td><td>58% ± 2.0</td><td>48%</td><td>+6.0 pts</td></tr>");
        assertThat(page).contains("takes a heavier one only for more than 1 percentage point of 3-year RFS");
        // And the patient list says what is recommended, with its gain, and nothing for a patient not yet scored.
        String list = own.send(get("/patients"), HttpResponse.BodyHandlers.ofString()).body();
        String row = list.substring(list.indexOf(">" + p + "</a>"));
        assertThat(row.substring(0, row.indexOf("</tr>"))).endsWith("<td>TACE + systemic <span class=\"muted\">(+9.0 pts RFS at 3 years)</span></td>");
        assertThat(list).contains("<a href=\"/patients?sort=gain\">Recommended strategy</a></th>").contains("<td><span class=\"muted\">none</span></td></tr>");
        // The API's list says the same, for a program.
        var api = new ObjectMapper().readTree(own.send(get("/api/patients"), HttpResponse.BodyHandlers.ofString()).body());
        var item = java.util.stream.StreamSupport.stream(api.spliterator(), false).filter(n -> n.path("patientId").asText().equals(p)).findFirst().orElseThrow();
        assertThat(item.path("recommended").path("strategy").asText()).isEqualTo("tace_systemic");
        assertThat(item.path("recommended").path("gainRfs3y").asDouble()).isEqualTo(0.09);
        String lastPost = f.db.jdbi().withHandle(h -> h.createQuery("select probability_aggressive_2y::text from prediction where centre_id = 'C01' and patient_id = :p"
                + " and kind = 'post' order by predicted_at desc, prediction_id desc limit 1").bind("p", p).mapTo(String.class).one());
        assertThat(item.path("post").path("probabilityAggressive2y").asDouble()).isEqualTo(Double.parseDouble(lastPost));
        assertThat(java.util.stream.StreamSupport.stream(api.spliterator(), false).filter(n -> n.path("recommended").isNull())).isNotEmpty();
    }

    @Test
    void aLaterPredictionSupersedesTheEarlierOnesCurvesAndOnlyItsBodyIsNeeded() throws Exception {
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from prediction where centre_id = 'C01' and kind = 'post' "
                + "order by patient_id limit 1 offset 3").mapTo(String.class).one());
        HttpClient own = f.signedIn("inv01");
        // A later POST prediction of the same patient (a model trained again, say) whose OS is 50% every year.
        long later = f.db.jdbi().withHandle(h -> h.createQuery("""
                insert into prediction (model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score, input_sha256, body, predicted_at)
                select model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score, repeat('9', 64),
                       jsonb_set(body, '{osSurvivalByYear}', '[0.5, 0.5, 0.5, 0.5, 0.5]'), predicted_at + interval '1 day'
                from prediction where centre_id = 'C01' and patient_id = :p and kind = 'post' order by predicted_at desc limit 1
                returning prediction_id""").bind("p", p).mapTo(Long.class).one());
        try {
            String page = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
            String chart = page.substring(page.indexOf("id=\"rfs\""), page.indexOf("</svg>", page.indexOf("id=\"rfs\"")));
            // One curve per kind — the latest prediction's (was: every stored prediction's, or the first one's).
            assertThat(chart.split(">POST OS</text>", -1)).hasSize(2);
            assertThat(chart.split(">POST RFS</text>", -1)).hasSize(2);
            assertThat(chart).contains("points=\"44,12 87.20,104 130.40,104 173.60,104 216.80,104 260,104\"");
            // The new prediction is offered for locking like any other.
            assertThat(page).contains("<option value=\"" + later + "\" data-moment=\"post\">#" + later + " POST");
        } finally {
            f.db.jdbi().useHandle(h -> h.createUpdate("delete from prediction where prediction_id = :id").bind("id", later).execute());
        }
    }

    @Test
    void theListSortsByRiskHighestFirstWithPatientsNotYetScoredLast() throws Exception {
        HttpClient own = f.signedIn("inv01");
        // What the store says: each C01 patient's latest POST probability, or none.
        Map<String, Double> post = new java.util.HashMap<>();
        f.db.jdbi().useHandle(h -> h.createQuery("""
                select distinct on (patient_id) patient_id, probability_aggressive_2y from prediction where centre_id = 'C01' and kind = 'post'
                order by patient_id, predicted_at desc, prediction_id desc""").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getDouble(2)))
                .forEach(e -> post.put(e.getKey(), e.getValue())));
        List<String> patients = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C01'").mapTo(String.class).list());
        List<String> expected = patients.stream().sorted(java.util.Comparator.comparing((String p) -> post.containsKey(p) ? -post.get(p) : Double.POSITIVE_INFINITY)
                .thenComparing(p -> p)).toList();
        assertThat(post).isNotEmpty();
        String page = own.send(get("/patients?sort=post"), HttpResponse.BodyHandlers.ofString()).body();
        List<String> shown = java.util.regex.Pattern.compile("<tr><td><a href=\"/patients/C01/([^\"]+)\">").matcher(page).results().map(m -> m.group(1)).toList();
        assertThat(shown).isEqualTo(expected);
        assertThat(page).contains("<th scope=\"col\" aria-sort=\"descending\"><a href=\"/patients?sort=post\">POST</a></th>").contains("highest POST risk first");
        // The default stays the pseudonyms' order; an order the list does not know is refused, naming the choices.
        String plain = own.send(get("/patients"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(java.util.regex.Pattern.compile("<tr><td><a href=\"/patients/C01/([^\"]+)\">").matcher(plain).results().map(m -> m.group(1)).toList())
                .isEqualTo(patients.stream().sorted().toList());
        // By predicted gain: the recommended patients, larger gain first, then everyone not yet scored by the therapy model.
        List<String> sortedIds = patients.stream().sorted().toList();
        storeRecommendation("C01", sortedIds.get(6), org.livercast.core.model.AdjuvantStrategy.TACE, 0.03);
        storeRecommendation("C01", sortedIds.get(5), org.livercast.core.model.AdjuvantStrategy.TACE_SYSTEMIC, 0.12);
        Map<String, Double> gain = new java.util.HashMap<>();
        f.db.jdbi().useHandle(h -> h.createQuery("""
                select distinct on (patient_id) patient_id, gain_rfs3y from recommendation where centre_id = 'C01'
                order by patient_id, recommended_at desc, recommendation_id desc""").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getDouble(2)))
                .forEach(e -> gain.put(e.getKey(), e.getValue())));
        assertThat(gain).hasSizeLessThan(patients.size());
        String byGain = own.send(get("/patients?sort=gain"), HttpResponse.BodyHandlers.ofString()).body();
        List<String> gainOrder = java.util.regex.Pattern.compile("<tr><td><a href=\"/patients/C01/([^\"]+)\">").matcher(byGain).results().map(m -> m.group(1)).toList();
        assertThat(gainOrder).isEqualTo(patients.stream().sorted(java.util.Comparator.comparing((String p) -> gain.containsKey(p) ? -gain.get(p) : Double.POSITIVE_INFINITY)
                .thenComparing(p -> p)).toList());
        assertThat(gainOrder.get(0)).isEqualTo(sortedIds.get(5));
        assertThat(gainOrder.indexOf(sortedIds.get(6))).isLessThan(gain.size()).isGreaterThan(0);
        assertThat(byGain).contains("(+12.0 pts RFS at 3 years)").contains("largest predicted gain first");
        HttpResponse<String> bad = own.send(get("/patients?sort=age"), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("sort=age: expected patient, pre, post or gain");
    }

    @Test
    void theTimelineSaysWhetherEachRecurrenceIsBeyondMilanAndWhetherTheFirstIsTheAggressiveOne() throws Exception {
        Map<String, HttpClient> clients = Map.of("C01", f.signedIn("inv01"), "C02", f.signedIn("inv02"));
        var store = new org.livercast.study.store.PatientStore(f.db.jdbi());
        int recurred = 0;
        int aggressiveOnes = 0;
        for (var key : store.keys()) {
            String p = key.patientId();
            var record = store.find(key.centreId(), p).orElseThrow();
            var recurrences = record.events().stream().filter(e -> e instanceof org.livercast.core.model.Recurrence)
                    .map(e -> (org.livercast.core.model.Recurrence) e).toList();
            if (recurrences.isEmpty() || record.surgeryDate().isEmpty()) continue;
            recurred++;
            String page = clients.get(key.centreId()).send(get("/patients/" + key.centreId() + "/" + p), HttpResponse.BodyHandlers.ofString()).body();
            String timeline = page.substring(page.indexOf("id=\"timeline\""), page.indexOf("</ul>", page.indexOf("id=\"timeline\"")));
            // The page says "aggressive" exactly when the endpoint the models predict is met.
            var aggressive = org.livercast.core.endpoint.Endpoints.of(record, java.time.LocalDate.of(2100, 1, 1)).aggressiveRecurrence().value();
            assertThat(timeline.contains("an aggressive recurrence (the PRE and POST endpoint)")).as(p)
                    .isEqualTo(aggressive == org.livercast.core.endpoint.BinaryOutcome.Value.YES);
            if (aggressive == org.livercast.core.endpoint.BinaryOutcome.Value.YES) aggressiveOnes++;
            for (var rec : recurrences) {
                boolean beyond = org.livercast.core.staging.TransplantCriteria.beyondMilan(rec.burden());
                assertThat(timeline).as(p).contains((beyond ? "beyond" : "within") + " the Milan criteria");
                if (rec.burden().count() > 1) assertThat(timeline).contains(rec.burden().count() + " intrahepatic nodules, largest ");
            }
        }
        assertThat(recurred).as("patients with a recurrence").isGreaterThan(aggressiveOnes);
        assertThat(aggressiveOnes).as("patients with an aggressive recurrence").isPositive();
    }

    @Test
    void eligibilityColoursEachCriterionByWhatItDoesAndNamesWhatExcludes() throws Exception {
        HttpClient own = f.signedIn("inv01");
        int excludedSeen = 0;
        int exclusionsPassed = 0;
        for (String p : f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C01'").mapTo(String.class).list())) {
            String page = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
            var protocol = java.util.regex.Pattern.compile("<details id=\"eligibility-(P\\d)\"><summary><strong>P\\d</strong> ([^<(·]+?)(?: \\(([^)]+)\\))?(?: · [^<]*)?</summary><table><tbody>(.*?)</tbody>")
                    .matcher(page);
            int protocols = 0;
            while (protocol.find()) {
                protocols++;
                String decision = protocol.group(2).strip();
                List<String> named = protocol.group(3) == null ? List.of() : List.of(protocol.group(3).split(", "));
                var row = java.util.regex.Pattern.compile("<tr><td>(P\\d-([IE])\\d+)</td><td>[^<]*</td><td class=\"([a-z_]+)\">([^<(]+)").matcher(protocol.group(4));
                List<String> excluding = new java.util.ArrayList<>();
                while (row.find()) {
                    boolean exclusion = row.group(2).equals("E");
                    String cls = row.group(3);
                    String text = row.group(4).strip();
                    // An exclusion criterion applies or does not; only an inclusion criterion is met.
                    if (exclusion) assertThat(text).as(row.group(1)).isIn("applies: excluded", "does not apply", "unknown", "needs a person to decide");
                    else assertThat(text).as(row.group(1)).isIn("met", "not met", "unknown", "needs a person to decide");
                    // Red is what keeps the patient out, green what lets them in.
                    if (text.equals("applies: excluded") || text.equals("not met")) assertThat(cls).isEqualTo("excludes");
                    if (text.equals("does not apply") || text.equals("met")) assertThat(cls).isEqualTo("passes");
                    if (cls.equals("excludes")) excluding.add(row.group(1));
                    if (exclusion && text.equals("applies: excluded")) excludedSeen++;
                    if (exclusion && text.equals("does not apply")) exclusionsPassed++;
                }
                // The summary names the criteria that exclude, and an eligible patient has none.
                assertThat(named).as(p + " " + protocol.group(1)).isEqualTo(excluding);
                if (decision.equals("eligible")) assertThat(excluding).isEmpty();
                if (decision.equals("not eligible")) assertThat(excluding).isNotEmpty();
            }
            assertThat(protocols).as(p).isEqualTo(Protocols.bundled().all().size());
        }
        assertThat(excludedSeen).as("exclusions that applied").isPositive();
        assertThat(exclusionsPassed).as("exclusions that did not").isPositive();
    }

    /** A recommendation as `livercast predict` stores it: the therapy model's own record, serialised. */
    private void storeRecommendation(String centre, String patient, org.livercast.core.model.AdjuvantStrategy recommended) throws Exception {
        storeRecommendation(centre, patient, recommended, 0.09);
    }

    private void storeRecommendation(String centre, String patient, org.livercast.core.model.AdjuvantStrategy recommended, double gain) throws Exception {
        List<org.livercast.learn.model.TherapyModel.StrategyEstimate> estimates = new java.util.ArrayList<>();
        double[] rfs3y = {0.52, 0.55, 0.61, 0.58};
        for (org.livercast.core.model.AdjuvantStrategy s : org.livercast.core.model.AdjuvantStrategy.values()) {
            double r = rfs3y[s.ordinal()];
            estimates.add(new org.livercast.learn.model.TherapyModel.StrategyEstimate(s, r, 0.02, List.of(0.9, 0.7, r, r - 0.05, r - 0.1)));
        }
        var rec = new org.livercast.learn.model.TherapyModel.Recommendation(patient, estimates, recommended, 0.8,
                gain, 0.02, org.livercast.learn.features.TaceEffectModifiers.LABELS.get(1), 0.74, "cd".repeat(32));
        new org.livercast.study.models.Recommendations(f.db.jdbi()).record(new org.livercast.study.models.Recommendations.Stored(
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {1})), centre, patient,
                rec.recommended().id(), rec.agreement(), rec.gainOverSurgeryAlone(), rec.gainSd(), new ObjectMapper().writeValueAsString(rec), rec.inputSha256()));
    }

    @Test
    void theP4StudyPageComparesPredictionConsistentWithInconsistentPatients() throws Exception {
        var p4 = Protocols.bundled().get("P4");
        // C02's analysed patients get a recommendation: every other one the strategy they received, the rest another one
        // (C01's stay unscored for the patient-page test).
        int i = 0;
        for (AnalysisData.Row r : AnalysisData.collect(f.db.jdbi(), p4, null, null, AnalysisData.Population.PROTOCOL).rows()) {
            if (!r.centre().equals("C02") || r.actualStrategy() == null || r.recommended() != null) continue;
            var given = org.livercast.core.model.AdjuvantStrategy.valueOf(r.actualStrategy().toUpperCase(java.util.Locale.ROOT));
            var other = org.livercast.core.model.AdjuvantStrategy.values()[(given.ordinal() + 1) % 4];
            storeRecommendation(r.centre(), r.patientId(), i++ % 2 == 0 ? given : other);
        }
        AnalysisData d = AnalysisData.collect(f.db.jdbi(), p4, null, null, AnalysisData.Population.PROTOCOL);
        var known = d.rows().stream().filter(r -> r.recommended() != null && r.actualStrategy() != null).toList();
        long consistent = known.stream().filter(r -> r.recommended().equals(r.actualStrategy())).count();
        assertThat(known).hasSizeGreaterThanOrEqualTo(4);
        assertThat(consistent).isPositive().isLessThan(known.size());
        String page = f.signedIn("stats").send(get("/study/P4"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<p id=\"consistency-count\">" + consistent + " of " + known.size() + " patients received the strategy the therapy model recommended");
        String card = page.substring(page.indexOf("id=\"consistency\""), page.indexOf("</section>", page.indexOf("id=\"consistency\"")));
        assertThat(card).contains("<td>consistent</td><td>" + consistent + "</td>").contains("<td>inconsistent</td><td>" + (known.size() - consistent) + "</td>")
                // Two separate groups: compared, and under the protocol's own name for its endpoint (RFS, deaths counted).
                .contains("Log-rank p").contains("RFS (recurrence or death)");
        // The survival curves by cohort name each strategy as clinicians do, in full beside its numbers at risk; a cohort
        // of one patient is not drawn, and the page says so.
        String km = page.substring(page.indexOf("id=\"km\""), page.indexOf("</section>", page.indexOf("id=\"km\"")));
        Map<String, Long> perCohort = d.rows().stream().flatMap(r -> r.cohorts().stream())
                .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        assertThat(perCohort).containsKey("surgery_alone");
        perCohort.forEach((cohort, n) -> {
            String label = org.livercast.core.model.AdjuvantStrategy.fromId(cohort).label();
            if (n >= 2) assertThat(km).contains(">" + label + " (n=" + n + ")</text>").contains(">" + label + "</text>");
            else assertThat(km).contains("id=\"cohorts-too-small\"").contains(label + " (n=1)").doesNotContain(">" + label + " (n=1)</text>");
        });
        if (perCohort.values().stream().allMatch(n -> n >= 2)) assertThat(km).doesNotContain("cohorts-too-small");
        assertThat(km).doesNotContain("_").doesNotContain("…");
        // Only a study whose cohorts are the adjuvant strategies compares by the recommendation: P1 and P5 hold the same
        // recommended patients and show no such card.
        for (String other : new String[] {"P1", "P2", "P3", "P5"}) {
            assertThat(AnalysisData.cohortsAreStrategies(Protocols.bundled().get(other))).as(other).isFalse();
            assertThat(f.signedIn("stats").send(get("/study/" + other), HttpResponse.BodyHandlers.ofString()).body()).as(other).doesNotContain("id=\"consistency\"");
        }
    }

    @Test
    void aModelRecalibratedForTheCentreSaysSoAndWhereItsCalibrationWasMeasured() throws Exception {
        // The last C02 patient with a POST prediction (the enrolment test takes the first).
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from prediction where centre_id = 'C02' and kind = 'post' "
                + "order by patient_id desc limit 1").mapTo(String.class).one());
        // The fixture's POST model updated for C02 — by hand: its 16 patients are too few for `livercast recalibrate`.
        java.nio.file.Path from = f.home.getParent().resolve("post").resolve("model");
        var card = org.livercast.learn.model.ModelStore.card(from);
        java.nio.file.Path to = org.livercast.core.io.Folders.deleteTreeOnExit(java.nio.file.Files.createTempDirectory("recalibrated")).resolve("model");
        java.util.Map<String, Object> metrics = new java.util.HashMap<>(card.metrics());
        metrics.put("calibration_population", "later patients of C02");
        metrics.put("calibration_slope", 0.97);
        metrics.put("auc", 0.71);
        var updated = org.livercast.learn.model.ModelStore.recalibrate(from, to, new org.livercast.learn.model.ModelStore.Recalibration(card.modelId(), "C02",
                "recalibration_in_the_large", -0.4, 1, 0.1, 0, 120, 18, "2018-01-03", "2019-06-30"), metrics);
        // Scored and stored as `livercast predict --stored` does it.
        var registry = new org.livercast.study.models.ModelRegistry(f.db.jdbi());
        registry.register(new org.livercast.study.models.RegisteredModel(updated.modelId(), "post", updated.codeVersion(), updated.trainingDataSha256(),
                java.nio.file.Files.readString(to.resolve("model.json")), java.nio.file.Files.readAllBytes(to.resolve("weights.params"))));
        var patient = org.livercast.app.journey.StoredCohort.cases(f.db, f.home.resolve("store"), f.home.resolve("views")).stream()
                .filter(c -> c.id().equals(p)).findFirst().orElseThrow();
        try (var model = new org.livercast.learn.model.PostModel(org.livercast.learn.model.ModelStore.load(to))) {
            var slides = org.livercast.learn.slide.SlideBags.forModel(model.trained().encoder(), null, f.home.resolve("tile-cache"));
            var prediction = model.predict(org.livercast.learn.inputs.PostOperativeInputs.of(patient, slides, model.trained().encoder().mri()));
            assertThat(registry.record(new org.livercast.study.models.ModelRegistry.StoredPrediction(prediction.modelId(), "C02", p, "post",
                    prediction.probabilityAggressive2y(), prediction.highRisk(), prediction.rfsRiskScore(), prediction.inputSha256(),
                    new ObjectMapper().writeValueAsString(prediction)))).isTrue();
        }
        String page = f.signedIn("inv02").send(get("/patients/C02/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Model " + updated.modelId().substring(0, 12) + " <span id=\"recalibrated\">(recalibrated for C02: recalibration in the "
                + "large on its first 120 patients, operated 2018-01-03 to 2019-06-30; from model " + card.modelId().substring(0, 12) + ")</span>")
                .contains("On its held-out centre: AUC 0.71; on the later patients of C02: calibration slope 0.97")
                .containsPattern("<span id=\"observed-similar\">Of \\d+ later patients of C02 predicted");
    }

    @Test
    void aPredictionMadeWithoutTheRadiologyReportSaysSoWithTheModelsNumbersWithoutIt() throws Exception {
        // A C01 patient whose radiology report did not arrive: scored by the fixture's POST model as `livercast predict
        // --stored` does, the page must not show the full model's held-out numbers as if they were this prediction's.
        // The second-to-last such patient: the adjuvant-treatment test takes the last, the access tests the first.
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select distinct patient_id from prediction where centre_id = 'C01' and kind = 'post' "
                + "order by patient_id desc limit 1 offset 1").mapTo(String.class).one());
        var stored = org.livercast.app.journey.StoredCohort.cases(f.db, f.home.resolve("store"), f.home.resolve("views")).stream()
                .filter(c -> c.id().equals(p)).findFirst().orElseThrow();
        var patient = new org.livercast.learn.data.PatientCase(stored.centre(), stored.record(), java.util.Optional.empty(), stored.pathologyReport(),
                stored.imagingDir(), stored.slide());
        java.nio.file.Path dir = f.home.getParent().resolve("post").resolve("model");
        var card = org.livercast.learn.model.ModelStore.card(dir);
        @SuppressWarnings("unchecked")
        var withoutReport = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) card.metrics().get("missing_modalities")).get("radiology");
        var registry = new org.livercast.study.models.ModelRegistry(f.db.jdbi());
        try (var model = new org.livercast.learn.model.PostModel(org.livercast.learn.model.ModelStore.load(dir))) {
            var slides = org.livercast.learn.slide.SlideBags.forModel(model.trained().encoder(), null, f.home.resolve("tile-cache"));
            var prediction = model.predict(org.livercast.learn.inputs.PostOperativeInputs.of(patient, slides, model.trained().encoder().mri()));
            assertThat(prediction.modalitiesUsed()).doesNotContain("radiology").contains("pathology");
            assertThat(registry.record(new org.livercast.study.models.ModelRegistry.StoredPrediction(prediction.modelId(), "C01", p, "post",
                    prediction.probabilityAggressive2y(), prediction.highRisk(), prediction.rfsRiskScore(), prediction.inputSha256(),
                    new ObjectMapper().writeValueAsString(prediction)))).isTrue();
        }
        String page = f.signedIn("inv01").send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        // The fixture's held-out centre is too small for an AUC without the report (NaN in the card): then the sentence
        // stops after the correction (the numbers' wording is PatientPageTextTest's).
        String said = "<span id=\"missing-inputs\">Without the radiology report: the probability is corrected for its absence.";
        assertThat(page).contains(withoutReport.get("auc") instanceof Double auc && Double.isFinite(auc)
                ? said + " On its held-out centre, with it missing for every patient: AUC " + String.format(java.util.Locale.ROOT, "%.2f", auc)
                : said + "</span>");
    }

    @Test
    void theAdjuvantTreatmentGivenIsRecordedOnThePageAndShownOnIt() throws Exception {
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C01' order by patient_id desc limit 1").mapTo(String.class).one());
        HttpClient own = f.signedIn("inv01");
        String page = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<option>adjuvant_treatment</option>").contains("name=\"adjuvant_strategy\"");
        String csrf = WebFixture.csrfToken(page);
        HttpResponse<String> refused = own.send(post("/api/patients/C01/" + p + "/events", csrf,
                "event_type=adjuvant_treatment&event_date=2000-02-01&adjuvant_strategy=tace_systemic"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("adjuvant_drugs is empty");
        HttpResponse<String> added = own.send(post("/api/patients/C01/" + p + "/events", csrf,
                "event_type=adjuvant_treatment&event_date=2000-02-01&adjuvant_strategy=tace_systemic&adjuvant_drugs=sorafenib"), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String after = own.send(get("/patients/C01/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(after).contains("adjuvant given: TACE + systemic").contains("Adjuvant treatment started: TACE + systemic (sorafenib) — recorded by inv01");
    }

    /**
     * P4's prospective phase records the therapy model's recommendation and never shows it, so that it cannot change care:
     * once a patient is enrolled in P4 the patient page, the list and the API leave out the strategy, its gain and the
     * per-strategy curves, and say why; the recommendation stays stored for the study's analysis.
     */
    @Test
    void aPatientEnrolledInP4HasTheRecommendationRecordedButNotShown() throws Exception {
        var store = new org.livercast.study.store.PatientStore(f.db.jdbi());
        var screening = new org.livercast.study.screening.ScreeningService(f.db.jdbi());
        var p4 = Protocols.bundled().get("P4");
        // A C02 patient P4 may enrol, from the last (the enrolment test takes the first).
        List<String> c02 = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C02' order by patient_id desc")
                .mapTo(String.class).list());
        String p = null;
        java.time.LocalDate asOf = null;
        for (String id : c02.subList(0, c02.size() - 1)) {
            var record = store.find("C02", id).orElseThrow();
            var when = record.lastKnownDate().orElseThrow();
            if (screening.evaluate(p4, store.key("C02", id).orElseThrow(), record, when).result().decision()
                    != org.livercast.core.protocol.ScreeningResult.Decision.NOT_ELIGIBLE) {
                p = id;
                asOf = when;
                break;
            }
        }
        assertThat(p).as("a C02 patient P4 may enrol").isNotNull();
        storeRecommendation("C02", p, org.livercast.core.model.AdjuvantStrategy.TACE);
        HttpClient inv = f.signedIn("inv02");
        String before = inv.send(get("/patients/C02/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(before).contains("Recommended strategy: <strong>TACE</strong>").doesNotContain("recommendation-concealed");
        String fhirSearch = "/fhir/RiskAssessment?patient=C02." + p;
        String fhirBefore = inv.send(get(fhirSearch), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(fhirBefore).contains("Recommended: surgery + TACE");
        String recommendationId = new ObjectMapper().readTree(fhirBefore).findValues("id").stream().map(n -> n.asText())
                .filter(id -> id.startsWith("recommendation-")).reduce((a, b) -> b).orElseThrow();
        // The therapy ensemble is not in the model registry; its recommendation's performer still resolves, to a Device
        // that says so, and the whole bundle is valid.
        String everything = inv.send(get("/fhir/Patient/C02." + p + "/$everything"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(org.livercast.fhir.FhirValidation.problems(everything)).isEmpty();
        var bundle = new ObjectMapper().readTree(everything);
        for (var ref : bundle.path("entry").findValues("reference")) {
            assertThat(bundle.path("entry").findValues("fullUrl").stream().map(n -> n.asText())).as(ref.asText()).contains(f.url("/fhir/" + ref.asText()));
        }
        assertThat(everything).contains("Not in this store's model registry");

        HttpResponse<String> enrolled = inv.send(post("/api/patients/C02/" + p + "/enrolments", WebFixture.csrfToken(before),
                "protocol=P4&consent_date=" + asOf), HttpResponse.BodyHandlers.ofString());
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);

        String page = inv.send(get("/patients/C02/" + p), HttpResponse.BodyHandlers.ofString()).body();
        String card = page.substring(page.indexOf("id=\"rfs\""), page.indexOf("</section>", page.indexOf("id=\"rfs\"")));
        assertThat(card).contains("<p id=\"recommendation-concealed\"><strong>Adjuvant-strategy recommendation: recorded, not shown.</strong> P4&#39;s prospective phase")
                .contains("(enrolled in P4)")
                // Neither the words nor the curves nor the table: each would show the strategy.
                .doesNotContain("Recommended strategy").doesNotContain("strategy-table").doesNotContain(">TACE</text>").doesNotContain("tace-subgroup")
                .doesNotContain("percentage points");
        // The patient's own predicted survival is still there: it does not say which strategy the model prefers.
        assertThat(card).contains(">POST RFS</text>");
        String list = inv.send(get("/patients"), HttpResponse.BodyHandlers.ofString()).body();
        String row = list.substring(list.indexOf(">" + p + "</a>"));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("recorded, not shown (P4)").doesNotContain("TACE").doesNotContain("pts RFS");
        var api = new ObjectMapper().readTree(inv.send(get("/api/patients"), HttpResponse.BodyHandlers.ofString()).body());
        String finalP = p;
        var item = java.util.stream.StreamSupport.stream(api.spliterator(), false).filter(n -> n.path("patientId").asText().equals(finalP)).findFirst().orElseThrow();
        assertThat(item.path("recommended").isNull()).isTrue();
        assertThat(item.path("recommendationConcealedBy").asText()).isEqualTo("P4");
        // The FHIR endpoint leaves it out of the patient's assessments and refuses it by id, saying why; so does the export.
        String fhirAfter = inv.send(get(fhirSearch), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(fhirAfter).contains("RiskAssessment").doesNotContain("recommendation-").doesNotContain("Recommended:");
        HttpResponse<String> byId = inv.send(get("/fhir/RiskAssessment/" + recommendationId), HttpResponse.BodyHandlers.ofString());
        assertThat(byId.statusCode()).isEqualTo(403);
        assertThat(byId.body()).contains("concealed from the care team by P4");
        java.nio.file.Path export = java.nio.file.Files.createTempDirectory("livercast-fhir-p4");
        var exported = org.livercast.fhir.BulkExport.write(f.db.jdbi(), export, c -> c.equals("C02"), "test");
        assertThat(exported.concealed()).isPositive();
        assertThat(java.nio.file.Files.readString(export.resolve("RiskAssessment.ndjson"))).contains("Patient/C02.").doesNotContain("\"id\":\"" + recommendationId + "\"");
        org.livercast.core.io.Folders.deleteTreeQuietly(export);
        // Recorded: the study's analysis still reads it.
        var row4 = AnalysisData.collect(f.db.jdbi(), p4, null, null, AnalysisData.Population.ENROLLED).rows().stream()
                .filter(r -> r.patientId().equals(finalP)).findFirst().orElseThrow();
        assertThat(row4.recommended()).isEqualTo("tace");
    }

    @Test
    void staffEnrolAPatientWhoIsEligibleAsOfConsentOnceAndNeverOneWhoIsNot() throws Exception {
        // A C02 patient (no other test writes there), the protocols it is and is not eligible for as of its last data.
        String p = f.db.jdbi().withHandle(h -> h.createQuery("select patient_id from patient where centre_id = 'C02' order by patient_id limit 1").mapTo(String.class).one());
        var store = new org.livercast.study.store.PatientStore(f.db.jdbi());
        var record = store.find("C02", p).orElseThrow();
        var asOf = record.lastKnownDate().orElseThrow();
        var screening = new org.livercast.study.screening.ScreeningService(f.db.jdbi());
        String eligible = null;
        String notEligible = null;
        for (var protocol : Protocols.bundled().all()) {
            var d = screening.evaluate(protocol, store.key("C02", p).orElseThrow(), record, asOf).result().decision();
            if (d == org.livercast.core.protocol.ScreeningResult.Decision.ELIGIBLE && eligible == null) eligible = protocol.id();
            if (d == org.livercast.core.protocol.ScreeningResult.Decision.NOT_ELIGIBLE && notEligible == null) notEligible = protocol.id();
        }
        assertThat(eligible).as("a protocol " + p + " is eligible for").isNotNull();
        HttpClient inv = f.signedIn("inv02");
        String page = inv.send(get("/patients/C02/" + p), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("id=\"enrol-form\"").contains("Not enrolled.");
        String csrf = WebFixture.csrfToken(page);
        String path = "/api/patients/C02/" + p + "/enrolments";
        HttpResponse<String> ok = inv.send(post(path, csrf, "protocol=" + eligible + "&consent_date=" + asOf), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        HttpResponse<String> twice = inv.send(post(path, csrf, "protocol=" + eligible + "&consent_date=" + asOf), HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("already enrolled");
        if (notEligible != null) {
            HttpResponse<String> refused = inv.send(post(path, csrf, "protocol=" + notEligible + "&consent_date=" + asOf), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("not eligible for " + notEligible);
        }
        assertThat(inv.send(get("/patients/C02/" + p), HttpResponse.BodyHandlers.ofString()).body())
                .containsPattern("<li><strong>" + eligible + "</strong> consent day -?\\d+, enrolled by inv02</li>");
        // The study page lists the patient with the consent in days from surgery, as every stored date is shown.
        String study = inv.send(get("/study/" + eligible), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(study).containsPattern(p + "</a> consented day -?\\d+</li>");
        // Missed visits name the patient by pseudonym, linked (it already says the centre: no "C02/C02-…").
        var merged = new org.livercast.study.ops.StudyEvents(f.db.jdbi()).merged(store.find("C02", p).orElseThrow());
        var lastContact = merged.events().stream().map(org.livercast.core.model.TimelineEvent::date).max(java.time.LocalDate::compareTo).orElseThrow();
        long overdue = org.livercast.study.ops.FollowUpStatus.of(Protocols.bundled().get(eligible).followUp(), merged, lastContact, null).stream()
                .filter(v -> v.state() == org.livercast.study.ops.FollowUpStatus.State.OVERDUE).count();
        if (overdue > 0) assertThat(study).contains("<a href=\"/patients/C02/" + p + "\">" + p + "</a>: " + overdue + (overdue == 1 ? " visit" : " visits") + " missed");
        else assertThat(study).doesNotContain(p + "</a>: ");
        assertThat(study).doesNotContain("<li>C02/" + p);
        // Another centre's investigator may not enrol this patient.
        HttpClient other = f.signedIn("inv01");
        String otherPage = other.send(get("/patients"), HttpResponse.BodyHandlers.ofString()).body();
        String otherCsrf = WebFixture.csrfToken(otherPage);
        assertThat(other.send(post(path, otherCsrf, "protocol=" + eligible + "&consent_date=" + asOf), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private BufferedImage png(HttpClient c, String path) throws Exception {
        HttpResponse<byte[]> r = c.send(get(path), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    private HttpRequest get(String path) { return HttpRequest.newBuilder(URI.create(f.url(path))).GET().build(); }

    private HttpRequest post(String path, String csrf, String form) {
        return HttpRequest.newBuilder(URI.create(f.url(path))).header("X-CSRF-Token", csrf).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

}
