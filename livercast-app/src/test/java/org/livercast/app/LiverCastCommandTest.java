package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code livercast} command end to end on a real (embedded, or $LIVERCAST_TEST_DB_URL) PostgreSQL. Each test has
 * its own home folder, so its own database.
 */
class LiverCastCommandTest {
    static final Path EXAMPLES = Path.of("..", "examples", "clinical");

    @TempDir
    Path home;

    @Test
    void everySubcommandHasHelp() {
        for (String[] cmd : new String[][] {{}, {"run"}, {"db"}, {"db", "status"}, {"db", "migrate"}, {"import"},
                {"import", "clinical"}, {"screen"}, {"protocols"}, {"protocols", "list"}, {"protocols", "show"},
                {"protocols", "facts"}, {"fhir"}, {"fhir", "export"}, {"fhir", "tables"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(cmd), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Cli r = Cli.runRaw(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: livercast");
        }
    }

    @Test
    void synthWritesACohortWithoutTreatmentEffectsWhenAskedAndTheOracleReadsIt() throws Exception {
        Path cohort = home.resolve("none");
        Cli made = Cli.runRaw("synth", "--patients", "200", "--centres", "2", "--seed", "3", "--out", cohort.toString(), "--no-images", "--no-slides",
                "--treatment-effects", "none");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(Files.readString(cohort.resolve("truth").resolve("cohort.json"))).contains("\"treatmentEffects\": \"none\"");
        Cli oracle = Cli.runRaw("synth", "oracle", cohort.toString());
        assertThat(oracle.exitCode()).as(oracle.err()).isZero();
        // No strategy helps, and treatment can only kill (fatal toxicity): the best policy is surgery alone for everyone.
        double best = value(oracle.out(), "best strategy ");
        assertThat(value(oracle.out(), "everyone surgery_alone ")).isEqualTo(best);
        assertThat(value(oracle.out(), "everyone tace_systemic ")).isLessThanOrEqualTo(best);
        Cli bad = Cli.runRaw("synth", "--out", home.resolve("x").toString(), "--treatment-effects", "magic");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--treatment-effects");
        assertThat(Cli.runRaw("synth").err()).contains("--out");
    }

    /** The number after {@code label} in the oracle's printout. */
    private static double value(String out, String label) {
        var m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label) + "\\s*([0-9.]+)").matcher(out);
        assertThat(m.find()).as(label + " in " + out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void badUsageExitsWithTwo() {
        Cli r = Cli.runRaw("screen");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--protocol");
        Cli tooFew = Cli.run(home, "run", "--development-patients", "30", "--no-serve");
        assertThat(tooFew.exitCode()).isEqualTo(2);
        assertThat(tooFew.err()).contains("--development-patients 30: at least 300");
        Cli tooManySlides = Cli.run(home, "run", "--development-patients", "600", "--development-slides", "601", "--no-serve");
        assertThat(tooManySlides.exitCode()).isEqualTo(2);
        assertThat(tooManySlides.err()).contains("--development-slides 601: between 0 and the development cohort's 600 patients");
        Cli negativeImages = Cli.run(home, "run", "--development-images", "-1", "--no-serve");
        assertThat(negativeImages.exitCode()).isEqualTo(2);
        assertThat(negativeImages.err()).contains("--development-images -1: between 0 and the development cohort's 3000 patients");
    }

    @Test
    void runGeneratesImportsAndScreensTheSyntheticCohortAndIsRepeatable() {
        // 900 development patients, 24 slides and 150 MRI exams (the defaults are 3,000, 450 and 600): enough for every model
        // to train and be measured on a held-out centre, for POST to learn the slides' attention and PRE to weigh the scan,
        // in a third of the time.
        String[] small = {"--patients", "6", "--development-patients", "900", "--development-slides", "24", "--development-images", "150", "--no-serve"};
        Cli first = Cli.run(home, concat("run", small));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("generating the synthetic cohort (6 patients")
                .containsPattern("ingested centre-01 as centre C01: \\d added")
                .contains("P1 ").contains("P5 ").contains("predictions stored").contains("audit log: ").contains("intact")
                .contains("AUC of the true probability")
                // The first run's long steps say how long they took.
                .containsPattern("clinical tables written in \\d+ s \\(centre-01's tables and reports as a Chinese hospital system writes them").contains("slides (centre-02's as DICOM whole-slide images)").containsPattern("trained in \\d+ s")
                // P5: the diagnosis model is trained once and every patient's lesion diagnosed (the patient page shows it).
                .containsPattern("diagnosis model [0-9a-f]{12}: held-out centre-03 AUC malignant 0\\.9\\d\\d").containsPattern("\\d+ diagnoses stored")
                // POST learned from the development slides and read each patient's own: the heat maps are stored.
                .contains("24 H&E slides").containsPattern("slide attention on \\d+ held-out slides: the most attended tenth of the tiles holds \\d+%")
                .containsPattern("on lymphoid aggregate +\\d\\.\\d\\d× an even share")
                .containsPattern("(\\d+) of \\1 POST predictions read the patient's slide")
                // PRE and POST read each patient's MRI (as radiomic features) and stored its occlusion map for the patient page.
                .contains("150 MRI exams").containsPattern("(\\d+) of \\1 PRE predictions and (\\d+) of \\2 POST predictions read the patient's MRI")
                // What a hospital's EHR would load: every patient and their four assessments (PRE, POST, diagnosis, therapy), each with its Provenance.
                .containsPattern("FHIR R4 export of (\\d+) patients in .*: \\{Patient=\\1, Observation=\\d+, RiskAssessment=\\d+, Provenance=\\d+, Device=4, CodeSystem=1\\}");
        assertThat(home.resolve("fhir").resolve("manifest.json")).exists();
        Cli second = Cli.run(home, concat("run", small));
        assertThat(second.out()).contains("using the synthetic cohort").containsPattern("ingested centre-02 as centre C02: 0 added, 0 updated, \\d unchanged")
                .contains("0 newly enrolled, 0 PRE predictions newly locked");
    }

    @Test
    void importThenScreenOnePatientShowsEveryCriterion() {
        Cli imp = Cli.run(home, "import", "clinical", EXAMPLES.resolve("events.csv").toString(),
                EXAMPLES.resolve("patients.csv").toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("imported 16 patient(s): 16 added");
        Cli screen = Cli.run(home, "screen", "--protocol", "P2", "--patient", "ZS/EX09", "--as-of", "2026-11-01");
        assertThat(screen.exitCode()).isZero();
        assertThat(screen.out()).contains("patient ZS/EX09: INCOMPLETE")
                .containsPattern("P2-I5 +inclusion UNKNOWN .*missing: prediction.pre_score")
                .containsPattern("P2-E6 +exclusion NEEDS_PERSON");
        Cli json = Cli.run(home, "screen", "--protocol", "P1", "--json", "--as-of", "2026-11-01");
        assertThat(json.out()).contains("\"decision\" : \"ELIGIBLE\"").contains("\"protocolVersion\" : \"1.0.0\"");
    }

    /**
     * {@code fhir export} on a store of imported patients: a Bulk Data export whose every Patient is valid FHIR, found by
     * its centre and pseudonym, and the export audited.
     */
    @Test
    void fhirExportWritesEveryStoredPatientAsValidFhirAndIsAudited() throws Exception {
        assertThat(Cli.run(home, "import", "clinical", EXAMPLES.resolve("events.csv").toString(), EXAMPLES.resolve("patients.csv").toString())
                .exitCode()).isZero();
        Path out = home.resolve("fhir");
        Cli export = Cli.run(home, "fhir", "export", "--out", out.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("FHIR R4 export of 16 patients").containsPattern("Patient +16 ").containsPattern("CodeSystem +1 ");
        var lines = Files.readAllLines(out.resolve("Patient.ndjson"));
        assertThat(lines).hasSize(16);
        for (String line : lines) assertThat(org.livercast.fhir.FhirValidation.problems(line)).as(line).isEmpty();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var zs = lines.stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(n -> n.at("/identifier/0/value").asText().equals("EX09")).findFirst().orElseThrow();
        assertThat(zs.path("id").asText()).isEqualTo("ZS.EX09");
        assertThat(zs.at("/identifier/0/system").asText()).isEqualTo("https://livercast.org/fhir/sid/patient/ZS");
        assertThat(Cli.run(home, "fhir", "export", "--out", home.resolve("none").toString(), "--centre", "C99").out())
                .contains("FHIR R4 export of 0 patients");
        try (var db = org.livercast.study.db.Database.open(Cli.config(home))) {
            java.util.List<String> audited = db.jdbi().withHandle(h -> h.createQuery("select subject from audit_log where action = 'fhir.export' order by seq")
                    .mapTo(String.class).list());
            assertThat(audited).containsExactly("every centre", "centres C99");
        }
    }

    /**
     * A centre's EHR sends FHIR: the examples written as a Bulk Data export import as the CSV tables do (the same stored
     * records); without --centre, or with a resource about a patient the export lacks, nothing is imported.
     */
    @Test
    void importTakesAnEhrsFhirExportAsTheTablesWouldBe(@TempDir Path tmp) throws Exception {
        Path fhir = Files.createDirectories(tmp.resolve("fhir"));
        java.util.List<org.livercast.core.model.PatientRecord> records = org.livercast.core.io.ClinicalCsv.read(EXAMPLES.resolve("patients.csv"),
                EXAMPLES.resolve("events.csv")).records();
        StringBuilder ndjson = new StringBuilder();
        for (var r : records) {
            for (var res : org.livercast.core.io.fhir.ClinicalResources.of(r, "urn:oid:1.2.3")) ndjson.append(org.livercast.core.io.fhir.FhirJson.JSON.writeValueAsString(res)).append('\n');
        }
        Files.writeString(fhir.resolve("export.ndjson"), ndjson);
        // What a data manager checks first: the export as the tables LiverCast reads, and what no column takes.
        Files.writeString(fhir.resolve("extra.ndjson"), "{\"resourceType\":\"Observation\",\"id\":\"h1\",\"status\":\"final\",\"code\":{\"coding\":"
                + "[{\"system\":\"http://his.example.cn/lab\",\"code\":\"PIVKA\",\"display\":\"异常凝血酶原\"}]},\"subject\":{\"reference\":\""
                + ndjson.toString().lines().findFirst().orElseThrow().replaceAll(".*\"id\":\"([^\"]+)\".*", "Patient/$1") + "\"},\"valueQuantity\":{\"value\":40}}\n");
        Cli tables = Cli.runRaw("fhir", "tables", "--centre", "ZS", fhir.toString(), "--out", tmp.resolve("tables").toString());
        assertThat(tables.exitCode()).as(tables.err()).isZero();
        assertThat(tables.out()).contains("16 patients read from").contains("1  Observation http://his.example.cn/lab|PIVKA (异常凝血酶原)");
        var read = org.livercast.core.io.ClinicalCsv.read(tmp.resolve("tables/patients.csv"), tmp.resolve("tables/events.csv"));
        assertThat(read.errors()).isEmpty();
        assertThat(read.records().stream().map(r -> r.patient()).toList()).isEqualTo(records.stream().map(r -> r.patient()).toList());
        Files.delete(fhir.resolve("extra.ndjson"));
        Cli noCentre = Cli.run(home, "import", "clinical", fhir.toString());
        assertThat(noCentre.exitCode()).isEqualTo(3);
        assertThat(noCentre.err()).contains("--centre").contains("a FHIR export does not say which centre");
        Files.writeString(fhir.resolve("stray.ndjson"), "{\"resourceType\":\"Observation\",\"id\":\"s1\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/nobody\"}}\n");
        Cli stray = Cli.run(home, "import", "clinical", "--centre", "ZS", fhir.toString());
        assertThat(stray.exitCode()).isEqualTo(3);
        assertThat(stray.err()).contains("stray.ndjson:1 Observation/s1 subject: Patient/nobody is not in the export").contains("nothing was imported");
        Files.delete(fhir.resolve("stray.ndjson"));
        Cli imp = Cli.run(home, "import", "clinical", "--centre", "ZS", fhir.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("read from FHIR: {").contains("Patient=16").contains("imported 16 patient(s): 16 added");
        try (var db = org.livercast.study.db.Database.open(Cli.config(home))) {
            var store = new org.livercast.study.store.PatientStore(db.jdbi());
            for (var r : records) {
                var stored = store.find("ZS", r.id()).orElseThrow();
                assertThat(stored.patient()).as(r.id()).isEqualTo(r.patient());
                assertThat(stored.treatment()).as(r.id()).isEqualTo(r.treatment());
                assertThat(stored.events()).as(r.id()).isEqualTo(r.events());
            }
        }
        // The CSV tables of the same records add no one: the patients are those the FHIR export held.
        Cli csv = Cli.run(home, "import", "clinical", EXAMPLES.resolve("events.csv").toString(), EXAMPLES.resolve("patients.csv").toString());
        assertThat(csv.out()).contains("imported 16 patient(s): 0 added");
    }

    /** A hospital's export as its system writes it: one .xls workbook for both tables under its own column names. */
    @Test
    void importTakesAWorkbookHoldingBothTablesAsAHospitalSystemWritesIt(@TempDir Path tmp) throws Exception {
        Cli synth = Cli.run(home, "synth", "--patients", "4", "--centres", "1", "--seed", "5", "--out", tmp.resolve("c").toString(),
                "--no-images", "--no-slides", "--export-as", "chinese-his");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.err()).doesNotContain("WARN");
        Path book = tmp.resolve("c/centre-01/clinical/export.xls");
        Cli imp = Cli.run(home, "import", "clinical", book.toString());
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("imported 4 patient(s): 4 added");
        assertThat(imp.err()).doesNotContain("WARN");
    }

    @Test
    void aBadFileIsRejectedWithExitThreeAndChangesNothing(@TempDir Path tmp) throws Exception {
        Cli.run(home, "import", "clinical", EXAMPLES.resolve("patients.csv").toString());
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "patient_id,centre_id,ecog,nodule_sizes_mm\nN1,ZS,0,25\nN2,ZS,7,-3\n");
        Cli r = Cli.run(home, "import", "clinical", bad.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("bad.csv:3").contains("ecog").contains("sizeMm").contains("nothing was imported");
        Cli screen = Cli.run(home, "screen", "--protocol", "P1", "--patient", "N1");
        assertThat(screen.exitCode()).isEqualTo(5);
        assertThat(screen.err()).contains("no patient 'N1'");
    }

    @Test
    void dbStatusAndMigrateReportTheSchema() {
        Cli migrate = Cli.run(home, "db", "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        Cli status = Cli.run(home, "db", "status");
        assertThat(status.out()).contains("clinical store").contains("schema is up to date");
    }

    @Test
    void protocolsAreListedShownAndTheirFactsDocumented() {
        assertThat(Cli.runRaw("protocols", "list").out()).contains("P1").contains("P5").contains("v1.0.0");
        Cli show = Cli.runRaw("protocols", "show", "P2");
        assertThat(show.out()).contains("P2-I5").contains("pre_score >= 0.5").contains("decided by a person")
                .contains("Follow-up");
        assertThat(Cli.runRaw("protocols", "show", "P2", "--json").out()).contains("\"schemaVersion\" : 1");
        assertThat(Cli.runRaw("protocols", "facts").out()).contains("child_pugh_score").contains("bclc_stage");
        assertThat(Cli.runRaw("protocols", "show", "P7").exitCode()).isEqualTo(5);
    }
}
