package org.livercast.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.livercast.core.InvalidValueException;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.model.TimelineEvent;

/**
 * Reads the clinical CSV template: a patients-and-tumours file and an optional follow-up events file (UTF-8, with a
 * header row, comma-separated; see docs/clinical-csv.md). Every row is validated and every error kept, so one
 * run tells a data manager everything to fix.
 */
public final class ClinicalCsv {
    private ClinicalCsv() {}

    public static final List<String> PATIENT_COLUMNS = PatientsCsv.COLUMNS;
    public static final List<String> EVENT_COLUMNS = EventsCsv.COLUMNS;

    /** The two tables, with the centre's column names mapped by the {@link ColumnMapping} beside the patients table, if any. */
    public static ClinicalData read(Path patientsFile, Path eventsFile) throws IOException {
        return read(patientsFile, eventsFile, ColumnMapping.beside(patientsFile));
    }

    public static ClinicalData read(Path patientsFile, Path eventsFile, ColumnMapping columns) throws IOException {
        // A table sent as an Excel workbook is read as the CSV of its sheet; one workbook may hold both tables.
        TableFile.Loaded t = TableFile.load(patientsFile, eventsFile);
        try (InputStream p = new java.io.ByteArrayInputStream(t.patients());
             InputStream e = t.events() == null ? null : new java.io.ByteArrayInputStream(t.events())) {
            return read(t.patientsName(), p, t.eventsName(), e, columns);
        }
    }

    public static ClinicalData read(String patientsName, InputStream patients, String eventsName, InputStream events) throws IOException {
        return read(patientsName, patients, eventsName, events, ColumnMapping.none());
    }

    public static ClinicalData read(String patientsName, InputStream patients, String eventsName, InputStream events, ColumnMapping columns)
            throws IOException {
        List<RowError> errors = new ArrayList<>();
        Map<String, PatientRecord> byId = new LinkedHashMap<>();
        Map<String, Long> lineOf = new LinkedHashMap<>();
        for (CsvRow row : rows(patientsName, patients, PATIENT_COLUMNS, errors, columns)) {
            PatientRecord r = PatientsCsv.parse(row);
            errors.addAll(row.errors());
            if (r == null) continue;
            if (byId.putIfAbsent(r.id(), r) != null) {
                errors.add(new RowError(patientsName, row.line(), r.id(), "patient_id", r.id(),
                        "appears twice (first on line " + lineOf.get(r.id()) + ")"));
            } else {
                lineOf.put(r.id(), row.line());
            }
        }
        Map<String, List<TimelineEvent>> eventsById = new LinkedHashMap<>();
        Map<EventsCsv.Row, Long> eventLines = new java.util.HashMap<>();
        if (events != null) {
            for (CsvRow row : rows(eventsName, events, EVENT_COLUMNS, errors, columns)) {
                EventsCsv.Row e = EventsCsv.parse(row);
                errors.addAll(row.errors());
                if (e == null) continue;
                if (!byId.containsKey(e.patientId()) && !lineOf.containsKey(e.patientId())) {
                    errors.add(new RowError(eventsName, row.line(), e.patientId(), "patient_id", e.patientId(),
                            "no such patient in " + patientsName));
                    continue;
                }
                Long first = eventLines.putIfAbsent(e, row.line());
                if (first != null) {
                    errors.add(new RowError(eventsName, row.line(), e.patientId(), "event", e.event().toString(),
                            "duplicates line " + first));
                    continue;
                }
                eventsById.computeIfAbsent(e.patientId(), k -> new ArrayList<>()).add(e.event());
            }
        }
        List<PatientRecord> records = new ArrayList<>();
        for (PatientRecord r : byId.values()) {
            try {
                records.add(r.withEvents(eventsById.getOrDefault(r.id(), List.of())));
            } catch (InvalidValueException ex) {
                errors.add(new RowError(patientsName, lineOf.get(r.id()), r.id(), ex.field(), ex.value(),
                        ex.reason() + " (with the events of " + eventsName + ")"));
            }
        }
        return new ClinicalData(records, errors);
    }

    private static List<CsvRow> rows(String name, InputStream in, List<String> allowed, List<RowError> errors, ColumnMapping columns)
            throws IOException {
        // Excel on a Chinese Windows saves CSV in GB18030 (GBK), on others often UTF-16: read what it was saved in. Decoded
        // leniently as UTF-8, a value's characters would silently become replacement characters.
        Optional<TextEncoding.Decoded> text = TextEncoding.decode(in.readAllBytes(), true);
        if (text.isEmpty()) {
            errors.add(new RowError(name, 1, null, "(file)", "", "not text in UTF-8, UTF-16 (with its byte-order mark), GB18030 (GBK) or Big5; save it as UTF-8 CSV"));
            return List.of();
        }
        Reader reader = new java.io.StringReader(text.get().text());
        CSVParser parser = CSVParser.parse(reader, format(text.get().text(), columns));
        List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "")).toList();
        for (String h : header) {
            if (!allowed.contains(h)) {
                errors.add(new RowError(name, 1, null, h, "", "unknown column; see docs/clinical-csv.md (a centre's own names are mapped to the"
                        + " template's by a " + ColumnMapping.FILE_NAME + " beside its tables)"));
            }
        }
        if (!header.contains("patient_id")) errors.add(new RowError(name, 1, null, "patient_id", "", "required column is missing"));
        List<CsvRow> rows = new ArrayList<>();
        for (CSVRecord rec : parser) {
            long line = parser.getCurrentLineNumber();
            // A row of more or fewer fields than the header is a cut line, a stray comma or an unclosed quote: its values
            // would land under the wrong columns, or be read as blank and clear what is stored. It is refused, not guessed.
            if (rec.size() != header.size()) {
                String id = rec.isMapped("patient_id") && rec.isSet("patient_id") ? rec.get("patient_id") : null;
                errors.add(new RowError(name, line, id, "(row)", "", "has " + rec.size() + " fields where the header has " + header.size()
                        + " (a comma or quote missing or extra, or the line cut); nothing of it was read"));
                continue;
            }
            rows.add(new CsvRow(name, rec, line, columns));
        }
        return rows;
    }

    /**
     * The template's CSV dialect for {@code text}: a header row, {@code #} comments, cells trimmed, and the delimiter its
     * header uses — a comma, or the semicolon Excel writes where the decimal mark is a comma (much of Europe), or a tab
     * (a "text" export). Numbers with a decimal comma are read either way.
     */
    public static CSVFormat format(String text) { return format(text, ColumnMapping.none()); }

    /** The same, with the header's names taken through a centre's {@link ColumnMapping} to the template's. */
    public static CSVFormat format(String text, ColumnMapping columns) {
        CSVFormat.Builder b = CSVFormat.DEFAULT.builder().setDelimiter(delimiterOf(text)).setIgnoreEmptyLines(true).setCommentMarker('#').setTrim(true);
        if (columns.isEmpty()) return b.setHeader().setSkipHeaderRecord(true).get();
        List<String> header = new ArrayList<>();
        try (CSVParser first = CSVParser.parse(text, b.get())) {
            var it = first.iterator();
            if (it.hasNext()) for (String h : it.next()) header.add(columns.template(h.replace("\uFEFF", "")));
        } catch (IOException | java.io.UncheckedIOException e) {
            return b.setHeader().setSkipHeaderRecord(true).get();    // the reader then names what is wrong with the text
        }
        return b.setHeader(header.toArray(String[]::new)).setSkipHeaderRecord(true).get();
    }

    /** The delimiter of the first line that is not a comment: the most frequent of comma, semicolon and tab (comma on a tie). */
    static char delimiterOf(String text) {
        String header = text.lines().map(l -> l.replace("\uFEFF", "")).filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("");
        char best = ',';
        long most = header.chars().filter(c -> c == ',').count();
        for (char c : new char[] {';', '\t'}) {
            long n = header.chars().filter(x -> x == c).count();
            if (n > most) {
                best = c;
                most = n;
            }
        }
        return best;
    }

    /**
     * One follow-up event given as the events template's columns (as a form sends them), validated exactly as a row of
     * events.csv is; @throws ClinicalDataException listing every problem, naming {@code source} and the field.
     */
    public static TimelineEvent parseEvent(String source, Map<String, String> columns) {
        List<String> header = new ArrayList<>(EVENT_COLUMNS);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        List<String> values = new ArrayList<>();
        for (String h : header) values.add(columns.getOrDefault(h, ""));
        try (var printer = new org.apache.commons.csv.CSVPrinter(csv, CSVFormat.DEFAULT.builder().setRecordSeparator("").get())) {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String k : columns.keySet()) {
            if (!header.contains(k)) throw new ClinicalDataException(List.of(new RowError(source, 1, columns.get("patient_id"), k, columns.get(k), "unknown field")));
        }
        List<RowError> errors = new ArrayList<>();
        try {
            List<CsvRow> rows = rows(source, new java.io.ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), EVENT_COLUMNS, errors, ColumnMapping.none());
            EventsCsv.Row row = EventsCsv.parse(rows.get(0));
            errors.addAll(rows.get(0).errors());
            if (row == null || !errors.isEmpty()) throw new ClinicalDataException(errors);
            return row.event();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Convenience for callers that only want the records or an error listing everything wrong. */
    public static <T> T orThrow(ClinicalData data, Function<List<PatientRecord>, T> then) {
        if (!data.valid()) throw new ClinicalDataException(data.errors());
        return then.apply(data.records());
    }
}
