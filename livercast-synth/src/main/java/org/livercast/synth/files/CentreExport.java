package org.livercast.synth.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.hssf.usermodel.HSSFCellStyle;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.livercast.synth.ExportDialect;

/**
 * A centre's export written as its hospital's systems write it ({@link ExportDialect}): the template's tables and
 * reports, which the generator writes first, rewritten in the centre's encodings, delimiters, date forms, column names
 * and file formats. The content is the template's — only its form changes — so ingest must store the same patients.
 */
public final class CentreExport {
    private CentreExport() {}

    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    /** A Chinese hospital system's names for some of the template's columns. */
    private static final Map<String, String> CHINESE_COLUMNS = Map.of("patient_id", "住院号", "sex", "性别", "birth_date", "出生日期",
            "ascites", "腹水", "afp", "甲胎蛋白", "surgery_date", "手术日期", "event_date", "随访日期", "event_type", "事件类型");
    /** Its words for the values of two enumerations, by template column. */
    private static final Map<String, Map<String, String>> CHINESE_VALUES = Map.of(
            "ascites", Map.of("none", "无", "mild", "轻度", "moderate_severe", "中重度"),
            "sex", Map.of("male", "男", "female", "女"));

    /** A report's bytes as the centre's system saves it. */
    public static byte[] report(ExportDialect dialect, String text) {
        return switch (dialect) {
            case CHINESE_HIS -> text.getBytes(Charset.forName("GB18030"));
            case TAIWAN_HIS -> reportText(dialect, text).getBytes(Charset.forName("Big5-HKSCS"));
            default -> reportText(dialect, text).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A report's words as the centre writes them (its script, its dates), before they are saved in its encoding or printed. */
    public static String reportText(ExportDialect dialect, String text) {
        return switch (dialect) {
            case TAIWAN_HIS -> traditional(text);
            case EUROPEAN -> dayFirst(text);
            default -> text;
        };
    }

    /** Rewrites the template's patients.csv and events.csv in {@code clinical} as the centre's systems write its tables. */
    public static void tables(ExportDialect dialect, Path clinical) throws IOException {
        Path patients = clinical.resolve("patients.csv");
        Path events = clinical.resolve("events.csv");
        switch (dialect) {
            case CHINESE_HIS -> {
                workbook(clinical.resolve("export.xls"), List.of(Map.entry("患者信息", read(patients)), Map.entry("随访记录", read(events))));
                Files.delete(patients);
                Files.delete(events);
                Map<String, Object> mapping = new LinkedHashMap<>();
                Map<String, String> columns = new LinkedHashMap<>();
                CHINESE_COLUMNS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> columns.put(e.getValue(), e.getKey()));
                mapping.put("columns", columns);
                Map<String, Map<String, String>> values = new LinkedHashMap<>();
                CHINESE_VALUES.forEach((column, words) -> {
                    Map<String, String> inverse = new java.util.TreeMap<>();
                    words.forEach((template, word) -> inverse.put(word, template));
                    values.put(column, inverse);
                });
                mapping.put("values", new java.util.TreeMap<>(values));
                Files.writeString(clinical.resolve("columns.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(mapping), StandardCharsets.UTF_8);
            }
            case TAIWAN_HIS -> {
                for (Path table : List.of(patients, events)) {
                    String csv = write(read(table), ',', cell -> cell.column().equals("sex") ? CHINESE_VALUES.get("sex").getOrDefault(cell.value(), cell.value())
                            : slashed(cell.value()));
                    Files.writeString(table, "\uFEFF" + csv, StandardCharsets.UTF_8);          // Excel's UTF-8 "CSV UTF-8"
                }
            }
            case EUROPEAN -> {
                for (Path table : List.of(patients, events)) {
                    String csv = write(read(table), ';', cell -> DECIMAL.matcher(cell.value()).matches() ? cell.value().replace('.', ',') : dayFirst(cell.value()));
                    Files.writeString(table, csv.replace("\n", "\r\n"), StandardCharsets.UTF_8);
                }
                Files.writeString(clinical.resolve("columns.json"), "{\"dates\": \"day-first\"}\n", StandardCharsets.UTF_8);
            }
            case FHIR -> {
                // The EHR's export of the same records: a file a resource type, the hospital number as each Patient's MR identifier.
                List<org.livercast.core.model.PatientRecord> records = org.livercast.core.io.ClinicalCsv.read(patients, events).records();
                Map<String, StringBuilder> files = new LinkedHashMap<>();
                for (org.livercast.core.model.PatientRecord r : records) {
                    String mrn = "http://" + r.patient().centreId().toLowerCase(java.util.Locale.ROOT) + ".hospital.example/mrn";
                    for (var res : org.livercast.core.io.fhir.ClinicalResources.of(r, mrn)) {
                        files.computeIfAbsent(res.get("resourceType").asText(), k -> new StringBuilder())
                                .append(org.livercast.core.io.fhir.FhirJson.JSON.writeValueAsString(res)).append('\n');
                    }
                }
                Files.delete(patients);
                Files.delete(events);
                for (var f : files.entrySet()) Files.writeString(clinical.resolve(f.getKey() + ".ndjson"), f.getValue(), StandardCharsets.UTF_8);
            }
            default -> { }
        }
    }

    /** A table as the template wrote it: its header and rows. */
    private record Table(List<String> header, List<List<String>> rows) {}

    private record Cell(String column, String value) {}

    private static Table read(Path csv) throws IOException {
        try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get())) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : p) rows.add(r.toList());
            return new Table(p.getHeaderNames(), rows);
        }
    }

    private static String write(Table t, char delimiter, java.util.function.Function<Cell, String> cell) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setRecordSeparator("\n").get())) {
            printer.printRecord(t.header());
            for (List<String> row : t.rows()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) cells.add(row.get(i).isEmpty() ? "" : cell.apply(new Cell(t.header().get(i), row.get(i))));
                printer.printRecord(cells);
            }
        }
        return out.toString();
    }

    /** The tables as sheets of one Excel 97-2003 workbook: the Chinese names and words, dates as date cells, numbers as numbers. */
    private static void workbook(Path file, List<Map.Entry<String, Table>> sheets) throws IOException {
        try (HSSFWorkbook book = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            HSSFCellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy/m/d"));
            for (var s : sheets) {
                HSSFSheet sheet = book.createSheet(s.getKey());
                Table t = s.getValue();
                HSSFRow header = sheet.createRow(0);
                for (int c = 0; c < t.header().size(); c++) header.createCell(c).setCellValue(CHINESE_COLUMNS.getOrDefault(t.header().get(c), t.header().get(c)));
                for (int r = 0; r < t.rows().size(); r++) {
                    HSSFRow row = sheet.createRow(r + 1);
                    List<String> cells = t.rows().get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        String column = t.header().get(c);
                        String v = cells.get(c);
                        if (v.isEmpty()) continue;
                        var cell = row.createCell(c);
                        if (ISO_DATE.matcher(v).matches()) {
                            cell.setCellValue(LocalDate.parse(v));
                            cell.setCellStyle(date);
                        } else if (INTEGER.matcher(v).matches() && !column.equals("patient_id")) {
                            cell.setCellValue(Long.parseLong(v));
                        } else if (DECIMAL.matcher(v).matches()) {
                            cell.setCellValue(Double.parseDouble(v));
                        } else if (v.equals("yes") || v.equals("no")) {
                            cell.setCellValue(v.equals("yes") ? "是" : "否");
                        } else {
                            cell.setCellValue(CHINESE_VALUES.getOrDefault(column, Map.of()).getOrDefault(v, v));
                        }
                    }
                }
            }
            book.write(out);
        }
    }

    /** ISO dates as a European system writes them: 12/01/2024. */
    static String dayFirst(String text) {
        return ISO_DATE.matcher(text).replaceAll(m -> m.group(3) + "/" + m.group(2) + "/" + m.group(1));
    }

    /** ISO dates as Excel on a Chinese or Taiwanese Windows writes them: 2024/1/12. */
    private static String slashed(String text) {
        Matcher m = ISO_DATE.matcher(text);
        return m.replaceAll(x -> x.group(1) + "/" + Integer.parseInt(x.group(2)) + "/" + Integer.parseInt(x.group(3)));
    }

    /** A Chinese report as a Taiwan hospital writes it: traditional characters, sizes in 公分. */
    private static String traditional(String text) {
        if (text.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) return text;
        return org.livercast.core.io.ChineseScript.traditional(text).replace(" cm", " 公分");
    }
}
