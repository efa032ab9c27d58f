package org.livercast.core.io;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVRecord;
import org.livercast.core.InvalidValueException;

/**
 * Typed access to one CSV row that collects every problem instead of stopping at the first, so an import report
 * lists all of a row's errors at once. Empty cells are null (unknown), never a default.
 */
final class CsvRow {
    private final String file;
    private final CSVRecord record;
    private final long line;
    private final List<RowError> errors = new ArrayList<>();

    private final ColumnMapping columns;

    /**
     * @param line    the physical line the record ends on (comment lines and quoted newlines counted)
     * @param columns the centre's words for the template's values, read as the template's
     */
    CsvRow(String file, CSVRecord record, long line, ColumnMapping columns) {
        this.file = file;
        this.record = record;
        this.line = line;
        this.columns = columns;
    }

    long line() { return line; }

    List<RowError> errors() { return errors; }

    String patientId() { return text("patient_id"); }

    String text(String column) {
        if (!record.isMapped(column) || !record.isSet(column)) return null;
        String v = record.get(column).strip();
        return v.isEmpty() ? null : columns.value(column, v);
    }

    String requiredText(String column) {
        String v = text(column);
        if (v == null) error(column, "", "is required");
        return v;
    }

    Double number(String column) {
        return parse(column, s -> Double.parseDouble(s.replace(',', '.')), "is not a number");
    }

    /** A comparator before a laboratory result: beyond the assay's range, the result is that limit. */
    private static final java.util.regex.Pattern BEYOND_RANGE = java.util.regex.Pattern.compile("^(?:[<>]=?|[≤≥＜＞])\\s*");

    /**
     * A laboratory result, also one beyond the assay's range as analysers report it (">1210" for an AFP above the upper
     * limit, "<0.6" below detection, the full-width ＞ of a Chinese input method): taken at the limit — what the
     * threshold rules need (AFP above 400 stays above it) — instead of losing the patient's whole row to it.
     */
    Double labNumber(String column) {
        return parse(column, s -> Double.parseDouble(BEYOND_RANGE.matcher(s).replaceFirst("").replace(',', '.')), "is not a number");
    }

    Integer integer(String column) { return parse(column, Integer::parseInt, "is not a whole number"); }

    LocalDate date(String column) {
        String v = text(column);
        if (v == null) return null;
        try {
            return ClinicalDates.parse(v, columns.dateOrder());
        } catch (java.time.DateTimeException e) {
            error(column, v, e.getMessage());
            return null;
        }
    }

    /**
     * A yes/no cell, also as Chinese systems write it (是/否; 有/无, present/absent, for satellites or invasion) and as a
     * laboratory writes a serology (阳性/阴性, positive/negative). Not "+" and "-": a dash is as often "not done".
     */
    Boolean bool(String column) {
        return parse(column, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1", "是", "有", "阳性", "positive", "pos", "present" -> Boolean.TRUE;
            case "no", "n", "false", "0", "否", "无", "阴性", "negative", "neg", "absent" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        }, "is not yes/no (是/否, 有/无, 阳性/阴性, positive/negative are read too)");
    }

    /** Other names a centre's system gives an enumeration's values (sex as M/F or 男/女), by the value they stand for. */
    private static final java.util.Map<Class<?>, java.util.Map<String, String>> ALIASES = java.util.Map.of(
            org.livercast.core.model.Sex.class, java.util.Map.of("m", "male", "f", "female", "男", "male", "女", "female"));

    <E extends Enum<E>> E enumValue(String column, Class<E> type) {
        java.util.Map<String, String> aliases = ALIASES.getOrDefault(type, java.util.Map.of());
        return parse(column, s -> Enum.valueOf(type, aliases.getOrDefault(s.toLowerCase(Locale.ROOT), s).toUpperCase(Locale.ROOT)),
                "is not one of " + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** A ';'-separated list; empty cell gives an empty list. */
    List<String> list(String column) {
        String v = text(column);
        if (v == null) return List.of();
        return Arrays.stream(v.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    List<Double> numbers(String column) {
        List<Double> out = new ArrayList<>();
        for (String s : list(column)) {
            try {
                out.add(Double.parseDouble(s.replace(',', '.')));   // a decimal comma, as in number()
            } catch (NumberFormatException e) {
                error(column, text(column), "'" + s + "' is not a number");
                return List.of();
            }
        }
        return out;
    }

    /** Runs a domain constructor, turning its {@link InvalidValueException} into this row's error. */
    <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidValueException e) {
            error(e.field(), e.value(), e.reason());
            return null;
        }
    }

    void error(String field, String value, String reason) {
        // A value the centre's mapping rewrote is named as the file has it, and what the mapping made of it.
        String raw = record.isMapped(field) && record.isSet(field) ? record.get(field).strip() : null;
        if (raw != null && value != null && !raw.isEmpty() && !raw.equals(value) && value.equals(columns.value(field, raw))) {
            errors.add(new RowError(file, line(), text("patient_id"), field, raw, "read as '" + value + "' by " + ColumnMapping.FILE_NAME + ", which " + reason));
            return;
        }
        errors.add(new RowError(file, line(), text("patient_id"), field, value, reason));
    }

    private <T> T parse(String column, Function<String, T> parser, String reason) {
        String v = text(column);
        if (v == null) return null;
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            error(column, v, reason);
            return null;
        }
    }

    Map<String, String> toMap() { return record.toMap(); }
}
