package org.livercast.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVParser;

/**
 * A file that holds a centre's clinical tables: a CSV holds one; an Excel workbook (.xlsx, .xls) one a worksheet — a
 * hospital often sends one workbook with the patients on its first sheet and the follow-up events on another. Which
 * table a sheet is, is read from its header (through the centre's {@link ColumnMapping} beside the file): an events
 * table has event_type or event_date, a patients table patient_id without them.
 */
public final class TableFile {
    private TableFile() {}

    /** A worksheet: its name in the workbook and its cells as CSV text. */
    public record Sheet(String name, String csv) {}

    /** A centre's two tables as the template's reader takes them: each one's name (for errors) and bytes; no events: nulls. */
    public record Loaded(String patientsName, byte[] patients, String eventsName, byte[] events) {}

    /**
     * The tables of a patients file and an optional events file: a workbook's sheets as CSV, a text table's bytes as they
     * are, and, without an events file, the events sheet of a patients workbook that holds both (named "book.xlsx [sheet]").
     */
    public static Loaded load(Path patientsFile, Path eventsFile) throws IOException {
        // An EHR's FHIR export holds both tables: the Patients and everything about them.
        if (eventsFile == null && org.livercast.core.io.fhir.FhirNdjson.isFhirFile(patientsFile)) return org.livercast.core.io.fhir.ClinicalTablesReader.load(patientsFile);
        if (eventsFile != null) return new Loaded(patientsFile.toString(), patients(patientsFile), eventsFile.toString(), events(eventsFile));
        Sheet sheet = eventsSheet(patientsFile);
        return new Loaded(patientsFile.toString(), patients(patientsFile), sheet == null ? null : patientsFile + " [" + sheet.name() + "]",
                sheet == null ? null : sheet.csv().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The patients table in a centre's clinical folder: patients.csv, else the first file (by name) whose table, or one of
     * whose sheets, is the patients table, else the first file of a FHIR export. Empty when there is none.
     */
    public static Optional<Path> patientsTableIn(Path folder) throws IOException {
        Path csv = folder.resolve("patients.csv");
        if (Files.isRegularFile(csv)) return Optional.of(csv);
        List<Path> files;
        try (var s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(ColumnMapping.FILE_NAME)).sorted().toList();
        }
        ColumnMapping columns = mappingBeside(csv);
        for (Path f : files) {
            List<String> tables = new ArrayList<>();
            if (isWorkbook(f)) {
                for (Sheet sheet : sheets(f)) tables.add(sheet.csv());
            } else {
                TextEncoding.decode(Files.readAllBytes(f), true).ifPresent(d -> tables.add(d.text()));
            }
            for (String t : tables) if (isEvents(t, columns).equals(Optional.of(false))) return Optional.of(f);
        }
        // No table: an EHR's FHIR export (its first file stands for them all: load reads the folder's).
        for (Path f : files) if (org.livercast.core.io.fhir.FhirNdjson.isFhirFile(f)) return Optional.of(f);
        return Optional.empty();
    }

    /**
     * Which table a file is: the events table (true) — a text table whose header is the events table's, or a workbook
     * with an events sheet and no patients sheet — the patients table (false) — a text table with the patients' header,
     * or a workbook with a patients sheet, whatever else it holds — or no clinical table (empty).
     */
    public static Optional<Boolean> kind(Path p) throws IOException {
        ColumnMapping columns = mappingBeside(p);
        if (isWorkbook(p)) {
            List<Optional<Boolean>> kinds = sheets(p).stream().map(s -> isEvents(s.csv(), columns)).toList();
            if (kinds.contains(Optional.of(false))) return Optional.of(false);
            return kinds.contains(Optional.of(true)) ? Optional.of(true) : Optional.empty();
        }
        return TextEncoding.decode(Files.readAllBytes(p), true).flatMap(d -> isEvents(d.text(), columns));
    }

    /** Whether a table file holds only the events ({@link #kind}); a file that is no table is not: the patients reader names it. */
    public static boolean holdsOnlyEvents(Path p) throws IOException { return kind(p).orElse(false); }

    /** Whether {@code p} is an Excel workbook (.xlsx or .xls) rather than a text table. */
    public static boolean isWorkbook(Path p) { return XlsxTable.isXlsx(p) || XlsTable.isXls(p); }

    /**
     * A workbook's worksheets in order (for a text table: none). The last few workbooks read are kept, by file, size and
     * modification time: discovery, the patients sheet and the events sheet each ask for them, and a 65,000-row .xls
     * takes POI about a second to read.
     */
    public static List<Sheet> sheets(Path p) throws IOException {
        Path key = p.toAbsolutePath().normalize();
        var attrs = Files.readAttributes(key, java.nio.file.attribute.BasicFileAttributes.class);
        String stamp = attrs.size() + "@" + attrs.lastModifiedTime() + "@" + attrs.fileKey();
        synchronized (RECENT) {
            var kept = RECENT.get(key);
            if (kept != null && kept.getKey().equals(stamp)) return kept.getValue();
        }
        List<Sheet> sheets;
        if (XlsxTable.isXlsx(p)) sheets = List.copyOf(XlsxTable.sheets(p));
        else if (XlsTable.isXls(p)) sheets = List.copyOf(XlsTable.sheets(p));
        else return List.of();
        synchronized (RECENT) {
            RECENT.put(key, Map.entry(stamp, sheets));
        }
        return sheets;
    }

    /** The workbooks read last, by path: their size and modification time, and their sheets. */
    private static final Map<Path, Map.Entry<String, List<Sheet>>> RECENT = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Map.Entry<String, List<Sheet>>> eldest) { return size() > 4; }
    };

    /**
     * The patients table's bytes: a text table's as they are; a workbook's first patients sheet as UTF-8 CSV (its first
     * sheet when none reads as one, so that the reader names what is wrong with it).
     */
    public static byte[] patients(Path p) throws IOException {
        if (!isWorkbook(p)) return Files.readAllBytes(p);
        List<Sheet> sheets = sheets(p);
        ColumnMapping columns = mappingBeside(p);
        for (Sheet s : sheets) if (isEvents(s.csv(), columns).equals(Optional.of(false))) return s.csv().getBytes(StandardCharsets.UTF_8);
        return sheets.get(0).csv().getBytes(StandardCharsets.UTF_8);
    }

    /** The events table a file holds beside its patients: a workbook's first events sheet, or null (a text table holds one table). */
    public static Sheet eventsSheet(Path p) throws IOException {
        if (!isWorkbook(p)) return null;
        ColumnMapping columns = mappingBeside(p);
        for (Sheet s : sheets(p)) if (isEvents(s.csv(), columns).equals(Optional.of(true))) return s;
        return null;
    }

    /** An events table's bytes: a text table's as they are, a workbook's first events sheet (else its first sheet) as UTF-8 CSV. */
    public static byte[] events(Path p) throws IOException {
        if (!isWorkbook(p)) return Files.readAllBytes(p);
        Sheet s = eventsSheet(p);
        return (s == null ? sheets(p).get(0) : s).csv().getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #isEvents(String, ColumnMapping)} with the mapping beside {@code file}, if it has one. */
    public static Optional<Boolean> isEvents(String text, Path file) { return isEvents(text, mappingBeside(file)); }

    /**
     * Whether a table's text is the events table (true), the patients table (false) or no clinical table (empty), by its
     * header's names taken through the centre's mapping.
     */
    public static Optional<Boolean> isEvents(String text, ColumnMapping columns) {
        List<String> header = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, ClinicalCsv.format(text, columns))) {
            header.addAll(parser.getHeaderNames());
        } catch (IOException | RuntimeException notCsv) {
            return Optional.empty();
        }
        if (header.size() < 2 || !header.contains("patient_id")) return Optional.empty();
        return Optional.of(header.contains("event_type") || header.contains("event_date"));
    }

    /** The mapping beside a table, or none when it is unreadable (the tables' reader names what is wrong with it). */
    private static ColumnMapping mappingBeside(Path p) {
        try {
            return ColumnMapping.beside(p);
        } catch (IOException badMapping) {
            return ColumnMapping.none();
        }
    }
}
