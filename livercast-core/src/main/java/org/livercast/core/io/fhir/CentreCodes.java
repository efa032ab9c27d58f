package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.livercast.core.io.ClinicalCsv;

/**
 * A centre's own codes, mapped once by its data manager to what LiverCast reads — the FHIR twin of columns.json, kept
 * as {@value #FILE_NAME} beside the export:
 * <pre>{"identifier_system": "http://hospital.example.cn/mrn",
 *  "codes": {"http://hospital.example.cn/lab|PIVKA": "pivka_ii",
 *            "http://hospital.example.cn/path|MVI": "mvi",
 *            "http://hospital.example.cn/path|MVI-M1": "mvi=m1",
 *            "http://hospital.example.cn/proc|HX01": "planned_procedure=curative_resection",
 *            "http://hospital.example.cn/proc|TACE": "tace",
 *            "http://hospital.example.cn/drug|LEN4": "drug=lenvatinib"}}</pre>
 * A code maps to a template column (an Observation's value, or a Condition's presence as yes — refuted: no), to a
 * column with its value ({@code column=value}: a Condition, Procedure or an Observation's coded value), to {@code tace},
 * or to a drug. The identifier system names which of a Patient's identifiers is the hospital number.
 */
public final class CentreCodes {
    public static final String FILE_NAME = "fhir.json";

    /** What a code means: a column and, for a coded value, the value; or TACE; or a drug (column "drug"). */
    public record Target(String column, String value) {}

    private final String identifierSystem;
    private final Map<String, Target> targets;

    private CentreCodes(String identifierSystem, Map<String, Target> targets) {
        this.identifierSystem = identifierSystem;
        this.targets = Map.copyOf(targets);
    }

    public static CentreCodes none() { return new CentreCodes(null, Map.of()); }

    /** The mapping beside an export (in the folder, or beside the file), or none. */
    public static CentreCodes beside(Path fileOrFolder) throws IOException {
        Path f = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(FILE_NAME) : fileOrFolder.toAbsolutePath().resolveSibling(FILE_NAME);
        return Files.isRegularFile(f) ? read(f) : none();
    }

    /** @throws IOException naming the file and the entry when it is not a valid mapping */
    public static CentreCodes read(Path file) throws IOException {
        JsonNode root;
        try {
            root = FhirJson.JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": expected {\"identifier_system\": ..., \"codes\": {\"SYSTEM|CODE\": \"column\"}}");
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("identifier_system", "codes").contains(key)) throw new IOException(file + ": unknown entry '" + key + "' (only \"identifier_system\" and \"codes\")");
        }
        JsonNode system = root.path("identifier_system");
        if (!system.isMissingNode() && !system.isTextual()) throw new IOException(file + ": identifier_system must be the URI of the hospital numbers' system");
        Map<String, Target> targets = new LinkedHashMap<>();
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) root.path("codes")::fields) {
            String key = e.getKey().strip();
            String where = file + ": codes['" + key + "']";
            if (!key.contains("|") || key.startsWith("|") || key.endsWith("|")) throw new IOException(where + ": a code is written SYSTEM|CODE");
            if (!e.getValue().isTextual()) throw new IOException(where + " must be a template column, column=value, tace or drug=NAME");
            targets.put(key, parseTarget(e.getValue().asText().strip(), where));
        }
        return new CentreCodes(system.isTextual() ? system.asText() : null, targets);
    }

    private static Target parseTarget(String s, String where) throws IOException {
        int eq = s.indexOf('=');
        String column = eq < 0 ? s : s.substring(0, eq).strip();
        String value = eq < 0 ? null : s.substring(eq + 1).strip();
        if (column.equals("tace") && value == null) return new Target(column, null);
        if (column.equals("drug")) {
            if (value == null || value.isEmpty()) throw new IOException(where + " = '" + s + "': a drug is named, as drug=lenvatinib");
            return new Target(column, value);
        }
        if (!ClinicalCsv.PATIENT_COLUMNS.contains(column) && !TemplateCodes.DISPLAYS.containsKey(column) || column.equals("patient_id") || column.equals("centre_id")) {
            throw new IOException(where + " = '" + s + "': '" + column + "' is not a template column (see docs/clinical-csv.md), tace or drug");
        }
        return new Target(column, value == null || value.isEmpty() ? null : value);
    }

    public Optional<String> identifierSystem() { return Optional.ofNullable(identifierSystem); }

    public Optional<Target> target(String system, String code) { return Optional.ofNullable(targets.get(system + "|" + code)); }
}
