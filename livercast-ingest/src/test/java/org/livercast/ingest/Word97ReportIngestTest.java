package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hwpf.HWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.discover.ReportText;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;

/**
 * Reports in Word 97-2003's binary format (.doc), which many Chinese hospitals' report systems still export: written
 * here by LiverCast's synthetic reports through python-docx and LibreOffice ({@link WordFiles}), and ingested as the text
 * export of the same reports is — the letterhead from the page header, the footer left out, a table's cells, breaks and
 * fields as the page shows them. A .doc protected by a password, or damaged, is named and nothing else is lost.
 */
class Word97ReportIngestTest {
    @Test
    void reportsSavedAsWord97AreIngestedAsTheirTextExport(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import docx").isEmpty(), "needs python3-docx");
        assumeTrue(WordFiles.soffice().isPresent(), "needs LibreOffice (libreoffice-writer-nogui, which .ci/run installs) to write .doc files");
        Path home = tmp.resolve("home");
        Path text = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("text")));
        Path word = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("word")));
        List<Path> docx = WordFiles.docx(WordFiles.reports(word, "_radiology.txt", "_pathology.txt"));
        assertThat(docx).hasSize(2 * Fixtures.PATIENTS);
        List<Path> docs = WordFiles.fromDocx(docx, tmp);
        // A .doc is a compound file, as an .xls is: it is not taken for a workbook.
        assertThat(Files.readAllBytes(docs.get(0))).startsWith(0xD0, 0xCF, 0x11, 0xE0);

        Fixtures.Twins twins = Fixtures.ingestTwins(text, word, home);
        IngestReport fromWord = twins.variantReport();
        assertThat(fromWord.patientsAdded()).as(fromWord.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        assertThat(fromWord.unlinkedFiles()).isEqualTo(twins.originalReport().unlinkedFiles());
        for (PatientOutcome p : fromWord.patients()) {
            assertThat(p.summary().reports()).isEqualTo(2);
            assertThat(p.warnings().stream().map(Object::toString))
                    .anySatisfy(w -> assertThat(w).contains("_pathology.doc").contains("read from the Word document; stored as UTF-8 text"))
                    .anySatisfy(w -> assertThat(w).contains("_radiology.doc").contains("read from the Word document; stored as UTF-8 text"));
        }
        for (String kind : List.of("pathology", "radiology")) {
            Map<String, String> fromText = Fixtures.reportBodies(twins.original(), kind);
            Map<String, String> fromDoc = Fixtures.reportBodies(twins.variant(), kind);
            assertThat(fromDoc).hasSize(Fixtures.PATIENTS).isEqualTo(fromText);
            assertThat(String.join("\n", fromDoc.values())).doesNotContain("Page 1 of 1");
        }
        // Everything else the same: findings, dates, pseudonyms; only the files ingested (their hash) differ.
        Fixtures.assertSameStoreButReportText(twins);
    }

    /**
     * The page as it shows: the letterhead from the header (its page-number field as the number), a paragraph a line,
     * a tab and a line break as themselves, a table's cells in reading order, a field's result and not its code; the
     * footer left out — the same text the .docx it was saved from gives.
     */
    @Test
    void headersTablesBreaksAndFieldsReadAsThePageShowsThem(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import docx").isEmpty(), "needs python3-docx");
        assumeTrue(WordFiles.soffice().isPresent(), "needs LibreOffice to write .doc files");
        Path docx = tmp.resolve("report.docx");
        assertThat(Fixtures.python("""
                import sys, docx
                from docx.oxml import parse_xml
                W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
                d = docx.Document()
                h = d.sections[0].header.paragraphs[0]
                h.text = '中山大学附属第三医院 影像科 第'
                h._p.append(parse_xml('<w:fldSimple %s w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>' % W))
                h.add_run('页')
                d.sections[0].footer.paragraphs[0].text = '打印时间：2026-05-01'
                d.add_paragraph('MRI检查报告')
                p = d.add_paragraph('部位：\\t肝脏')
                p.add_run().add_break()
                p.add_run('LI-RADS：LR-5')
                t = d.add_table(rows=2, cols=2)
                t.cell(0, 0).text = '动脉期高强化'
                t.cell(0, 1).text = '有'
                t.cell(1, 0).text = '廓清'
                t.cell(1, 1).text = ''
                d.add_paragraph('印象：肝细胞癌')
                d.save(sys.argv[1])
                """, docx.toString())).isEmpty();
        String fromDocx = ReportText.read(docx).text();
        Path doc = WordFiles.fromDocx(List.of(Files.copy(docx, tmp.resolve("saved-as-97.docx"))), tmp).get(0);
        ReportText fromDoc = ReportText.read(doc);
        String page = "中山大学附属第三医院 影像科 第1页\nMRI检查报告\n部位：\t肝脏\nLI-RADS：LR-5\n动脉期高强化\n有\n廓清\n\n印象：肝细胞癌\n";
        assertThat(fromDoc).isEqualTo(new ReportText(page, "from the Word document"));
        assertThat(fromDocx).isEqualTo(page);
    }

    /**
     * A report laid out with a text box (the patient line in a frame, as report templates do): its lines read once —
     * a .docx holds the box twice, as DrawingML and as a VML fallback — after the paragraph it is anchored in (.docx)
     * or after the body (.doc, where text boxes are a story of their own); so its hospital number is found and scrubbed.
     */
    @Test
    void aTextBoxIsReadOnce(@TempDir Path tmp) throws Exception {
        assumeTrue(WordFiles.soffice().isPresent(), "needs LibreOffice to write Word files");
        Path fodt = tmp.resolve("framed.fodt");
        Files.writeString(fodt, """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
                    xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2"
                    office:mimetype="application/vnd.oasis.opendocument.text">
                <office:body><office:text>
                <text:p>MRI检查报告</text:p>
                <text:p><draw:frame draw:name="patient" text:anchor-type="paragraph" svg:width="8cm" svg:height="2cm"><draw:text-box>
                <text:p>姓名：王芳 住院号：C0130258381</text:p></draw:text-box></draw:frame>肝S8段见一肿块，大小约3.2 cm。</text:p>
                <text:p>印象：LR-5。</text:p>
                </office:text></office:body></office:document>
                """);
        Path docx = WordFiles.saveAs(fodt, "docx", tmp);
        Path doc = WordFiles.saveAs(fodt, "doc", tmp);
        assertThat(ReportText.read(docx).text()).isEqualTo("MRI检查报告\n肝S8段见一肿块，大小约3.2 cm。\n姓名：王芳 住院号：C0130258381\n印象：LR-5。\n");
        assertThat(ReportText.read(doc).text()).isEqualTo("MRI检查报告\n肝S8段见一肿块，大小约3.2 cm。\n印象：LR-5。\n姓名：王芳 住院号：C0130258381\n");
    }

    @Test
    void aDocProtectedByAPasswordOrDamagedIsNamedAndTheRestStored(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import docx").isEmpty(), "needs python3-docx");
        assumeTrue(WordFiles.soffice().isPresent(), "needs LibreOffice to write .doc files");
        Path home = tmp.resolve("home");
        Path export = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("export")));
        List<Path> docs = WordFiles.fromDocx(WordFiles.docx(WordFiles.reports(export, "_pathology.txt").subList(0, 2)), tmp);
        // The first saved with a password (Word's RC4 encryption, as POI writes it); the second cut short in transfer.
        HWPFDocument d;
        try (InputStream in = Files.newInputStream(docs.get(0))) {
            d = new HWPFDocument(in);
        }
        Biff8EncryptionKey.setCurrentUserPassword("病理科2026");
        try (OutputStream out = Files.newOutputStream(docs.get(0))) {
            d.write(out);
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        byte[] whole = Files.readAllBytes(docs.get(1));
        Files.write(docs.get(1), java.util.Arrays.copyOf(whole, whole.length / 3));
        assertThatThrownBy(() -> ReportText.read(docs.get(0))).hasMessage(docs.get(0) + ": a Word document protected by a password: export the report without one");
        assertThatThrownBy(() -> ReportText.read(docs.get(1))).hasMessageStartingWith(docs.get(1) + ": not a readable Word document: ");

        IngestReport r = Fixtures.ingest(Fixtures.freshSchema(), export, home);
        assertThat(r.patientsAdded()).as(r.patients().toString()).isEqualTo(Fixtures.PATIENTS);
        String named = r.patients() + " " + r.unlinkedFiles();
        assertThat(named).contains(docs.get(0).getFileName() + ": a Word document protected by a password: export the report without one");
        assertThat(named).contains(docs.get(1).getFileName() + ": not a readable Word document");
        for (PatientOutcome p : r.patients()) {
            boolean lost = docs.stream().anyMatch(doc -> doc.getFileName().toString().startsWith(p.hospitalNumber() + "_"));
            assertThat(p.summary().reports()).as(p.hospitalNumber()).isEqualTo(lost ? 1 : 2);
        }
    }
}
