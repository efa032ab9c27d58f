package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;

/**
 * Reports written in Word (.docx), as many hospital systems export them: made here by python-docx (Debian's
 * python3-docx, which .ci/run installs) — the letterhead in the page header, the report in the body, a footer with the
 * page number — and ingested as the text export of the same report is.
 */
class WordReportIngestTest {
    @Test
    void aReportWrittenInWordIsIngestedAsItsTextExport(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import docx").isEmpty(), "needs python3-docx");
        Path home = tmp.resolve("home");
        Path text = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("text")));
        Path word = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("word")));
        assertThat(WordFiles.docx(WordFiles.reports(word, "_radiology.txt"))).hasSize(Fixtures.PATIENTS);

        Fixtures.Twins twins = Fixtures.ingestTwins(text, word, home);
        IngestReport fromWord = twins.variantReport();
        assertThat(fromWord.patientsAdded()).as(fromWord.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        for (PatientOutcome p : fromWord.patients()) {
            assertThat(p.summary().reports()).isEqualTo(2);
            assertThat(p.warnings().stream().map(Object::toString))
                    .anySatisfy(w -> assertThat(w).contains("_radiology.docx").contains("read from the Word document; stored as UTF-8 text"));
        }
        Map<String, String> fromText = Fixtures.reportBodies(twins.original(), "radiology");
        Map<String, String> fromDocx = Fixtures.reportBodies(twins.variant(), "radiology");
        assertThat(fromDocx).hasSize(Fixtures.PATIENTS).isEqualTo(fromText);
        assertThat(String.join("\n", fromDocx.values())).doesNotContain("Page 1 of 1");
    }

    /** A paragraph a line; a tab and a line break as themselves; a table's cells in reading order. */
    @Test
    void tabsBreaksAndTablesReadInTheirOrder(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import docx").isEmpty(), "needs python3-docx");
        Path out = tmp.resolve("report.docx");
        assertThat(Fixtures.python("""
                import sys, docx
                d = docx.Document()
                d.add_paragraph('MRI report')
                p = d.add_paragraph('Segment:\\t7')
                p.add_run().add_break()
                p.add_run('LI-RADS: LR-5')
                t = d.add_table(rows=2, cols=2)
                t.cell(0, 0).text = 'APHE'
                t.cell(0, 1).text = 'yes'
                t.cell(1, 0).text = 'Washout'
                t.cell(1, 1).text = 'yes'
                d.add_paragraph('Impression: HCC')
                d.save(sys.argv[1])
                """, out.toString())).isEmpty();
        assertThat(org.livercast.ingest.discover.ReportText.read(out))
                .isEqualTo(new org.livercast.ingest.discover.ReportText("MRI report\nSegment:\t7\nLI-RADS: LR-5\nAPHE\nyes\nWashout\nyes\nImpression: HCC\n",
                        "from the Word document"));
    }
}
