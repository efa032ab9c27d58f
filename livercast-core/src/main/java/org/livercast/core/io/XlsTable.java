package org.livercast.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFCell;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;

/**
 * A clinical table sent as a legacy Excel workbook (.xls, the binary BIFF8 format of Excel 97–2003), which many hospital
 * information systems' "export to Excel" still writes: its first worksheet as the template's CSV, cell for cell as
 * {@link XlsxTable} reads a .xlsx — numbers to Excel's 15 significant digits, numbers in a date format (Excel's own, the
 * CJK locales' built-in ones, or a custom one with a day, month-year or 年/日) as ISO dates in the workbook's 1900 or 1904
 * system, booleans as true/false, a formula as its cached result. Read with Apache POI's HSSF, the reference reader of the
 * format; a workbook protected by a password is named, not guessed at.
 */
public final class XlsTable {
    private XlsTable() {}

    /** The OLE2 compound file's signature, which .xls (and .doc, .msg) files start with. */
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** A legacy workbook larger than this is no clinical table (Excel 97–2003 sheets end at 65,536 rows). */
    private static final long MAX_BYTES = 256L << 20;

    /** Whether {@code p} is a legacy Excel workbook: an OLE2 compound file holding a Workbook (or Excel 5's Book) stream. */
    public static boolean isXls(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            if (!java.util.Arrays.equals(in.readNBytes(OLE2.length), OLE2)) return false;
        } catch (IOException e) {
            return false;
        }
        try (POIFSFileSystem fs = new POIFSFileSystem(p.toFile(), true)) {
            return fs.getRoot().hasEntryCaseInsensitive("Workbook") || fs.getRoot().hasEntryCaseInsensitive("Book");
        } catch (IOException | RuntimeException notOle2) {
            return false;
        }
    }

    /** The workbook's first worksheet as CSV text; @throws IOException naming the file and why it cannot be read. */
    public static String csv(Path p) throws IOException { return sheets(p).get(0).csv(); }

    /** Every worksheet of the workbook, in its order, as CSV text; @throws IOException naming the file and why it cannot be read. */
    public static List<TableFile.Sheet> sheets(Path p) throws IOException {
        if (Files.size(p) > MAX_BYTES) throw new IOException(p + ": an Excel 97-2003 workbook of " + Files.size(p) + " bytes is no clinical table");
        try (POIFSFileSystem fs = new POIFSFileSystem(p.toFile(), true); HSSFWorkbook book = new HSSFWorkbook(fs.getRoot(), false)) {
            if (book.getNumberOfSheets() == 0) throw new IOException(p + ": the workbook has no worksheet");
            boolean date1904 = book.getInternalWorkbook().isUsing1904DateWindowing();
            List<TableFile.Sheet> out = new ArrayList<>();
            for (int i = 0; i < book.getNumberOfSheets(); i++) {
                HSSFSheet sheet = book.getSheetAt(i);
                List<List<String>> rows = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    HSSFRow row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    if (row != null) {
                        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) cells.add(text(row.getCell(c), date1904));
                    }
                    rows.add(cells);
                }
                out.add(new TableFile.Sheet(book.getSheetName(i), XlsxTable.csv(rows)));
            }
            return out;
        } catch (EncryptedDocumentException e) {
            throw new IOException(p + ": the workbook is protected by a password; save it without one", e);
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(p.toString())) throw e;
            throw new IOException(p + ": not a readable Excel 97-2003 workbook: " + e.getMessage(), e);
        }
    }

    private static String text(HSSFCell cell, boolean date1904) {
        if (cell == null) return "";
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                double v = cell.getNumericCellValue();
                short format = cell.getCellStyle().getDataFormat();
                boolean date = XlsxTable.DATE_FORMATS.contains((int) format) || XlsxTable.isDateFormat(cell.getCellStyle().getDataFormatString());
                yield date ? XlsxTable.date(v, date1904) : XlsxTable.number(Double.toString(v));
            }
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();     // #N/A: the validator names it
            default -> "";
        };
    }
}
