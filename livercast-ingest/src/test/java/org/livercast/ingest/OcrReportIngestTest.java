package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.synth.files.ScannedReport;
import org.livercast.core.io.TextEncoding;
import org.livercast.ingest.ocr.Ocr;
import org.livercast.ingest.ocr.Tesseract;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;

/**
 * Many hospitals still send a report as paper scanned: a PDF of page images, or a photograph. With OCR on, such a
 * report is read (Tesseract, simplified Chinese), cleaned up to the text its system printed, de-identified as a text
 * report is (one character misread does not let a name through) and stored marked as read by OCR; a page too poor to
 * read is named with its confidence and not stored; without OCR each scan is named and nothing is guessed.
 */
class OcrReportIngestTest {
    @Test
    void scannedAndPhotographedReportsAreReadStoredMarkedAndDeidentifiedAndAnIllegibleOneIsNamed(@TempDir Path tmp) throws Exception {
        Optional<Tesseract> engine = Tesseract.find();
        assumeTrue(engine.isPresent() && engine.get().has("chi_sim"), "needs Tesseract with chi_sim (tesseract-ocr-chi-sim, which .ci/run installs)");
        assumeTrue(Files.isReadable(Scans.CJK_FONT), "needs fonts-droid-fallback to print the reports' Chinese");
        Path home = tmp.resolve("home");
        Path text = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("text")));
        Path paper = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("paper")));
        List<String> patients = patients(paper);
        String scannedBoth = patients.get(0);
        String photographed = patients.get(1);
        String illegible = patients.get(2);
        // The first patient's two reports scanned to PDF (a little askew), the second's pathology photographed, the
        // third's radiology faxed beyond reading.
        ScannedReport.write(report(paper, scannedBoth, "pathology"), paper.resolve("reports/" + scannedBoth + "_pathology.pdf"), 1);
        ScannedReport.write(report(paper, scannedBoth, "radiology"), paper.resolve("reports/" + scannedBoth + "_radiology.pdf"), 2);
        ScannedReport.photographed(report(paper, photographed, "pathology"), paper.resolve("reports/" + photographed + "_pathology.jpg"), 250, 3);
        Scans.illegibleJpeg(report(paper, illegible, "radiology"), paper.resolve("reports/" + illegible + "_radiology.jpg"));
        for (String gone : List.of(scannedBoth + "_pathology", scannedBoth + "_radiology", photographed + "_pathology", illegible + "_radiology")) {
            Files.delete(paper.resolve("reports/" + gone + ".txt"));
        }

        Database fromText = Fixtures.freshSchema();
        Fixtures.ingest(fromText, text, home);
        Database fromPaper = Fixtures.freshSchema();
        Ocr ocr = Ocr.with(engine.get(), 2);
        IngestReport r = ingest(fromPaper, paper, home, ocr);

        assertThat(r.patientsAdded()).as(r.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        Map<String, PatientOutcome> byHn = new java.util.TreeMap<>();
        r.patients().forEach(p -> byHn.put(p.hospitalNumber(), p));
        assertThat(byHn.get(scannedBoth).summary().reports()).isEqualTo(2);
        assertThat(byHn.get(photographed).summary().reports()).isEqualTo(2);
        assertThat(warnings(byHn.get(scannedBoth))).filteredOn(w -> w.contains("read by OCR (Tesseract " + engine.get().version() + ", chi_sim; 1 page,"))
                .hasSize(2);
        assertThat(warnings(byHn.get(photographed))).anySatisfy(w -> assertThat(w).contains(photographed + "_pathology.jpg").contains("read by OCR"));
        // The illegible page: named with its confidence, not stored; the patient's other report is.
        assertThat(byHn.get(illegible).summary().reports()).as(String.valueOf(byHn.get(illegible))).isEqualTo(1);
        assertThat(String.valueOf(byHn.get(illegible)) + r.unlinkedFiles()).contains(illegible + "_radiology.jpg").contains("below the 80%");

        // What was read is the report its system printed, up to a misread character or two; the findings' lines are there.
        String pseudonymScanned = byHn.get(scannedBoth).pseudonym();
        String pseudonymPhoto = byHn.get(photographed).pseudonym();
        for (String kind : List.of("pathology", "radiology")) {
            Map<String, String> want = Fixtures.reportBodies(fromText, kind);
            Map<String, String> got = Fixtures.reportBodies(fromPaper, kind);
            for (String pseudonym : kind.equals("pathology") ? List.of(pseudonymScanned, pseudonymPhoto) : List.of(pseudonymScanned)) {
                double cer = org.livercast.ingest.ocr.CharacterErrors.rate(want.get(pseudonym), got.get(pseudonym));
                assertThat(cer).as(kind + " of " + pseudonym + ":\n" + want.get(pseudonym) + "\n---\n" + got.get(pseudonym)).isLessThan(0.03);
                // The lines the findings are read from, word for word: the grade (counted from its strokes where the
                // Chinese model reads II as 1), MVI, satellites, capsule, the report's date, the size.
                for (String key : List.of("Edmondson", "微血管侵犯", "卫星结节", "包膜", "日期", "大小")) {
                    assertThat(line(got.get(pseudonym), key)).as(key + " in " + got.get(pseudonym)).isEqualTo(line(want.get(pseudonym), key));
                }
            }
        }
        // Stored marked as read by OCR (the others not), dated as the text's (the date read, then shifted the same way).
        Map<String, String> marks = transcribedBy(fromPaper);
        assertThat(marks).containsOnlyKeys(pseudonymScanned + "/pathology", pseudonymScanned + "/radiology", pseudonymPhoto + "/pathology");
        assertThat(marks.values()).allSatisfy(m -> assertThat(m).startsWith("by OCR (Tesseract ").containsPattern("mean confidence [89]\\d%"));
        assertThat(reportDates(fromPaper)).isEqualTo(reportDates(fromText).entrySet().stream()
                .filter(e -> !e.getKey().equals(byHn.get(illegible).pseudonym() + "/radiology"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        // No identifier of the paper survives: every name, number and phone of the centre's patients is gone.
        String stored = String.join("\n", Fixtures.reportBodies(fromPaper, "pathology").values()) + String.join("\n", Fixtures.reportBodies(fromPaper, "radiology").values());
        List<String> identifiers = Files.readAllLines(Fixtures.cohort().resolve("truth/identifiers.csv"));
        for (String line : identifiers.subList(1, identifiers.size())) {
            String[] f = line.split(",", 3);
            if (f[0].startsWith("C01") && !f[1].equals("name_pinyin_spaced")) assertThat(stored).doesNotContain(f[2]);
        }

        // The same paper again: OCR reads the same, nothing changes.
        IngestReport again = ingest(fromPaper, paper, home, ocr);
        assertThat(again.patientsUnchanged()).as(again.patients().toString()).isEqualTo(Fixtures.PATIENTS);

        // Without OCR the scans are named, and the patients stored without them.
        Database noOcr = Fixtures.freshSchema();
        IngestReport plain = ingest(noOcr, paper, tmp.resolve("home-plain"), Ocr.OFF);
        PatientOutcome first = plain.patients().stream().filter(p -> p.hospitalNumber().equals(scannedBoth)).findFirst().orElseThrow();
        assertThat(first.summary().reports()).isZero();
        assertThat(String.valueOf(first)).contains("a PDF without a text layer (a scanned page): its text is read only with OCR (livercast ingest --ocr)");
        assertThat(String.valueOf(plain.patients()) + plain.unlinkedFiles()).contains(photographed + "_pathology.jpg")
                .contains("an image (a scanned or photographed page?): its text is read only with OCR");
    }

    private static IngestReport ingest(Database db, Path export, Path home, Ocr ocr) throws Exception {
        return Ingest.run(new Ingest.Options("C01", export, home.resolve("store"), home.resolve("keys/C01.key"),
                Files.createTempDirectory(home.getParent(), "report-"), 2, false, ocr), db.jdbi(), s -> { });
    }

    private static List<String> patients(Path export) throws Exception {
        try (Stream<Path> s = Files.list(export.resolve("reports"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_pathology.txt")).map(n -> n.replace("_pathology.txt", "")).sorted().toList();
        }
    }

    private static String report(Path export, String hn, String kind) throws Exception {
        return TextEncoding.read(export.resolve("reports/" + hn + "_" + kind + ".txt")).text();
    }

    private static List<String> warnings(PatientOutcome p) { return p.warnings().stream().map(Object::toString).toList(); }

    /** The first line holding {@code key}, its spaces dropped (a page's layout spaces words its own way). */
    private static String line(String report, String key) {
        return report.lines().filter(l -> l.contains(key)).findFirst().map(OcrReportIngestTest::unspaced).orElse(null);
    }

    private static String unspaced(String s) { return s.replaceAll("\\s+", ""); }

    private static Map<String, String> transcribedBy(Database db) {
        Map<String, String> out = new java.util.TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery("select p.patient_id, r.kind, r.transcribed_by from report r join patient p on p.pk = r.patient_pk"
                + " where r.transcribed_by is not null").map((rs, ctx) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getString(3)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private static Map<String, String> reportDates(Database db) {
        Map<String, String> out = new java.util.TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery("select p.patient_id, r.kind, r.report_date from report r join patient p on p.pk = r.patient_pk")
                .map((rs, ctx) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), String.valueOf(rs.getString(3))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }
}
