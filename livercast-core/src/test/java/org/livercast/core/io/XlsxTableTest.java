package org.livercast.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clinical table as Excel saves it, made by openpyxl (Debian's python3-openpyxl, which .ci/run installs): strings,
 * numbers, real dates in Excel's own and a Chinese date format, booleans, cells left empty in the middle and at the end.
 */
class XlsxTableTest {
    static final String PYTHON = "/usr/bin/python3";

    @Test
    void theFirstSheetReadsAsTheCsvExcelWouldShow(@TempDir Path dir) throws Exception {
        assumeTrue(python("import openpyxl").isEmpty(), "needs python3-openpyxl");
        Path book = dir.resolve("patients.xlsx");
        assertThat(python("""
                import sys, datetime, openpyxl
                wb = openpyxl.Workbook()
                ws = wb.active
                ws.title = 'patients'
                ws.append(['patient_id', 'centre_id', 'sex', 'albumin', 'afp', 'surgery_date', 'screening_date', 'cirrhosis', 'nodule_sizes_mm', 'note'])
                ws.append(['A1', 'ZS', '男', 42, 12.5, datetime.datetime(2024, 1, 12), datetime.date(2023, 12, 30), True, '32;18', 'a, "quoted" note'])
                ws.append(['A2', 'ZS', 'female', 38.25, '>1210', datetime.datetime(2024, 2, 29, 8, 30), None, False, '20'])
                ws['G2'].number_format = 'yyyy"年"m"月"d"日"'
                ws.append([])
                ws.append(['A3', 'ZS', None, None, 0.0001])
                other = wb.create_sheet('notes')
                other.append(['not', 'this', 'sheet'])
                wb.save(sys.argv[1])
                """, book.toString())).isEmpty();
        assertThat(XlsxTable.isXlsx(book)).isTrue();
        assertThat(XlsxTable.csv(book)).isEqualTo("""
                patient_id,centre_id,sex,albumin,afp,surgery_date,screening_date,cirrhosis,nodule_sizes_mm,note
                A1,ZS,男,42,12.5,2024-01-12,2023-12-30,true,32;18,"a, ""quoted"" note"
                A2,ZS,female,38.25,>1210,2024-02-29 08:30,,false,20,
                A3,ZS,,,0.0001,,,,,
                """);
        // What the template's reader makes of it: the same as the CSV of the same table.
        ClinicalData fromBook = ClinicalCsv.read(book, null);
        assertThat(fromBook.errors()).extracting(RowError::field).containsOnly("note");   // not a template column
        // A workbook that is not one is named.
        Path broken = Files.write(dir.resolve("broken.xlsx"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThat(XlsxTable.isXlsx(broken)).isFalse();
        Path csv = Files.writeString(dir.resolve("plain.csv"), "patient_id\nA1\n");
        assertThat(new String(TableFile.patients(csv), StandardCharsets.UTF_8)).isEqualTo("patient_id\nA1\n");
        assertThatThrownBy(() -> XlsxTable.csv(broken)).hasMessageContaining("broken.xlsx");
    }

    /**
     * One workbook for both tables, as hospitals often send it: the patients on one sheet, the follow-up on another (here
     * after a notes sheet, in the centre's own column names): read as the two CSVs, each named by its sheet.
     */
    @Test
    void aWorkbookWithThePatientsAndTheEventsOnTwoSheetsReadsAsTheTwoTables(@TempDir Path dir) throws Exception {
        assumeTrue(python("import openpyxl, xlwt").isEmpty(), "needs python3-openpyxl and python3-xlwt");
        String patients = "patient_id,centre_id,sex,surgery_date\nA1,ZS,male,2024-01-12\nA2,ZS,female,2024-02-01\n";
        String events = "patient_id,event_type,event_date,recurrence_nodule_sizes_mm\nA1,recurrence,2024-06-01,15\n";
        Files.writeString(dir.resolve("columns.json"), "{\"columns\": {\"住院号\": \"patient_id\", \"随访日期\": \"event_date\"}}");
        for (String name : List.of("export.xlsx", "export.xls")) {
            Path book = dir.resolve(name);
            assertThat(python("""
                    import sys, openpyxl, xlwt
                    sheets = [('说明', [['exported by HIS']]),
                              ('随访', [['住院号', 'event_type', '随访日期', 'recurrence_nodule_sizes_mm'], ['A1', 'recurrence', '2024-06-01', '15']]),
                              ('患者', [['住院号', 'centre_id', 'sex', 'surgery_date'], ['A1', 'ZS', 'male', '2024-01-12'], ['A2', 'ZS', 'female', '2024-02-01']])]
                    if sys.argv[1].endswith('.xlsx'):
                        wb = openpyxl.Workbook()
                        wb.remove(wb.active)
                        for title, rows in sheets:
                            ws = wb.create_sheet(title)
                            for r in rows: ws.append(r)
                    else:
                        wb = xlwt.Workbook(encoding='utf-8')
                        for title, rows in sheets:
                            ws = wb.add_sheet(title)
                            for i, r in enumerate(rows):
                                for j, v in enumerate(r): ws.write(i, j, v)
                    wb.save(sys.argv[1])
                    """, book.toString())).isEmpty();
            assertThat(TableFile.sheets(book)).extracting(TableFile.Sheet::name).containsExactly("说明", "随访", "患者");
            assertThat(TableFile.eventsSheet(book).name()).isEqualTo("随访");
            ClinicalData fromBook = ClinicalCsv.read(book, null);
            ClinicalData fromCsv = ClinicalCsv.read("patients.csv", new java.io.ByteArrayInputStream(patients.getBytes(StandardCharsets.UTF_8)),
                    "events.csv", new java.io.ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)));
            assertThat(fromBook.errors()).as(name).isEmpty();
            assertThat(fromBook.records()).as(name).isEqualTo(fromCsv.records());
            assertThat(fromBook.records().get(0).events()).as(name).isNotEmpty();
        }
        // Read once for discovery, the patients and the events: the same sheets until the file changes.
        Path kept = dir.resolve("export.xlsx");
        assertThat(TableFile.sheets(kept)).isSameAs(TableFile.sheets(kept));
        assertThat(python("""
                import sys, openpyxl
                wb = openpyxl.Workbook()
                wb.active.title = 'patients'
                wb.active.append(['patient_id', 'sex'])
                wb.save(sys.argv[1])
                """, kept.toString())).isEmpty();
        Files.setLastModifiedTime(kept, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(kept).toMillis() + 5000));
        assertThat(TableFile.sheets(kept)).extracting(TableFile.Sheet::name).containsExactly("patients");
        // An events row in error is named by the workbook and its sheet.
        Path bad = dir.resolve("bad.xlsx");
        assertThat(python("""
                import sys, openpyxl
                wb = openpyxl.Workbook()
                wb.active.append(['住院号', 'sex'])
                wb.active.append(['A1', 'male'])
                ws = wb.create_sheet('随访')
                ws.append(['住院号', 'event_type', '随访日期'])
                ws.append(['A1', 'relapse', '2024-06-01'])
                wb.save(sys.argv[1])
                """, bad.toString())).isEmpty();
        assertThat(ClinicalCsv.read(bad, null).errors()).extracting(RowError::file).contains(bad + " [随访]");
    }

    @Test
    void serialDaysFormatsAndColumnsAsExcelCountsThem() {
        assertThat(XlsxTable.date(45303, false)).isEqualTo("2024-01-12");
        assertThat(XlsxTable.date(45303.5, false)).isEqualTo("2024-01-12 12:00");
        assertThat(XlsxTable.date(43841, true)).isEqualTo("2024-01-12");           // the 1904 system, 1,462 days later
        assertThat(XlsxTable.isDateFormat("yyyy\\-mm\\-dd")).isTrue();
        assertThat(XlsxTable.isDateFormat("yyyy\"年\"m\"月\"d\"日\"")).isTrue();
        assertThat(XlsxTable.isDateFormat("[$-804]yyyy年m月d日")).isTrue();
        assertThat(XlsxTable.isDateFormat("0.00%")).isFalse();
        assertThat(XlsxTable.isDateFormat("h:mm:ss")).isFalse();
        assertThat(XlsxTable.isDateFormat("\"days\" 0")).isFalse();
        assertThat(XlsxTable.number("86.90000000000001")).isEqualTo("86.9");
        assertThat(XlsxTable.number("9.199999999999999")).isEqualTo("9.2");
        assertThat(XlsxTable.number("1.2345678901234567E-5")).isEqualTo("0.0000123456789012346");
        assertThat(XlsxTable.number("42.0")).isEqualTo("42");
        assertThat(XlsxTable.number("1E+3")).isEqualTo("1000");
        assertThat(XlsxTable.column("A1")).isZero();
        assertThat(XlsxTable.column("Z9")).isEqualTo(25);
        assertThat(XlsxTable.column("AA10")).isEqualTo(26);
        assertThat(XlsxTable.column("BH3")).isEqualTo(59);
    }

    /** Runs a Python script; its standard error (empty when it ran). */
    static String python(String script, String... args) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) return "no " + PYTHON;
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? "" : err.isEmpty() ? "exit " + p.exitValue() : err;
    }
}
