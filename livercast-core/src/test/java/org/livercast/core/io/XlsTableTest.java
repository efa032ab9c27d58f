package org.livercast.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clinical table as a hospital system's "export to Excel" still writes it, in the binary Excel 97–2003 format, made by
 * xlwt (Debian's python3-xlwt, which .ci/run installs): the table {@link XlsxTableTest} writes as .xlsx reads as the
 * same CSV, cell for cell.
 */
class XlsTableTest {
    @Test
    void theFirstSheetOfALegacyWorkbookReadsAsTheSameTableInXlsx(@TempDir Path dir) throws Exception {
        assumeTrue(XlsxTableTest.python("import xlwt").isEmpty(), "needs python3-xlwt");
        Path book = dir.resolve("patients.xls");
        assertThat(XlsxTableTest.python("""
                import sys, datetime, xlwt
                wb = xlwt.Workbook(encoding='utf-8')
                ws = wb.add_sheet('patients')
                day = xlwt.easyxf(num_format_str='YYYY-MM-DD')
                minute = xlwt.easyxf(num_format_str='YYYY-MM-DD HH:MM')
                chinese = xlwt.easyxf(num_format_str='yyyy"年"m"月"d"日"')
                header = ['patient_id', 'centre_id', 'sex', 'albumin', 'afp', 'surgery_date', 'screening_date', 'cirrhosis', 'nodule_sizes_mm', 'note']
                for c, h in enumerate(header): ws.write(0, c, h)
                row1 = ['A1', 'ZS', '男', 42, 12.5, None, None, True, '32;18', 'a, "quoted" note']
                for c, v in enumerate(row1):
                    if v is not None: ws.write(1, c, v)
                ws.write(1, 5, datetime.datetime(2024, 1, 12), day)
                ws.write(1, 6, datetime.date(2023, 12, 30), chinese)
                for c, v in enumerate(['A2', 'ZS', 'female', 38.25, '>1210']): ws.write(2, c, v)
                ws.write(2, 5, datetime.datetime(2024, 2, 29, 8, 30), minute)
                ws.write(2, 7, False)
                ws.write(2, 8, '20')
                for c, v in enumerate(['A3', 'ZS']): ws.write(4, c, v)
                ws.write(4, 4, 0.0001)
                wb.add_sheet('notes').write(0, 0, 'not this sheet')
                wb.save(sys.argv[1])
                """, book.toString())).isEmpty();
        assertThat(XlsTable.isXls(book)).isTrue();
        assertThat(XlsxTable.isXlsx(book)).isFalse();
        assertThat(XlsTable.csv(book)).isEqualTo("""
                patient_id,centre_id,sex,albumin,afp,surgery_date,screening_date,cirrhosis,nodule_sizes_mm,note
                A1,ZS,男,42,12.5,2024-01-12,2023-12-30,true,32;18,"a, ""quoted"" note"
                A2,ZS,female,38.25,>1210,2024-02-29 08:30,,false,20,
                A3,ZS,,,0.0001,,,,,
                """);
        assertThat(new String(TableFile.patients(book), StandardCharsets.UTF_8)).isEqualTo(XlsTable.csv(book));
        assertThat(ClinicalCsv.read(book, null).errors()).extracting(RowError::field).containsOnly("note");   // not a template column

        // The Mac's 1904 date system: the same day.
        Path mac = dir.resolve("mac.xls");
        assertThat(XlsxTableTest.python("""
                import sys, datetime, xlwt
                wb = xlwt.Workbook()
                wb.dates_1904 = True
                ws = wb.add_sheet('t')
                ws.write(0, 0, 'surgery_date')
                ws.write(1, 0, datetime.date(2024, 1, 12), xlwt.easyxf(num_format_str='YYYY-MM-DD'))
                wb.save(sys.argv[1])
                """, mac.toString())).isEmpty();
        assertThat(XlsTable.csv(mac)).isEqualTo("surgery_date\n2024-01-12\n");
    }

    @Test
    void otherCompoundFilesAndBrokenWorkbooksAreNamed(@TempDir Path dir) throws Exception {
        // A Word 97 document is an OLE2 compound file too, without a Workbook stream: not a table.
        Path doc = dir.resolve("report.doc");
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem(); var out = Files.newOutputStream(doc)) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[600]), "WordDocument");
            fs.writeFilesystem(out);
        }
        assertThat(XlsTable.isXls(doc)).isFalse();
        Path csv = Files.writeString(dir.resolve("plain.csv"), "patient_id\nA1\n");
        assertThat(XlsTable.isXls(csv)).isFalse();
        // A workbook stream that is not BIFF: named with the file.
        Path broken = dir.resolve("broken.xls");
        try (var fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem(); var out = Files.newOutputStream(broken)) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), "Workbook");
            fs.writeFilesystem(out);
        }
        assertThat(XlsTable.isXls(broken)).isTrue();
        assertThatThrownBy(() -> XlsTable.csv(broken)).hasMessageStartingWith(broken + ": not a readable Excel 97-2003 workbook");
    }
}
