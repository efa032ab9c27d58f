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
        Path cohort = synth("cohort", 12);
        Path home = tmp.resolve("home");
        importClinical(home, cohort);
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
        List<Double> rfsMonths = new ArrayList<>();
        List<Boolean> rfsEvent = new ArrayList<>();
        List<Double> rfsRisk = new ArrayList<>();
        try (Database db = Database.open(Cli.config(home))) {
            db.jdbi().useHandle(h -> {
                h.execute("insert into model (model_id, kind, code_version, training_data_sha256, card, weights, weights_sha256) values (?, 'pre', 'oracle', ?, '{}', '\\x00', 'x')",
                        "f".repeat(64), "e".repeat(64));
                for (var e : truth.entrySet()) {
                    h.execute("insert into prediction (model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk, rfs_risk_score, input_sha256, body)"
                                    + " select ?, centre_id, patient_id, 'pre', ?, ?, ?, ?, cast(? as jsonb) from patient where patient_id = ?",
                            "f".repeat(64), e.getValue(), e.getValue() >= 0.5, e.getValue(), "d".repeat(64), survivalBody(e.getValue()), e.getKey());
                }
            });
            // The same patients, independently: P3-eligible, resected, evaluable for aggressive recurrence.
            PatientStore store = new PatientStore(db.jdbi());
            ScreeningService screening = new ScreeningService(db.jdbi());
            for (PatientStore.Key k : store.keys()) {
                var r = store.find(k.centreId(), k.patientId()).orElseThrow();
                if (r.surgeryDate().isEmpty() || screening.screen(p3, k, r, r.lastKnownDate().orElseThrow()).result().decision() != ScreeningResult.Decision.ELIGIBLE) continue;
                var rfs = Endpoints.of(r, LocalDate.of(2999, 12, 31)).rfs(org.livercast.core.endpoint.RfsEvents.RECURRENCE);
                rfsMonths.add(rfs.days() / 30.4375);
                rfsEvent.add(rfs.event());
                rfsRisk.add(truth.get(k.patientId()));
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
        // Harrell's C of the RFS risk score, on every eligible scored patient (not only those evaluable at 2 years).
        double[] t = rfsMonths.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] ev = new boolean[t.length];
        for (int i = 0; i < t.length; i++) ev[i] = rfsEvent.get(i);
        var c = org.livercast.stats.survival.Concordance.harrell(new org.livercast.stats.survival.SurvivalData(t, ev),
                rfsRisk.stream().mapToDouble(Double::doubleValue).toArray(), null);
        Matcher cRow = Pattern.compile("<tr><td>rfs — [^<]*</td><td>all analysed</td><td>PRE RFS risk</td><td>(\\d+)</td><td>(\\d+)</td><td>([0-9.]+) \\(([0-9.]+)\\)</td>")
                .matcher(html);
        assertThat(cRow.find()).as("PRE RFS C row").isTrue();
        assertThat(Integer.parseInt(cRow.group(1))).isEqualTo(t.length);
        assertThat(cRow.group(3)).isEqualTo(String.format(Locale.ROOT, "%.3f", c.concordance()));
        assertThat(cRow.group(4)).isEqualTo(String.format(Locale.ROOT, "%.3f", c.standardError()));
        // The stored RFS curves against the Kaplan–Meier at 2 years, on the same patients.
        var km = org.livercast.stats.survival.KaplanMeier.fit(new org.livercast.stats.survival.SurvivalData(t, ev));
        double observed2y = 1 - km.survivalAt(24.0);
        double predicted2y = rfsRisk.stream().mapToDouble(p -> 1 - predictedRfs(p, 2)).average().orElseThrow();
        assertThat(html).contains("Time-to-event endpoints: calibration of the predicted survival")
                .containsPattern("<tr><td>rfs</td><td>all analysed</td><td>PRE</td><td>2 years</td><td>" + t.length + "</td><td>\\d+</td><td>"
                        + String.format(Locale.ROOT, "%.3f", predicted2y) + "</td><td>" + String.format(Locale.ROOT, "%.3f", observed2y) + " \\(");
        // These predictions were stored without an OS score: the OS row says so rather than inventing one.
        assertThat(html).containsPattern("<td>PRE OS risk</td><td>0</td><td>0</td><td colspan=\"2\">not estimable: no scored patient");
        assertThat(html).contains("RFS and OS by PRE risk group").contains("log-rank p 0.").contains("HR ").contains("Calibration slope")
                .contains("Subgroups: RFS hazard ratio").contains("<svg").contains("Safety: adverse events").contains("Performance by centre");
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            byte[] pdf = Files.readAllBytes(tmp.resolve("out/P3-analysis.pdf"));
            assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(pdf.length).isGreaterThan(20_000);
            assertThat(browserProfiles()).as("the print's browser profile is removed").isSubsetOf(profilesBefore);
        }
    }

    /**
     * P5 is a diagnostic study: the report measures the stored readings of a diagnosis model against each lesion's
     * pathological diagnosis. Readings here are noisy functions of the histology (seeded), so the numbers are not
     * trivial; the same patients, selected and scored independently, give the report's AUC, sensitivity and
     * specificity with their intervals, and the three-way table adds up.
     */
    @Test
    void p5MeasuresTheDiagnosisModelAgainstHistology() throws Exception {
        Path cohort = synth("cohort5", 14);
        Path home = tmp.resolve("home5");
        // Four lesions diagnosed by biopsy alone (two benign): no resection, no follow-up. P5 counts them for the diagnosis,
        // which needs no time from surgery, and leaves them out of the survival analyses.
        java.util.Set<String> biopsyOnly = biopsyOnly(cohort.resolve("centre-01").resolve("clinical"), 2, 2);
        importClinical(home, cohort);
        var p5 = Protocols.bundled().get("P5");
        int biopsyOnlyAnalysed = 0;
        int biopsyOnlyUnread = 0;
        java.util.Random random = new java.util.Random(5);
        List<Boolean> malignant = new ArrayList<>();
        List<Double> pMalignant = new ArrayList<>();
        int unread = 0;
        int prognostic = 0;
        try (Database db = Database.open(Cli.config(home))) {
            db.jdbi().useHandle(h -> h.execute("insert into model (model_id, kind, code_version, training_data_sha256, card, weights, weights_sha256)"
                    + " values (?, 'pre', 'test', ?, '{}', '\\x00', 'x')", "c".repeat(64), "e".repeat(64)));
            PatientStore store = new PatientStore(db.jdbi());
            ScreeningService screening = new ScreeningService(db.jdbi());
            var diagnoses = new org.livercast.study.models.Diagnoses(db.jdbi());
            for (PatientStore.Key k : store.keys()) {
                var r = store.find(k.centreId(), k.patientId()).orElseThrow();
                var histology = r.pathology().diagnosis();
                // One patient in ten is left unread: the report counts them and analyses the rest.
                if (random.nextInt(10) == 0) {
                    if (histology != null && screening.screen(p5, k, r, r.lastKnownDate().orElseThrow()).result().decision() == ScreeningResult.Decision.ELIGIBLE) {
                        unread++;
                        if (biopsyOnly.contains(k.patientId())) biopsyOnlyUnread++;
                    }
                    continue;
                }
                boolean isMalignant = histology != null && histology.isMalignant();
                double pm = 1 / (1 + Math.exp(-((isMalignant ? 1.5 : -1.5) + 1.6 * random.nextGaussian())));
                boolean icc = histology == org.livercast.core.model.Diagnosis.ICC;
                double pi = 1 / (1 + Math.exp(-((icc ? 1.0 : -1.0) + 1.2 * random.nextGaussian())));
                diagnoses.record(new org.livercast.study.models.Diagnoses.Stored("a".repeat(64), k.centreId(), k.patientId(), pm, pi, "b".repeat(64), "{}"));
                // A PRE prediction with an OS risk score, for the prognostic C-index.
                db.jdbi().useHandle(h -> h.execute("insert into prediction (model_id, centre_id, patient_id, kind, probability_aggressive_2y, high_risk,"
                        + " rfs_risk_score, input_sha256, body) values (?, ?, ?, 'pre', 0.3, false, ?, ?, cast(? as jsonb))", "c".repeat(64), k.centreId(), k.patientId(),
                        pm, "d".repeat(64), "{\"osRiskScore\": " + pi + "}"));
                var screened = screening.screen(p5, k, r, r.lastKnownDate().orElseThrow()).result();
                if (histology == null || screened.decision() != ScreeningResult.Decision.ELIGIBLE) continue;
                if (biopsyOnly.contains(k.patientId())) {
                    assertThat(r.surgeryDate()).isEmpty();
                    assertThat(screened.cohorts()).containsExactly("diagnostic");
                    biopsyOnlyAnalysed++;
                }
                if (screened.cohorts().contains("prognostic")) prognostic++;
                malignant.add(isMalignant);
                pMalignant.add(pm);
            }
        }
        boolean[] y = new boolean[malignant.size()];
        double[] m = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = malignant.get(i);
            m[i] = pMalignant.get(i);
        }
        BinaryData bd = new BinaryData(y, m);
        Roc roc = Roc.of(bd);
        var cm = org.livercast.stats.binary.ConfusionMetrics.at(bd, 0.5);
        assertThat(roc.auc()).as("the readings discriminate, not perfectly").isBetween(0.75, 0.98);
        long benign = malignant.stream().filter(b -> !b).count();
        assertThat(benign).as("the cohort has benign lesions to measure specificity on").isGreaterThan(10);

        assertThat(biopsyOnlyAnalysed).as("biopsy-only lesions read and eligible").isPositive();
        Cli analyse = Cli.run(home, "analyse", "--protocol", "P5", "--out", tmp.resolve("out5").toString());
        assertThat(analyse.exitCode()).as(analyse.err()).isZero();
        String html = Files.readString(tmp.resolve("out5/P5-analysis.html"));
        assertThat(html).contains("Diagnosis of the lesion: the diagnosis model against histology").contains("model aaaaaaaaaaaa: " + y.length)
                .contains("Calibration of P(malignant)").contains("Subgroups: neoadjuvant therapy").contains("ROC: the diagnosis model against histology");
        Matcher counts = Pattern.compile("(\\d+) of (\\d+) analysed patients have a pathological diagnosis; (\\d+) of them a stored reading").matcher(html);
        assertThat(counts.find()).isTrue();
        assertThat(Integer.parseInt(counts.group(3))).isEqualTo(y.length);
        assertThat(Integer.parseInt(counts.group(1)) - Integer.parseInt(counts.group(3))).as("unread lesions are counted").isEqualTo(unread);
        String num = "([0-9.]+) \\(([0-9.]+)–([0-9.]+)\\)";
        Matcher row = Pattern.compile("<tr><td>Malignant vs benign — P\\(malignant\\)</td><td>(\\d+)</td><td>(\\d+)</td><td>" + num + "</td><td>" + num
                + "</td><td>" + num + "</td><td>" + num + "</td>").matcher(html);
        assertThat(row.find()).as("malignant vs benign row").isTrue();
        assertThat(Integer.parseInt(row.group(1))).isEqualTo(y.length);
        assertThat(Long.parseLong(row.group(2))).isEqualTo(y.length - benign);
        assertThat(row.group(3)).isEqualTo(f3(roc.auc()));
        assertThat(row.group(4)).isEqualTo(f3(roc.aucCi95()[0]));
        assertThat(row.group(6)).isEqualTo(f3(cm.accuracy()));
        assertThat(row.group(9)).isEqualTo(f3(cm.sensitivity()));
        assertThat(row.group(10)).isEqualTo(f3(org.livercast.stats.binary.ExactBinomial.clopperPearson95(cm.truePositive(), cm.truePositive() + cm.falseNegative())[0]));
        assertThat(row.group(12)).isEqualTo(f3(cm.specificity()));
        assertThat(row.group(14)).isEqualTo(f3(org.livercast.stats.binary.ExactBinomial.clopperPearson95(cm.trueNegative(), cm.trueNegative() + cm.falsePositive())[1]));
        assertThat(html).containsPattern("<tr><td>ICC vs HCC — P\\(ICC \\| malignant\\)</td><td>\\d+</td><td>\\d+</td><td>0\\.[0-9]{3} \\(");
        // The three-way table holds every read lesion once.
        Matcher table = Pattern.compile("<tr><td>(HCC|ICC|benign)</td><td>(\\d+)</td><td>(\\d+)</td><td>(\\d+)</td></tr>").matcher(html);
        int cells = 0;
        while (table.find()) cells += Integer.parseInt(table.group(2)) + Integer.parseInt(table.group(3)) + Integer.parseInt(table.group(4));
        assertThat(cells).isEqualTo(y.length);
        // P5's survival endpoints are analysed in its prognostic cohort only (confirmed cancer, R0, 24 months), not every lesion.
        assertThat(prognostic).isPositive().isLessThan(y.length);
        assertThat(html).containsPattern("<tr><td>os — Overall survival</td><td>prognostic cohort</td><td>PRE OS risk</td><td>" + prognostic + "</td>")
                .containsPattern("<tr><td>pfs — [^<]*</td><td>prognostic cohort</td><td>PRE RFS risk</td><td>" + prognostic + "</td>");
        // The statistician's data set carries the histology and the reading beside the endpoints.
        try (Database db = Database.open(Cli.config(home))) {
            String csv = org.livercast.study.analysis.AnalysisExport.csv(org.livercast.study.analysis.AnalysisData.collect(db.jdbi(), p5, null, null));
            var records = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv)).getRecords();
            assertThat(records.stream().filter(x -> !x.get("p_malignant").isEmpty() && !x.get("histologic_diagnosis").isEmpty()).count()).isEqualTo(y.length);
            // The biopsy-only lesions are rows of the diagnosis, with no time from surgery.
            assertThat(records.stream().filter(x -> x.get("rfs_days").isEmpty()).count()).isEqualTo(biopsyOnlyAnalysed + biopsyOnlyUnread);
            assertThat(records.stream().filter(x -> x.get("histologic_diagnosis").equals("benign")).filter(x -> !x.get("p_malignant").isEmpty()).count())
                    .isEqualTo(benign);
            // P5's cohorts overlap (the prognostic one is part of the diagnostic one): each is counted and drawn with all its
            // patients, and no log-rank test compares a cohort with a part of itself.
            var d5 = org.livercast.study.analysis.AnalysisData.collect(db.jdbi(), p5, null, null);
            long inPrognostic = d5.rows().stream().filter(r -> r.inCohort("prognostic")).count();
            long inDiagnostic = d5.rows().stream().filter(r -> r.inCohort("diagnostic")).count();
            assertThat(inPrognostic).isPositive().isLessThan(inDiagnostic);
            assertThat(html).contains("<tr><td>diagnostic</td><td>" + inDiagnostic + "</td></tr>").contains("<tr><td>prognostic</td><td>" + inPrognostic + "</td></tr>");
            assertThat(section(html, "RFS and OS by cohort")).contains("prognostic (n=" + inPrognostic + ")").contains("diagnostic (n=" + inDiagnostic + ")")
                    .contains("no test compares them").doesNotContain("log-rank p").doesNotContain("Log-rank p").doesNotContain("Cox");
        }
        // Another protocol has no diagnostic endpoint: no such section.
        Cli p3 = Cli.run(home, "analyse", "--protocol", "P3", "--out", tmp.resolve("out3").toString());
        assertThat(p3.exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("out3/P3-analysis.html"))).doesNotContain("Diagnosis of the lesion");
    }

    /** The report's section under the heading {@code h2}, up to the section's end. */
    private static String section(String html, String h2) {
        int from = html.indexOf("<h2>" + h2 + "</h2>");
        assertThat(from).as("section " + h2).isNotNegative();
        return html.substring(from, html.indexOf("</section>", from));
    }

    /** A made-up but monotone RFS curve for a patient whose 2-year aggressive-recurrence probability is p. */
    private static double predictedRfs(double p, int year) { return Math.pow(1 - p, year / 2.0); }

    private static String survivalBody(double p) {
        StringBuilder b = new StringBuilder("{\"rfsSurvivalByYear\": [");
        for (int y = 1; y <= 5; y++) b.append(y == 1 ? "" : ", ").append(predictedRfs(p, y));
        return b.append("]}").toString();
    }

    /** A 400-patient, two-centre synthetic cohort's clinical tables (no images, no slides). */
    private Path synth(String name, int seed) {
        Path cohort = tmp.resolve(name);
        assertThat(Cli.runRaw("synth", "--patients", "400", "--centres", "2", "--seed", Integer.toString(seed), "--out", cohort.toString(), "--no-images",
                "--no-slides").exitCode()).isZero();
        return cohort;
    }

    /** Both centres' patients and events imported into the store at {@code home}. */
    private static void importClinical(Path home, Path cohort) {
        for (String c : new String[] {"01", "02"}) {
            Path clinical = cohort.resolve("centre-" + c).resolve("clinical");
            Cli imported = Cli.run(home, "import", "clinical", clinical.resolve("patients.csv").toString(), clinical.resolve("events.csv").toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
        }
    }

    /**
     * Turns the first {@code benign} benign and {@code malignant} HCC patients of a centre's export into lesions diagnosed
     * by biopsy: no surgery date, margin or adjuvant treatment, and no follow-up events. @return their patient ids
     */
    private static java.util.Set<String> biopsyOnly(Path clinical, int benign, int malignant) throws java.io.IOException {
        var format = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();
        Path patients = clinical.resolve("patients.csv");
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (var parser = format.parse(Files.newBufferedReader(patients))) {
            header = parser.getHeaderNames();
            int[] left = {benign, malignant};
            for (var rec : parser) {
                List<String> row = new ArrayList<>(rec.toList());
                String histology = rec.get("histologic_diagnosis");
                int kind = histology.equals("benign") ? 0 : histology.equals("hcc") ? 1 : -1;
                if (kind >= 0 && left[kind] > 0) {
                    left[kind]--;
                    chosen.add(rec.get("patient_id"));
                    for (String field : new String[] {"surgery_date", "resection_margin", "adjuvant_strategy", "adjuvant_drugs"}) row.set(header.indexOf(field), "");
                }
                rows.add(row);
            }
        }
        try (var printer = new org.apache.commons.csv.CSVPrinter(Files.newBufferedWriter(patients), org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).get())) {
            for (List<String> row : rows) printer.printRecord(row);
        }
        Path events = clinical.resolve("events.csv");
        List<String> lines = Files.readAllLines(events);
        Files.write(events, lines.stream().filter(l -> chosen.stream().noneMatch(id -> l.startsWith(id + ","))).toList());
        assertThat(chosen).hasSize(benign + malignant);
        return chosen;
    }

    private static String f3(double v) { return String.format(Locale.ROOT, "%.3f", v); }

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
        // P4's cohorts are its strategies, one per patient: compared by log-rank and Cox.
        assertThat(section(html, "RFS and OS by cohort")).contains("RFS: log-rank p ").contains("Cox (Efron) vs ").doesNotContain("no test compares them");
        Matcher m = Pattern.compile("<p>(\\d+) of (\\d+) patients received the recommended strategy").matcher(html);
        assertThat(m.find()).isTrue();
        // Every resected patient with a recommendation and a recorded strategy is analysed: the counts are the store's.
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(consistent);
        assertThat(Integer.parseInt(m.group(2))).isPositive().isLessThanOrEqualTo(recommended);
    }
}
