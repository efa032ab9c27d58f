package org.livercast.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A centre's own names for the template's columns, and for the values of its enumerations, so that a hospital's export
 * ("住院号", "腹水: 轻度") is read without being rewritten by hand: {@code {"columns": {"住院号": "patient_id", "腹水":
 * "ascites"}, "values": {"ascites": {"无": "none", "轻度": "mild"}}, "dates": "day-first"}}, the last for a system that writes
 * 12/01/2024 for 12 January ({@link ClinicalDates.Order}). Written once per centre by its data manager and kept
 * beside its tables as {@value #FILE_NAME}. Every target must be a template column and no two of the centre's columns may
 * name the same one; values are keyed by template column: a mapping that could drop or mix data is refused, naming the entry.
 */
public final class ColumnMapping {
    /** The file name a mapping has beside a centre's tables. */
    public static final String FILE_NAME = "columns.json";

    private final Map<String, String> toTemplate;
    private final Map<String, Map<String, String>> values;
    private final ClinicalDates.Order dateOrder;

    private ColumnMapping(Map<String, String> toTemplate, Map<String, Map<String, String>> values, ClinicalDates.Order dateOrder) {
        this.toTemplate = Map.copyOf(toTemplate);
        this.values = Map.copyOf(values);
        this.dateOrder = dateOrder;
    }

    /** No mapping: the centre uses the template's names and year-first dates. */
    public static ColumnMapping none() { return new ColumnMapping(Map.of(), Map.of(), ClinicalDates.Order.YEAR_FIRST); }

    /** @throws IOException naming the file and the entry when it is not a valid mapping */
    public static ColumnMapping read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !(root.path("columns").isObject() || root.path("columns").isMissingNode())) {
            throw new IOException(file + ": expected {\"columns\": {\"the centre's column\": \"template column\", ...}}");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("columns", "values", "dates").contains(key)) {
                throw new IOException(file + ": unknown entry '" + key + "' (only \"columns\", \"values\" and \"dates\")");
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        Map<String, String> byTarget = new LinkedHashMap<>();
        List<String> template = new java.util.ArrayList<>(ClinicalCsv.PATIENT_COLUMNS);
        template.addAll(ClinicalCsv.EVENT_COLUMNS);
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> root.path("columns").fields()) {
            String source = e.getKey().strip();
            if (!e.getValue().isTextual()) throw new IOException(file + ": columns['" + source + "'] must be a template column's name");
            String target = e.getValue().asText().strip();
            if (!template.contains(target)) {
                throw new IOException(file + ": columns['" + source + "'] = '" + target + "' is not a template column (see docs/clinical-csv.md)");
            }
            String other = byTarget.put(target, source);
            if (other != null) throw new IOException(file + ": '" + other + "' and '" + source + "' both map to " + target);
            map.put(source, target);
        }
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        JsonNode v = root.path("values");
        if (!v.isMissingNode() && !v.isObject()) throw new IOException(file + ": values must be {\"template column\": {\"the centre's value\": \"template value\"}}");
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) v::fields) {
            if (!template.contains(e.getKey())) throw new IOException(file + ": values['" + e.getKey() + "'] is not a template column (see docs/clinical-csv.md)");
            if (!e.getValue().isObject()) throw new IOException(file + ": values['" + e.getKey() + "'] must map the centre's values to the template's");
            Map<String, String> m = new LinkedHashMap<>();
            for (var x : (Iterable<Map.Entry<String, JsonNode>>) e.getValue()::fields) {
                if (!x.getValue().isTextual()) throw new IOException(file + ": values['" + e.getKey() + "']['" + x.getKey() + "'] must be text");
                m.put(x.getKey().strip(), x.getValue().asText().strip());
            }
            values.put(e.getKey(), m);
        }
        ClinicalDates.Order order = ClinicalDates.Order.YEAR_FIRST;
        JsonNode d = root.path("dates");
        if (!d.isMissingNode()) {
            try {
                if (!d.isTextual()) throw new IllegalArgumentException("must be \"day-first\", \"month-first\" or \"year-first\"");
                order = ClinicalDates.Order.of(d.asText());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": dates: " + e.getMessage());
            }
        }
        return new ColumnMapping(map, values, order);
    }

    /** The mapping kept beside a table ({@value #FILE_NAME} in its folder), or none. */
    public static ColumnMapping beside(Path table) throws IOException {
        Path f = table.toAbsolutePath().resolveSibling(FILE_NAME);
        return Files.isRegularFile(f) ? read(f) : none();
    }

    /** The template's name for a centre's column header (itself when the mapping does not name it). */
    public String template(String header) { return toTemplate.getOrDefault(header.strip(), header); }

    /** The template's word for a centre's value in a template column (itself when the mapping does not name it). */
    public String value(String templateColumn, String value) {
        Map<String, String> m = values.get(templateColumn);
        return m == null || value == null ? value : m.getOrDefault(value.strip(), value);
    }

    /** The order the centre writes numeric dates in (12/01/2024): declared as {@code "dates": "day-first"}, year-first otherwise. */
    public ClinicalDates.Order dateOrder() { return dateOrder; }

    /** Whether it renames no column (values may still be mapped). */
    public boolean isEmpty() { return toTemplate.isEmpty(); }
}
