package org.livercast.ingest.deid;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.io.ClinicalDates;
import org.livercast.core.io.RowError;

/**
 * A centre's clinical tables (patients.csv, events.csv) read once: every row validated by the clinical template
 * (errors kept per patient, with file, line and field), and the raw rows kept per hospital number so each patient's
 * rows can be de-identified on their own: the pseudonym for the hospital number, the centre given on the command
 * line, age at surgery instead of the birth date (ages above 89 reported as 90, as HIPAA's Safe Harbor asks), dates
 * shifted, slide ids and notes cleaned.
 */
public final class ClinicalTables {
    static final List<String> DATE_COLUMNS = List.of("screening_date", "imaging_date", "surgery_date", "event_date");

    public record Rows(List<String> header, Map<String, List<Map<String, String>>> byPatient) {}

    private final Path patientsFile;
    private final Rows patients;
    private final Rows events;
    private final List<RowError> errors;
    /** The centre's columns.json: its words for the template's values, and the order it writes numeric dates in. */
    private final org.livercast.core.io.ColumnMapping columns;

    private ClinicalTables(Path patientsFile, Rows patients, Rows events, List<RowError> errors,
                           org.livercast.core.io.ColumnMapping columns) {
        this.columns = columns;
        this.patientsFile = patientsFile;
        this.patients = patients;
        this.events = events;
        this.errors = errors;
    }

    /**
     * The tables as {@link org.livercast.core.io.TableFile#load} gives them (a workbook's sheets as CSV, an events sheet
     * beside the patients), read through the centre's columns.json beside the patients file.
     * @throws TableException when a table cannot be read at all (a broken header, an unterminated quote)
     */
    public static ClinicalTables read(Path patientsFile, org.livercast.core.io.TableFile.Loaded tables) {
        byte[] patientsBytes = utf8(tables.patientsName(), tables.patients());
        byte[] eventsBytes = tables.events() == null ? null : utf8(tables.eventsName(), tables.events());
        // The centre's own column names, mapped to the template's by the columns.json beside its tables.
        org.livercast.core.io.ColumnMapping columns;
        try {
            columns = org.livercast.core.io.ColumnMapping.beside(patientsFile);
        } catch (IOException e) {
            throw new TableException(e.getMessage());
        }
        ClinicalData data;
        try {
            data = ClinicalCsv.read(tables.patientsName(), new ByteArrayInputStream(patientsBytes), tables.eventsName(),
                    eventsBytes == null ? null : new ByteArrayInputStream(eventsBytes), columns);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new TableException(tables.patientsName() + (eventsBytes == null ? "" : " / " + tables.eventsName()) + ": not readable as CSV: " + e.getMessage());
        }
        for (RowError e : data.errors()) {
            if (e.patientId() == null || e.patientId().isBlank()) throw new TableException(e.toString());
        }
        return new ClinicalTables(patientsFile, rows(tables.patientsName(), patientsBytes, columns),
                eventsBytes == null ? new Rows(List.of(), Map.of()) : rows(tables.eventsName(), eventsBytes, columns), data.errors(), columns);
    }

    /** A table's bytes as UTF-8, whatever of UTF-8, UTF-16 or GB18030 (Excel on a Chinese Windows) it was saved in. */
    private static byte[] utf8(String name, byte[] bytes) {
        var decoded = org.livercast.core.io.TextEncoding.decode(bytes, true)
                .orElseThrow(() -> new TableException(new org.livercast.core.io.TextEncoding.NotTextException(name).getMessage()));
        return decoded.transcoded() ? decoded.text().getBytes(StandardCharsets.UTF_8) : bytes;
    }

    private static Rows rows(String name, byte[] bytes) { return rows(name, bytes, org.livercast.core.io.ColumnMapping.none()); }

    private static Rows rows(String name, byte[] bytes, org.livercast.core.io.ColumnMapping columns) {
        // The same dialect (delimiter included) the validating reader used.
        String text = new String(bytes, StandardCharsets.UTF_8);
        try (CSVParser p = CSVParser.parse(new java.io.StringReader(text), ClinicalCsv.format(text, columns))) {
            List<String> header = p.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "")).toList();
            Map<String, List<Map<String, String>>> by = new LinkedHashMap<>();
            for (CSVRecord r : p) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) row.put(header.get(i), i < r.size() ? r.get(i) : "");
                by.computeIfAbsent(row.getOrDefault("patient_id", ""), k -> new ArrayList<>()).add(row);
            }
            return new Rows(header, by);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new TableException(name + ": not readable as CSV: " + e.getMessage());
        }
    }

    public Path patientsFile() { return patientsFile; }

    /** Every hospital number that appears in either table. */
    public java.util.Set<String> hospitalNumbers() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>(patients.byPatient().keySet());
        s.addAll(events.byPatient().keySet());
        s.remove("");
        return s;
    }

    public List<RowError> errorsOf(String hospitalNumber) {
        return errors.stream().filter(e -> hospitalNumber.equals(e.patientId())).toList();
    }

    public Map<String, String> patientRow(String hospitalNumber) {
        List<Map<String, String>> r = patients.byPatient().get(hospitalNumber);
        return r == null || r.isEmpty() ? null : r.get(0);
    }

    public List<Map<String, String>> eventRows(String hospitalNumber) { return events.byPatient().getOrDefault(hospitalNumber, List.of()); }

    /** The order the centre writes numeric dates in (its columns.json's "dates"). */
    public ClinicalDates.Order dateOrder() { return columns.dateOrder(); }

    /** A cell of these tables as a date in the centre's order, or null when blank or none (validation named it). */
    public LocalDate date(String cell) { return ClinicalDates.orNull(cell, columns.dateOrder()); }

    /** The date the patient's dates are anchored on: surgery, or screening when there was none. */
    public LocalDate anchorDate(Map<String, String> patientRow) {
        for (String c : List.of("surgery_date", "screening_date", "imaging_date")) {
            String v = patientRow.get(c);
            // validation reported a cell that is no date; try the next
            LocalDate d = date(v);
            if (d != null) return d;
        }
        return null;
    }

    /** The patient's two tables, de-identified, as CSV bytes: {patients.csv, events.csv}. */
    public byte[][] deidentified(String hospitalNumber, String pseudonym, String centre, DateShift shift, TextScrubber scrubber) {
        Map<String, String> p = new LinkedHashMap<>(patientRow(hospitalNumber));
        LocalDate birth = date(p.get("birth_date"));
        if ((p.get("age_years") == null || p.get("age_years").isBlank()) && birth != null) {
            p.put("age_years", Integer.toString(Period.between(birth, shift.anchorOriginal()).getYears()));
        }
        if (p.get("age_years") != null && !p.get("age_years").isBlank() && Integer.parseInt(p.get("age_years").strip()) > 89) p.put("age_years", "90");
        p.put("birth_date", "");
        List<String> header = new ArrayList<>(patients.header());
        if (!header.contains("age_years")) header.add("age_years");
        byte[] patientsCsv = write(header, List.of(clean(p, hospitalNumber, pseudonym, centre, shift, scrubber)));
        List<Map<String, String>> ev = new ArrayList<>();
        for (Map<String, String> e : eventRows(hospitalNumber)) ev.add(clean(new LinkedHashMap<>(e), hospitalNumber, pseudonym, centre, shift, scrubber));
        byte[] eventsCsv = events.header().isEmpty() ? null : write(events.header(), ev);
        return new byte[][] {patientsCsv, eventsCsv};
    }

    /** The first row of de-identified patients CSV bytes, by column. */
    public Map<String, String> deidentifiedRow(byte[] csv) {
        Rows r = rows("patients.csv", csv);
        return r.byPatient().values().stream().flatMap(List::stream).findFirst().orElse(Map.of());
    }

    private Map<String, String> clean(Map<String, String> row, String hospitalNumber, String pseudonym, String centre,
                                             DateShift shift, TextScrubber scrubber) {
        for (var e : row.entrySet()) {
            String k = e.getKey();
            String v = e.getValue() == null ? "" : e.getValue();
            if (k.equals("patient_id")) e.setValue(pseudonym);
            else if (k.equals("centre_id")) e.setValue(centre);
            else if (DATE_COLUMNS.contains(k) && !v.isBlank()) {
                LocalDate d = date(v);
                e.setValue(d == null ? "" : shift.shift(d).toString());
            } else if (k.equals("slide_ids")) e.setValue(v.replace(hospitalNumber, pseudonym));
            // The centre's word for a value ("无") as the template's ("none"): the copy is read again with the template alone.
            else if (!v.isBlank()) e.setValue(scrubber.apply(columns.value(k, v.strip())));
        }
        return row;
    }

    private static byte[] write(List<String> header, List<Map<String, String>> rows) {
        StringWriter w = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator("\n").get())) {
            for (Map<String, String> r : rows) {
                List<String> values = new ArrayList<>();
                for (String h : header) values.add(r.getOrDefault(h, ""));
                out.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A table that cannot be read at all: every patient of the export waits until it is fixed. */
    public static final class TableException extends RuntimeException {
        public TableException(String message) { super(message); }
    }
}
