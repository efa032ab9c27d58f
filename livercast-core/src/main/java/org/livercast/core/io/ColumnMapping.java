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
 * A centre's own names for the template's columns, so that a hospital's export ("住院号", "性别", "AFP(ng/ml)") is read
 * without being rewritten by hand: {@code {"columns": {"住院号": "patient_id", "性别": "sex", …}}}. Written once per centre
 * by its data manager and kept beside its tables as {@value #FILE_NAME}. Every target must be a template column and no
 * two of the centre's columns may name the same one: a mapping that could drop or mix data is refused, naming the entry.
 */
public final class ColumnMapping {
    /** The file name a mapping has beside a centre's tables. */
    public static final String FILE_NAME = "columns.json";

    private final Map<String, String> toTemplate;

    private ColumnMapping(Map<String, String> toTemplate) { this.toTemplate = Map.copyOf(toTemplate); }

    /** No mapping: the centre uses the template's names. */
    public static ColumnMapping none() { return new ColumnMapping(Map.of()); }

    /** @throws IOException naming the file and the entry when it is not a valid mapping */
    public static ColumnMapping read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("columns").isObject()) {
            throw new IOException(file + ": expected {\"columns\": {\"the centre's column\": \"template column\", ...}}");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("columns")) throw new IOException(file + ": unknown entry '" + key + "' (only \"columns\")");
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
        return new ColumnMapping(map);
    }

    /** The mapping kept beside a table ({@value #FILE_NAME} in its folder), or none. */
    public static ColumnMapping beside(Path table) throws IOException {
        Path f = table.toAbsolutePath().resolveSibling(FILE_NAME);
        return Files.isRegularFile(f) ? read(f) : none();
    }

    /** The template's name for a centre's column header (itself when the mapping does not name it). */
    public String template(String header) { return toTemplate.getOrDefault(header.strip(), header); }

    public boolean isEmpty() { return toTemplate.isEmpty(); }
}
