package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;

/**
 * Chinese hospital systems still export report text and Excel tables in GB18030 (GBK). Such an export is ingested as
 * its UTF-8 twin is: the same de-identified reports stored (as UTF-8), the same patients, each transcoded file named in
 * a warning — where before the reports were "not a file LiverCast ingests" and the patients lost them.
 */
class ChineseEncodingIngestTest {
    static final Charset GB18030 = Charset.forName("GB18030");

    @Test
    void reportsAndTablesSavedInGb18030AreStoredAsTheirUtf8Twins(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path utf8 = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("utf8")));
        Path gb = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("gb18030")));
        List<Path> texts;
        try (Stream<Path> s = Files.walk(gb)) {
            texts = s.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".csv")).toList();
        }
        int chinese = 0;
        for (Path p : texts) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            if (text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) chinese++;
            Files.write(p, text.getBytes(GB18030));
        }
        assertThat(chinese).as("reports in Chinese (else GB18030 would be ASCII and this test would prove nothing)").isGreaterThanOrEqualTo(Fixtures.PATIENTS);

        Database a = Fixtures.freshSchema();
        Database b = Fixtures.freshSchema();
        IngestReport fromUtf8 = Fixtures.ingest(a, utf8, home);
        IngestReport fromGb = Fixtures.ingest(b, gb, home);
        assertThat(fromGb.patientsRejected()).as(fromGb.patients().toString()).isZero();
        assertThat(fromGb.patientsAdded()).isEqualTo(fromUtf8.patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        for (PatientOutcome p : fromGb.patients()) {
            assertThat(p.summary().reports()).isEqualTo(2);
            assertThat(p.warnings().stream().map(Object::toString).filter(w -> w.contains("read as GB18030; stored as UTF-8")).count())
                    .as(p.hospitalNumber()).isEqualTo(2);
        }
        // The same key (one home): the same pseudonyms, the same de-identified text, byte for byte.
        String reports = "select p.patient_id, r.kind, r.language, r.body from report r join patient p on p.pk = r.patient_pk order by 1, 2";
        List<String> utf8Reports = a.jdbi().withHandle(h -> h.createQuery(reports).map((rs, ctx) -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4)).list());
        List<String> gbReports = b.jdbi().withHandle(h -> h.createQuery(reports).map((rs, ctx) -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4)).list());
        assertThat(gbReports).hasSize(2 * Fixtures.PATIENTS).isEqualTo(utf8Reports);
        assertThat(String.join("", gbReports)).contains("肝细胞癌").doesNotContain("\uFFFD");
        // And every other table: the clinical rows, the stored files' hashes (the reports stored as the same UTF-8 bytes).
        java.util.Map<String, String> sa = new java.util.TreeMap<>(Fixtures.snapshot(a));
        java.util.Map<String, String> sb = new java.util.TreeMap<>(Fixtures.snapshot(b));
        sa.keySet().removeIf(t -> t.startsWith("ingest"));
        sb.keySet().removeIf(t -> t.startsWith("ingest"));
        for (String t : sa.keySet()) assertThat(sb.get(t)).as(t).isEqualTo(sa.get(t));
    }
}
