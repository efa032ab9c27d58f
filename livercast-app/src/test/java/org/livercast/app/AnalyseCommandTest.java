package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.endpoint.BinaryOutcome;
import org.livercast.core.endpoint.Endpoints;
import org.livercast.core.protocol.Protocols;
import org.livercast.core.protocol.ScreeningResult;
import org.livercast.stats.binary.BinaryData;
import org.livercast.stats.binary.Roc;
import org.livercast.study.db.Database;
import org.livercast.study.screening.ScreeningService;
import org.livercast.study.store.PatientStore;

/**
 * {@code livercast analyse} on a 400-patient synthetic cohort scored with its true probabilities (a perfect model,
 * whose numbers are known): the report's AUC, sensitivity and specificity are those of the statistics engine on the
 * same patients, the plots and tables are all there, and the PDF is a PDF.
 */
class AnalyseCommandTest {
    @TempDir Path tmp;

    @Test
    void theReportCarriesTheEnginesNumbersForTheEligiblePatients() throws Exception {
        Path cohort = tmp.resolve("cohort");
        Path home = tmp.resolve("home");
        assertThat(Cli.runRaw("synth", "--patients", "400", "--centres", "2", "--seed", "12", "--out", cohort.toString(), "--no-images", "--no-slides")
                .exitCode()).isZero();
        for (String c : new String[] {"01", "02"}) {
            Path clinical = cohort.resolve("centre-" + c).resolve("clinical");
            assertThat(Cli.run(home, "import", "clinical", clinical.resolve("patients.csv").toString(), clinical.resolve("events.csv").toString()).exitCode()).isZero();
        }
        Map<String, Double> truth = new HashMap<>();
        List<String> lines = Files.readAllLines(cohort.resolve("truth/truth.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            truth.put(f[header.indexOf("hospital_number")], Double.parseDouble(f[header.indexOf("p_aggressive_2y")]));
        }
        var p3 = Protocols.bundled().get("P3");
        List<Boolean> outcome = new ArrayList<>();
        List<Double> score = new ArrayList<>();
        try (Database db = Database.open(Cli.config(home))) {
            db.jdbi().useHandle(h -> {
                h.execute("insert into model (model_id, kind, code_version, training_data_sha256, card, weights, weights_sha256) values (?, 'pre', 'oracle', ?, '{}', '\\x00', 'x')",
                        "f".repeat(64), "e".repeat(64));
                for (var e : truth.entrySet()) {
                    h.execute("insert into prediction (model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score, input_sha256, body)"
                                    + " select ?, centre_id, patient_id, 'pre', ?, ?, ?, ?, '{}' from patient where patient_id = ?",
                            "f".repeat(64), e.getValue(), e.getValue() >= 0.5, e.getValue(), "d".repeat(64), e.getKey());
                }
            });
            // The same patients, independently: P3-eligible, resected, evaluable for aggressive recurrence.
            PatientStore store = new PatientStore(db.jdbi());
            ScreeningService screening = new ScreeningService(db.jdbi());
            for (PatientStore.Key k : store.keys()) {
                var r = store.find(k.centreId(), k.patientId()).orElseThrow();
                if (r.surgeryDate().isEmpty() || screening.screen(p3, k, r, r.lastKnownDate().orElseThrow()).result().decision() != ScreeningResult.Decision.ELIGIBLE) continue;
                BinaryOutcome o = Endpoints.of(r, LocalDate.of(2999, 12, 31)).aggressiveRecurrence();
                if (o.value() == BinaryOutcome.Value.NOT_EVALUABLE) continue;
                outcome.add(o.value() == BinaryOutcome.Value.YES);
                score.add(truth.get(k.patientId()));
            }
        }
        boolean[] y = new boolean[outcome.size()];
        double[] m = new double[outcome.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = outcome.get(i);
            m[i] = score.get(i);
        }
        Roc roc = Roc.of(new BinaryData(y, m));
        assertThat(roc.auc()).isGreaterThan(0.7);                       // the truth discriminates; outcomes are still chance

        java.util.Set<Path> profilesBefore = browserProfiles();
        Cli analyse = Cli.run(home, "analyse", "--protocol", "P3", "--out", tmp.resolve("out").toString());
        assertThat(analyse.exitCode()).as(analyse.err()).isZero();
        String html = Files.readString(tmp.resolve("out/P3-analysis.html"));
        Matcher row = Pattern.compile("<tr><td>PRE</td><td>(\\d+)</td><td>(\\d+)</td><td>([0-9.]+) \\(([0-9.]+)–([0-9.]+)\\)</td><td>([0-9.]+)</td><td>([0-9.]+)</td>").matcher(html);
        assertThat(row.find()).as("PRE discrimination row").isTrue();
        assertThat(Integer.parseInt(row.group(1))).isEqualTo(y.length);
        assertThat(row.group(3)).isEqualTo(String.format(Locale.ROOT, "%.3f", roc.auc()));
        assertThat(row.group(4)).isEqualTo(String.format(Locale.ROOT, "%.3f", roc.aucCi95()[0]));
        assertThat(row.group(6)).isEqualTo(String.format(Locale.ROOT, "%.3f", roc.at(0.5).sensitivity()));
        assertThat(row.group(7)).isEqualTo(String.format(Locale.ROOT, "%.3f", roc.at(0.5).specificity()));
        assertThat(html).contains("RFS and OS by PRE risk group").contains("log-rank p 0.").contains("HR ").contains("Calibration slope")
                .contains("Subgroups: RFS hazard ratio").contains("<svg").contains("Safety: adverse events").contains("Performance by centre");
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            byte[] pdf = Files.readAllBytes(tmp.resolve("out/P3-analysis.pdf"));
            assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(pdf.length).isGreaterThan(20_000);
            assertThat(browserProfiles()).as("the print's browser profile is removed").isSubsetOf(profilesBefore);
        }
    }

    /** Chromium profiles the PDF printer makes in the temporary folder. */
    private static java.util.Set<Path> browserProfiles() throws java.io.IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("livercast-pdf")).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void p4ComparesPredictionConsistentWithInconsistentPatients() throws Exception {
        Path cohort = tmp.resolve("cohort4");
        Path home = tmp.resolve("home4");
        assertThat(Cli.runRaw("synth", "--patients", "300", "--centres", "2", "--seed", "5", "--out", cohort.toString(), "--no-images", "--no-slides")
                .exitCode()).isZero();
        for (String c : new String[] {"01", "02"}) {
            Cli ingest = Cli.run(home, "ingest", "--quiet", "--centre", "C" + c, cohort.resolve("centre-" + c).toString());
            assertThat(ingest.exitCode()).as(ingest.out()).isIn(0, 3);
        }
        Cli train = Cli.run(home, "train", "--model", "therapy", "--cohort", cohort.toString(), "--out", tmp.resolve("t").toString(), "--max-epochs", "4");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Cli rec = Cli.run(home, "predict", "--model", tmp.resolve("t/model").toString(), "--stored");
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        int consistent;
        int recommended;
        try (Database db = Database.open(Cli.config(home))) {
            recommended = db.jdbi().withHandle(h -> h.createQuery("select count(*) from recommendation").mapTo(Integer.class).one());
            consistent = db.jdbi().withHandle(h -> h.createQuery("""
                    select count(*) from recommendation r join patient p on p.centre_id = r.centre_id and p.patient_id = r.patient_id
                    join treatment t on t.patient_pk = p.pk where t.adjuvant_strategy = r.recommended""").mapTo(Integer.class).one());
        }
        assertThat(recommended).isGreaterThan(250);
        Cli analyse = Cli.run(home, "analyse", "--protocol", "P4", "--cutoff-days", "1095", "--population", "all", "--out", tmp.resolve("out4").toString());
        assertThat(analyse.exitCode()).as(analyse.err()).isZero();
        String html = Files.readString(tmp.resolve("out4/P4-analysis.html"));
        assertThat(html).contains("Prediction-consistent vs prediction-inconsistent treatment").contains("RFS and OS by prediction consistency")
                .contains("censored at 1095 days after surgery");
        Matcher m = Pattern.compile("<p>(\\d+) of (\\d+) patients received the recommended strategy").matcher(html);
        assertThat(m.find()).isTrue();
        // Every resected patient with a recommendation and a recorded strategy is analysed: the counts are the store's.
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(consistent);
        assertThat(Integer.parseInt(m.group(2))).isPositive().isLessThanOrEqualTo(recommended);
    }
}
