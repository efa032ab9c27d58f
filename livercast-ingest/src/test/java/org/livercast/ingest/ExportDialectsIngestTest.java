package org.livercast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.ingest.report.IngestReport;
import org.livercast.ingest.report.PatientOutcome;
import org.livercast.study.db.Database;

/**
 * Exports as hospitals' systems write them. Chinese report systems and Excel on a Chinese Windows still save text in
 * GB18030 (GBK), Excel with dates as 2024/1/12: such an export is ingested as its UTF-8, ISO-dated twin is — the same de-identified reports stored (as UTF-8), the
 * same patients, each transcoded file named in a warning — where before the reports were "not a file LiverCast ingests"
 * and the patients lost them. Excel where the decimal mark is a comma separates cells by semicolons: the same store.
 */
class ExportDialectsIngestTest {
    static final Charset GB18030 = Charset.forName("GB18030");

    @Test
    void reportsAndTablesSavedInGb18030AreStoredAsTheirUtf8Twins(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path utf8 = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("utf8")));
        Path gb = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("gb18030")));
        int[] chinese = {0};
        int[] dates = {0};
        java.util.function.UnaryOperator<String> countChinese = text -> {
            if (text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) chinese[0]++;
            return text;
        };
        // Excel on a Chinese Windows writes dates as 2024/1/12 too.
        java.util.regex.Pattern tableDate = java.util.regex.Pattern.compile("(?<=^|,)(\\d{4})-(\\d{2})-(\\d{2})(?=,|$)", java.util.regex.Pattern.MULTILINE);
        Fixtures.rewriteTexts(gb, List.of(".csv"), text -> countChinese.apply(tableDate.matcher(text).replaceAll(m -> {
            dates[0]++;
            return m.group(1) + "/" + Integer.parseInt(m.group(2)) + "/" + Integer.parseInt(m.group(3));
        })), GB18030);
        Fixtures.rewriteTexts(gb, List.of(".txt"), countChinese, GB18030);
        assertThat(dates[0]).as("table dates rewritten as 2024/1/12").isGreaterThan(2 * Fixtures.PATIENTS);
        assertThat(chinese[0]).as("reports in Chinese (else GB18030 would be ASCII and this test would prove nothing)").isGreaterThanOrEqualTo(Fixtures.PATIENTS);

        Fixtures.Twins twins = Fixtures.ingestTwins(utf8, gb, home);
        Database a = twins.original();
        Database b = twins.variant();
        IngestReport fromUtf8 = twins.originalReport();
        IngestReport fromGb = twins.variantReport();
        assertThat(fromGb.patientsRejected()).as(fromGb.patients().toString()).isZero();
        assertThat(fromGb.patientsAdded()).isEqualTo(fromUtf8.patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        for (PatientOutcome p : fromGb.patients()) {
            assertThat(p.summary().reports()).isEqualTo(2);
            assertThat(p.warnings().stream().map(Object::toString).filter(w -> w.contains("read as GB18030; stored as UTF-8 text")).count())
                    .as(p.hospitalNumber()).isEqualTo(2);
        }
        // The same key (one home): the same pseudonyms, the same de-identified text, byte for byte.
        String reports = "select p.patient_id, r.kind, r.language, r.body from report r join patient p on p.pk = r.patient_pk order by 1, 2";
        List<String> utf8Reports = a.jdbi().withHandle(h -> h.createQuery(reports).map((rs, ctx) -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4)).list());
        List<String> gbReports = b.jdbi().withHandle(h -> h.createQuery(reports).map((rs, ctx) -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4)).list());
        assertThat(gbReports).hasSize(2 * Fixtures.PATIENTS).isEqualTo(utf8Reports);
        assertThat(String.join("", gbReports)).contains("肝细胞癌").doesNotContain("\uFFFD");
        // And every other table: the clinical rows, the stored files' hashes (the reports stored as the same UTF-8 bytes).
        Fixtures.assertSameStore(twins);
    }

    /** Excel where the decimal mark is a comma saves "CSV" with semicolons between cells: the same patients, the same store. */
    @Test
    void tablesSeparatedBySemicolonsWithDecimalCommasAreIngestedAsTheCommaSeparatedOnes(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path comma = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("comma")));
        Path semicolon = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("semicolon")));
        int decimals = 0;
        for (String table : List.of("patients.csv", "events.csv")) {
            Path f = semicolon.resolve("clinical").resolve(table);
            StringBuilder out = new StringBuilder();
            org.apache.commons.csv.CSVFormat excel = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
            try (var parser = org.apache.commons.csv.CSVParser.parse(f, StandardCharsets.UTF_8, org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                    .setCommentMarker('#').get()); var printer = new org.apache.commons.csv.CSVPrinter(out, excel)) {
                for (var record : parser) {
                    List<String> cells = new java.util.ArrayList<>();
                    for (String cell : record) {
                        if (cell.matches("-?\\d+\\.\\d+")) decimals++;
                        cells.add(cell.matches("-?\\d+\\.\\d+") ? cell.replace('.', ',') : cell);
                    }
                    printer.printRecord(cells);
                }
            }
            Files.writeString(f, out);
        }
        assertThat(decimals).as("decimal numbers rewritten with a comma").isGreaterThan(Fixtures.PATIENTS);

        Fixtures.Twins twins = Fixtures.ingestTwins(comma, semicolon, home);
        Database a = twins.original();
        Database b = twins.variant();
        IngestReport fromComma = twins.originalReport();
        IngestReport fromSemicolon = twins.variantReport();
        assertThat(fromSemicolon.patientsRejected()).as(fromSemicolon.patients().toString()).isZero();
        assertThat(fromSemicolon.patientsAdded()).isEqualTo(fromComma.patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        // The stored copies of the tables keep the centre's cells as written ("1,05"): every other file is the same.
        Fixtures.assertSameStore(twins, "stored_file");
        String files = "select p.patient_id || ' ' || f.kind || ' ' || f.sha256 from stored_file f join patient p on p.pk = f.patient_pk"
                + " where f.kind not like '%_table' order by 1";
        List<String> fa = a.jdbi().withHandle(h -> h.createQuery(files).mapTo(String.class).list());
        List<String> fb = b.jdbi().withHandle(h -> h.createQuery(files).mapTo(String.class).list());
        assertThat(fb).hasSizeGreaterThan(Fixtures.PATIENTS * 50).isEqualTo(fa);
    }

    /** Hospitals send tables as Excel workbooks more often than as CSV: dates as real dates, numbers as numbers. */
    @Test
    void tablesSentAsExcelWorkbooksAreIngestedAsTheCsvOnes(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import openpyxl").isEmpty(), "needs python3-openpyxl");
        Path home = tmp.resolve("home");
        Path csv = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("csv")));
        Path excel = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("excel")));
        String script = """
                import sys, csv, datetime, os, re, openpyxl
                for src in sys.argv[1:]:
                    rows = [r for r in csv.reader(open(src, encoding='utf-8')) if r and not r[0].startswith('#')]
                    wb = openpyxl.Workbook()
                    ws = wb.active
                    for r in rows:
                        out = []
                        for cell in r:
                            if re.fullmatch(r'\\d{4}-\\d{2}-\\d{2}', cell): out.append(datetime.date.fromisoformat(cell))
                            elif re.fullmatch(r'-?\\d+', cell): out.append(int(cell))
                            elif re.fullmatch(r'-?\\d+\\.\\d+', cell): out.append(float(cell))
                            else: out.append(cell if cell != '' else None)
                        ws.append(out)
                    wb.save(src[:-4] + '.xlsx')
                    os.remove(src)
                """;
        assertThat(Fixtures.python(script, excel.resolve("clinical/patients.csv").toString(), excel.resolve("clinical/events.csv").toString())).isEmpty();
        Fixtures.Twins twins = Fixtures.ingestTwins(csv, excel, home);
        assertThat(twins.variantReport().exportProblems()).isEmpty();
        assertThat(twins.variantReport().patientsAdded()).as(twins.variantReport().patients().toString()).isEqualTo(Fixtures.PATIENTS);
        // The same store, the de-identified copies of the tables included: they are written from the same cells.
        Fixtures.assertSameStore(twins);
    }

    /** Many hospital systems' "export to Excel" still writes Excel 97-2003 (.xls): the same store as the CSV export. */
    @Test
    void tablesSentAsLegacyExcelWorkbooksAreIngestedAsTheCsvOnes(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import xlwt").isEmpty(), "needs python3-xlwt");
        Path home = tmp.resolve("home");
        Path csv = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("csv")));
        Path excel = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("xls")));
        String script = """
                import sys, csv, datetime, os, re, xlwt
                day = xlwt.easyxf(num_format_str='YYYY-MM-DD')
                for src in sys.argv[1:]:
                    rows = [r for r in csv.reader(open(src, encoding='utf-8')) if r and not r[0].startswith('#')]
                    wb = xlwt.Workbook(encoding='utf-8')
                    ws = wb.add_sheet('export')
                    for i, r in enumerate(rows):
                        for j, cell in enumerate(r):
                            if re.fullmatch(r'\\d{4}-\\d{2}-\\d{2}', cell): ws.write(i, j, datetime.date.fromisoformat(cell), day)
                            elif re.fullmatch(r'-?\\d+', cell) and i > 0: ws.write(i, j, int(cell))
                            elif re.fullmatch(r'-?\\d+\\.\\d+', cell): ws.write(i, j, float(cell))
                            elif cell != '': ws.write(i, j, cell)
                    wb.save(src[:-4] + '.xls')
                    os.remove(src)
                """;
        assertThat(Fixtures.python(script, excel.resolve("clinical/patients.csv").toString(), excel.resolve("clinical/events.csv").toString())).isEmpty();
        Fixtures.Twins twins = Fixtures.ingestTwins(csv, excel, home);
        assertThat(twins.variantReport().exportProblems()).isEmpty();
        assertThat(twins.variantReport().unlinkedFiles()).isEmpty();
        assertThat(twins.variantReport().patientsAdded()).as(twins.variantReport().patients().toString()).isEqualTo(Fixtures.PATIENTS);
        Fixtures.assertSameStore(twins);
    }

    /** One workbook for both tables — the patients on one sheet, the follow-up events on another: the same store. */
    @Test
    void bothTablesAsSheetsOfOneWorkbookAreIngestedAsTheTwoCsvs(@TempDir Path tmp) throws Exception {
        assumeTrue(Fixtures.python("import openpyxl").isEmpty(), "needs python3-openpyxl");
        Path home = tmp.resolve("home");
        Path csv = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("csv")));
        Path excel = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("workbook")));
        String script = """
                import sys, csv, datetime, os, re, openpyxl
                wb = openpyxl.Workbook()
                wb.remove(wb.active)
                for title, src in (('随访', sys.argv[2]), ('患者信息', sys.argv[1])):
                    ws = wb.create_sheet(title)
                    for r in csv.reader(open(src, encoding='utf-8')):
                        if not r or r[0].startswith('#'): continue
                        ws.append([datetime.date.fromisoformat(c) if re.fullmatch(r'\\d{4}-\\d{2}-\\d{2}', c) else (c if c != '' else None) for c in r])
                    os.remove(src)
                wb.save(os.path.join(os.path.dirname(sys.argv[1]), 'export.xlsx'))
                """;
        assertThat(Fixtures.python(script, excel.resolve("clinical/patients.csv").toString(), excel.resolve("clinical/events.csv").toString())).isEmpty();
        Fixtures.Twins twins = Fixtures.ingestTwins(csv, excel, home);
        assertThat(twins.variantReport().exportProblems()).isEmpty();
        assertThat(twins.variantReport().patientsAdded()).as(twins.variantReport().patients().toString()).isEqualTo(Fixtures.PATIENTS);
        assertThat(Fixtures.snapshot(twins.variant()).get("timeline_event")).as("the events sheet was read").isNotEqualTo("[]");
        Fixtures.assertSameStore(twins);
    }

    /** A hospital's own column names, mapped once by its data manager in a columns.json beside the tables: the same store. */
    @Test
    void tablesWithTheCentresOwnColumnNamesAreIngestedThroughItsMapping(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path template = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("template")));
        Path own = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("own")));
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("patient_id", "住院号");
        names.put("sex", "性别");
        names.put("birth_date", "出生日期");
        names.put("afp", "AFP(ng/ml)");
        names.put("surgery_date", "手术日期");
        names.put("event_date", "随访日期");
        names.put("event_type", "事件");
        for (String table : List.of("patients.csv", "events.csv")) {
            Path f = own.resolve("clinical").resolve(table);
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
            int header = 0;
            while (lines.get(header).startsWith("#")) header++;
            List<String> renamed = new java.util.ArrayList<>();
            for (String column : lines.get(header).split(",", -1)) renamed.add(names.getOrDefault(column, column));
            lines.set(header, String.join(",", renamed));
            Files.write(f, lines, StandardCharsets.UTF_8);
        }
        StringBuilder json = new StringBuilder("{\"columns\": {");
        names.forEach((t, c) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ", ").append('"').append(c).append("\": \"").append(t).append('"'));
        Files.writeString(own.resolve("clinical").resolve("columns.json"), json.append("}}"));

        Fixtures.Twins twins = Fixtures.ingestTwins(template, own, home);
        assertThat(twins.variantReport().exportProblems()).isEmpty();
        assertThat(twins.variantReport().unlinkedFiles()).as("the mapping belongs to the tables").isEmpty();
        assertThat(twins.variantReport().patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        // The same store, the de-identified copies of the tables included: they carry the template's names.
        Fixtures.assertSameStore(twins);
    }

    /**
     * A European centre writes 12/01/2024 for 12 January, in its tables and its reports. Declared once in its
     * columns.json ({"dates": "day-first"}), the export is ingested as its ISO twin: the same store, the reports' dates
     * shifted as theirs are. Undeclared, no patient is stored and each is told how to declare it.
     */
    @Test
    void aCentreWritingDayFirstDatesIsIngestedAsItsIsoTwinOnceItDeclaresTheOrder(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path iso = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("iso")));
        Path dayFirst = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("day-first")));
        java.util.regex.Pattern isoDate = java.util.regex.Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
        int[] rewritten = {0};
        Fixtures.rewriteTexts(dayFirst, List.of(".txt", ".csv"), text -> isoDate.matcher(text).replaceAll(m -> {
            rewritten[0]++;
            return m.group(3) + "/" + m.group(2) + "/" + m.group(1);
        }), StandardCharsets.UTF_8);
        assertThat(rewritten[0]).as("dates rewritten day-first").isGreaterThan(4 * Fixtures.PATIENTS);

        Database undeclared = Fixtures.freshSchema();
        IngestReport refused = Fixtures.ingest(undeclared, dayFirst, home);
        assertThat(refused.patientsAdded()).isZero();
        assertThat(refused.patients()).allSatisfy(p -> assertThat(p.reasons().toString()).contains("surgery_date", "{\"dates\": \"day-first\"}"));
        assertThat(Fixtures.snapshot(undeclared)).containsEntry("patient", "[]").containsEntry("stored_file", "[]").containsEntry("report", "[]");

        Files.writeString(dayFirst.resolve("clinical").resolve("columns.json"), "{\"dates\": \"day-first\"}");
        Fixtures.Twins twins = Fixtures.ingestTwins(iso, dayFirst, home);
        assertThat(twins.variantReport().patientsRejected()).as(twins.variantReport().patients().toString()).isZero();
        assertThat(twins.variantReport().patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        // Every table, the de-identified tables and reports included: the same days, shifted alike, written as ISO.
        Fixtures.assertSameStore(twins);
    }

    /**
     * Taiwan's and Hong Kong's systems write reports in traditional characters, saved in Big5: the patients are ingested
     * as their simplified twins are — the same findings' date, the identifiers in 住院號 / 電話 fields scrubbed — and the
     * text is kept as the centre wrote it (UTF-8, traditional), reading as the twin's once simplified.
     */
    @Test
    void traditionalChineseReportsSavedInBig5AreIngestedAsTheirSimplifiedTwins(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path simplified = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("simplified")));
        Path big5 = Fixtures.copyOfExport(Files.createDirectories(tmp.resolve("big5")));
        var toTraditional = com.ibm.icu.text.Transliterator.getInstance("Simplified-Traditional");
        int[] chinese = {0};
        Fixtures.rewriteTexts(big5, List.of(".txt"), text -> {
            String t = toTraditional.transliterate(text);
            if (t.contains("住院號")) chinese[0]++;
            return t;
        }, Charset.forName("Big5-HKSCS"));
        assertThat(chinese[0]).as("reports with a traditional 住院號 field").isGreaterThanOrEqualTo(Fixtures.PATIENTS);

        Fixtures.Twins twins = Fixtures.ingestTwins(simplified, big5, home);
        IngestReport fromBig5 = twins.variantReport();
        assertThat(fromBig5.patientsRejected()).as(fromBig5.patients().toString()).isZero();
        assertThat(fromBig5.patientsAdded()).isEqualTo(Fixtures.PATIENTS);
        for (PatientOutcome p : fromBig5.patients()) {
            assertThat(p.summary().reports()).isEqualTo(2);
            assertThat(p.warnings().toString()).contains("read as Big5-HKSCS; stored as UTF-8 text");
        }
        Fixtures.assertSameStoreButReportText(twins);
        String dates = "select p.patient_id || ' ' || r.kind || ' ' || r.report_date || ' ' || r.language from report r join patient p on p.pk = r.patient_pk order by 1";
        List<String> variantDates = twins.variant().jdbi().withHandle(h -> h.createQuery(dates).mapTo(String.class).list());
        List<String> originalDates = twins.original().jdbi().withHandle(h -> h.createQuery(dates).mapTo(String.class).list());
        assertThat(variantDates).hasSize(2 * Fixtures.PATIENTS).isEqualTo(originalDates);
        var original = Fixtures.reportBodies(twins.original(), "pathology");
        var variant = Fixtures.reportBodies(twins.variant(), "pathology");
        assertThat(variant).hasSize(Fixtures.PATIENTS).doesNotContainValue(null);
        variant.forEach((id, body) -> {
            assertThat(body).as(id).contains("病理診斷", "住院號：" + id).doesNotContain("\uFFFD");
            assertThat(org.livercast.core.io.ChineseScript.simplified(body)).as(id).isEqualTo(original.get(id));
        });
    }
}
