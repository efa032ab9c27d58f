package org.livercast.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A clinical table sent as an Excel workbook (.xlsx, Office Open XML), as hospitals send them more often than CSV: its
 * first worksheet as the template's CSV, so that it is validated, ingested and de-identified as a CSV is. Cells are read
 * as Excel shows them where it matters: shared and inline strings, numbers without binary tails, booleans as true/false,
 * and a number in a date format (Excel stores dates as days since 1899-12-30, or 1904-01-01) as the ISO date it displays
 * — including the CJK locales' built-in date formats (年/月/日). Empty cells Excel leaves out are blanks; a row is as wide
 * as the header. Read with the JDK's zip and StAX parser, DTDs and external entities refused: a workbook is untrusted input.
 */
public final class XlsxTable {
    private XlsxTable() {}

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    /** A sheet larger than this is not a clinical table (and a zip bomb's entry would be read forever). */
    private static final long MAX_XML_BYTES = 256L << 20;
    /** Excel's built-in number formats that display a date: its own (14-22, 45-47) and the CJK locales' (27-36, 50-58). */
    static final java.util.Set<Integer> DATE_FORMATS = java.util.Set.of(14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31,
            32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58);

    /** Whether {@code p} is an Excel workbook (a zip holding xl/workbook.xml). */
    public static boolean isXlsx(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] h = in.readNBytes(4);
            if (h.length < 4 || h[0] != 'P' || h[1] != 'K' || h[2] != 3 || h[3] != 4) return false;
        } catch (IOException e) {
            return false;
        }
        try (ZipFile zip = new ZipFile(p.toFile())) {
            return zip.getEntry("xl/workbook.xml") != null;
        } catch (IOException notAZip) {
            return false;
        }
    }

    /** The workbook's first worksheet as CSV text; @throws IOException naming the file and what in it cannot be read. */
    public static String csv(Path p) throws IOException { return sheets(p).get(0).csv(); }

    /** Every worksheet of the workbook, in its order, as CSV text; @throws IOException naming the file and what in it cannot be read. */
    public static List<TableFile.Sheet> sheets(Path p) throws IOException {
        try (ZipFile zip = new ZipFile(p.toFile())) {
            Workbook book = workbook(zip, p);
            List<String> shared = sharedStrings(zip, p);
            List<Boolean> dateStyles = dateStyles(zip, p);
            List<TableFile.Sheet> out = new ArrayList<>();
            for (var sheet : book.sheets()) {
                out.add(new TableFile.Sheet(sheet.getKey(), csv(cells(zip, sheet.getValue(), p, shared, dateStyles, book.date1904()))));
            }
            return out;
        } catch (ZipException e) {
            throw new IOException(p + ": not a readable Excel workbook: " + e.getMessage(), e);
        }
    }

    /** A sheet's rows as CSV text: as wide as its header, empty rows left out (shared with {@link XlsTable}). */
    static String csv(List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        int width = rows.isEmpty() ? 0 : rows.get(0).size();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            for (List<String> row : rows) {
                if (row.stream().allMatch(String::isEmpty)) continue;
                List<String> r = new ArrayList<>(row);
                while (r.size() < width) r.add("");
                // Beyond the header only empty cells are dropped: a value there is the CSV reader's to refuse.
                while (r.size() > width && r.get(r.size() - 1).isEmpty()) r.remove(r.size() - 1);
                printer.printRecord(r);
            }
        }
        return out.toString();
    }

    /** A workbook's worksheets (name and part, in the workbook's order) and its date system. */
    private record Workbook(List<Map.Entry<String, String>> sheets, boolean date1904) {}

    private static Workbook workbook(ZipFile zip, Path p) throws IOException {
        List<String[]> ids = new ArrayList<>();
        boolean[] date1904 = {false};
        parse(zip, "xl/workbook.xml", p, r -> {
            if (r.getLocalName().equals("workbookPr")) date1904[0] = truthy(r.getAttributeValue(null, "date1904"));
            if (r.getLocalName().equals("sheet")) ids.add(new String[] {r.getAttributeValue(null, "name"), r.getAttributeValue(RELS, "id")});
        });
        if (ids.isEmpty()) throw new IOException(p + ": the workbook has no worksheet");
        Map<String, String> targets = new HashMap<>();
        parse(zip, "xl/_rels/workbook.xml.rels", p, r -> {
            if (r.getLocalName().equals("Relationship")) targets.put(r.getAttributeValue(null, "Id"), r.getAttributeValue(null, "Target"));
        });
        List<Map.Entry<String, String>> sheets = new ArrayList<>();
        for (String[] id : ids) {
            String target = targets.get(id[1]);
            if (target == null) throw new IOException(p + ": the workbook's sheet '" + id[0] + "' (" + id[1] + ") has no part");
            sheets.add(Map.entry(id[0] == null ? id[1] : id[0], target.startsWith("/") ? target.substring(1) : "xl/" + target));
        }
        return new Workbook(sheets, date1904[0]);
    }

    /** The shared strings, each the text of its runs (phonetic guides left out). */
    private static List<String> sharedStrings(ZipFile zip, Path p) throws IOException {
        List<String> out = new ArrayList<>();
        if (zip.getEntry("xl/sharedStrings.xml") == null) return out;
        XMLStreamReader r = reader(zip, "xl/sharedStrings.xml", p);
        try {
            StringBuilder s = null;
            int phonetic = 0;
            boolean inText = false;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> s = new StringBuilder();
                        case "rPh" -> phonetic++;
                        case "t" -> inText = phonetic == 0;
                        default -> { }
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "si" -> out.add(s == null ? "" : s.toString());
                        case "rPh" -> phonetic--;
                        case "t" -> inText = false;
                        default -> { }
                    }
                } else if (inText && s != null && (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA)) {
                    s.append(r.getText());
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(p + ": xl/sharedStrings.xml is not well-formed XML: " + e.getMessage(), e);
        }
        return out;
    }

    /** For each cell style (cellXfs, in order), whether its number format displays a date. */
    private static List<Boolean> dateStyles(ZipFile zip, Path p) throws IOException {
        List<Boolean> out = new ArrayList<>();
        if (zip.getEntry("xl/styles.xml") == null) return out;
        Map<Integer, String> custom = new HashMap<>();
        boolean[] inCellXfs = {false};
        XMLStreamReader r = reader(zip, "xl/styles.xml", p);
        try {
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "numFmt" -> custom.put(Integer.parseInt(r.getAttributeValue(null, "numFmtId")), r.getAttributeValue(null, "formatCode"));
                        case "cellXfs" -> inCellXfs[0] = true;
                        case "xf" -> {
                            if (inCellXfs[0]) {
                                String id = r.getAttributeValue(null, "numFmtId");
                                int f = id == null ? 0 : Integer.parseInt(id);
                                out.add(DATE_FORMATS.contains(f) || custom.containsKey(f) && isDateFormat(custom.get(f)));
                            }
                        }
                        default -> { }
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
                    inCellXfs[0] = false;
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IOException(p + ": xl/styles.xml cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** A custom number format that shows a date: a day, month or year token outside quotes and [colour/locale] brackets. */
    static boolean isDateFormat(String code) {
        if (code == null) return false;
        String bare = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").replaceAll("\\\\.", "").toLowerCase(java.util.Locale.ROOT);
        // "m" alone is months or minutes; with a day or year beside it, a date. Elapsed-time and pure time formats are not.
        return bare.contains("y") || bare.contains("d") || bare.contains("年") || bare.contains("日");
    }

    private static List<List<String>> cells(ZipFile zip, String sheet, Path p, List<String> shared, List<Boolean> dateStyles,
                                            boolean date1904) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        XMLStreamReader r = reader(zip, sheet, p);
        try {
            List<String> row = null;
            String ref = null;
            String type = null;
            int style = 0;
            StringBuilder value = null;
            boolean inValue = false;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT && MAIN.equals(r.getNamespaceURI())) {
                    switch (r.getLocalName()) {
                        case "row" -> {
                            String n = r.getAttributeValue(null, "r");
                            // Rows Excel left out (all empty) are empty rows, which the CSV leaves out too.
                            if (n != null) while (rows.size() < Integer.parseInt(n) - 1) rows.add(new ArrayList<>());
                            row = new ArrayList<>();
                        }
                        case "c" -> {
                            ref = r.getAttributeValue(null, "r");
                            type = r.getAttributeValue(null, "t");
                            String s = r.getAttributeValue(null, "s");
                            style = s == null ? 0 : Integer.parseInt(s);
                            value = new StringBuilder();
                        }
                        case "v" -> inValue = true;
                        case "t" -> inValue = "inlineStr".equals(type);
                        default -> { }
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT && MAIN.equals(r.getNamespaceURI())) {
                    switch (r.getLocalName()) {
                        case "v", "t" -> inValue = false;
                        case "c" -> {
                            int column = ref == null ? row.size() : column(ref);
                            while (row.size() < column) row.add("");
                            String text = text(type, value.toString(), style < dateStyles.size() && dateStyles.get(style), date1904, shared, ref, p);
                            if (column < row.size()) row.set(column, text);
                            else row.add(text);
                        }
                        case "row" -> rows.add(row);
                        default -> { }
                    }
                } else if (inValue && value != null && (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA)) {
                    value.append(r.getText());
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IOException(p + ": " + sheet + " cannot be read: " + e.getMessage(), e);
        }
        return rows;
    }

    /** A cell as the table has it: a string, a number as written, a date in a date format as ISO, a boolean as true/false. */
    private static String text(String type, String v, boolean dateStyle, boolean date1904, List<String> shared, String ref, Path p) throws IOException {
        if (type == null || type.equals("n")) {
            if (v.isEmpty()) return "";
            if (dateStyle) return date(Double.parseDouble(v), date1904);
            return number(v);
        }
        return switch (type) {
            case "s" -> {
                int i = Integer.parseInt(v.strip());
                if (i < 0 || i >= shared.size()) throw new IOException(p + ": cell " + ref + " names shared string " + i + " of " + shared.size());
                yield shared.get(i);
            }
            case "b" -> "1".equals(v.strip()) ? "true" : "false";
            // Strict OOXML's ISO date cells: the date (a time of day is dropped, as the template's dates have none).
            case "d" -> v.length() >= 10 ? v.substring(0, 10) : v;
            default -> v;                                    // inlineStr, str (a formula's text), e (#N/A: the validator names it)
        };
    }

    /** An Excel serial day as the date it displays: days since 1899-12-30 (1900 system, Lotus's leap-year bug included) or 1904-01-01. */
    static String date(double serial, boolean date1904) {
        LocalDateTime base = date1904 ? LocalDate.of(1904, 1, 1).atStartOfDay() : LocalDate.of(1899, 12, 30).atStartOfDay();
        long seconds = Math.round(serial * 86_400);
        LocalDateTime t = base.plusSeconds(seconds);
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                : t.toLocalDate() + " " + t.toLocalTime().withNano(0);
    }

    /**
     * A number cell as Excel shows it: to its 15 significant digits, so a value a writer stored as the double nearest it
     * ("86.90000000000001", as openpyxl and other libraries write 86.9) reads as typed, without exponent or trailing zeros.
     */
    static String number(String v) {
        try {
            return new BigDecimal(v.strip()).round(new java.math.MathContext(15)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** The zero-based column of a cell reference ("C5" → 2, "AA1" → 26). */
    static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        return c - 1;
    }

    private static boolean truthy(String v) { return "1".equals(v) || "true".equalsIgnoreCase(v); }

    private static void parse(ZipFile zip, String entry, Path p, Consumer<XMLStreamReader> onStart) throws IOException {
        XMLStreamReader r = reader(zip, entry, p);
        try {
            while (r.hasNext()) if (r.next() == XMLStreamConstants.START_ELEMENT) onStart.accept(r);
        } catch (XMLStreamException e) {
            throw new IOException(p + ": " + entry + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static XMLStreamReader reader(ZipFile zip, String entry, Path p) throws IOException {
        ZipEntry z = zip.getEntry(entry);
        if (z == null) throw new IOException(p + ": the workbook has no " + entry);
        if (z.getSize() > MAX_XML_BYTES) throw new IOException(p + ": " + entry + " is " + z.getSize() + " bytes, too large for a clinical table");
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            // The stream stays open with the zip, which the caller closes.
            return f.createXMLStreamReader(zip.getInputStream(z));
        } catch (XMLStreamException e) {
            throw new IOException(p + ": " + entry + " is not XML: " + e.getMessage(), e);
        }
    }
}
