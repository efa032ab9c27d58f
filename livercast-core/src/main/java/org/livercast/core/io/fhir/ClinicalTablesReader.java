package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.fhir.ClinicalCodes.Code;
import org.livercast.core.io.fhir.FhirNdjson.Entry;

/**
 * A centre's FHIR Bulk Data export read as its clinical tables: one patients-table row per Patient, one events-table
 * row per follow-up event, in the template's columns, so that the template's checks, import and ingest take them as
 * they take a CSV (docs/fhir.md, "A centre's export in"). Each resource is found by its code — the standard ones in
 * {@link ClinicalCodes}, LiverCast's own in {@link TemplateCodes}, the centre's in its fhir.json ({@link CentreCodes}).
 * A pre-operative value is the latest on or before the day of surgery. A resource this cannot place (its patient is
 * not in the export, a Patient without a hospital number) is an error naming the file, line and resource; a resource
 * of a kind or code the tables have no column for is counted, not read, and listed for the data manager.
 */
public final class ClinicalTablesReader {
    /** The tables as CSV text in the template's columns, what was read by type, and what was left out, by code. */
    public record Tables(byte[] patientsCsv, byte[] eventsCsv, int patients, Map<String, Integer> readByType, Map<String, Integer> leftOut) {}

    /** The export cannot be read as tables: every reason, each naming where. */
    public static final class FhirTablesException extends IOException {
        private final List<String> errors;

        public FhirTablesException(List<String> errors) {
            super(String.join("\n", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() { return errors; }
    }

    private ClinicalTablesReader() {}

    /**
     * @param centreId the centre the export is from; null: each Patient's own, from its managingOrganization's LiverCast
     *                 centre identifier (as {@link ClinicalResources} writes it) — a Patient without one is an error
     */
    public static Tables read(List<Entry> entries, String centreId, CentreCodes codes) throws FhirTablesException {
        List<String> errors = new ArrayList<>();
        Map<String, Integer> read = new TreeMap<>();
        Map<String, Integer> leftOut = new TreeMap<>();
        Map<String, Chart> charts = new LinkedHashMap<>();
        Map<String, String> hospitalNumbers = new LinkedHashMap<>();
        Map<String, Chart> chartByName = new LinkedHashMap<>();
        // A Patient already named in an error: what is about them is not named again, resource by resource.
        java.util.Set<String> unplaced = new java.util.HashSet<>();
        for (Entry e : entries) {
            if (!e.type().equals("Patient")) continue;
            if (e.id() == null) {
                errors.add(e.where() + " id: missing; the export's resources refer to a Patient by its id");
                continue;
            }
            Optional<String> hn = hospitalNumber(e.resource(), codes);
            if (hn.isEmpty()) {
                unplaced.addAll(e.names());
                errors.add(e.where() + " identifier: no hospital number (" + codes.identifierSystem().map(s -> "no identifier of system " + s
                        + ", the identifier_system of " + CentreCodes.FILE_NAME).orElse("an identifier of type MR, or the only one; else name the system of the"
                        + " hospital numbers as identifier_system in " + CentreCodes.FILE_NAME) + ")");
                continue;
            }
            if (centreId == null && centreOf(e.resource()).isEmpty()) {
                unplaced.addAll(e.names());
                errors.add(e.where() + " managingOrganization: no centre (an identifier of system " + TemplateCodes.CENTRE + "), and none was given");
                continue;
            }
            String other = hospitalNumbers.put(hn.get(), e.where());
            if (other != null) errors.add(e.where() + " identifier: hospital number " + hn.get() + " is also " + other);
            Chart chart = new Chart(e, hn.get());
            if (charts.put(e.id(), chart) != null) errors.add(e.where() + " id: a second Patient with this id");
            for (String name : e.names()) chartByName.put(name, chart);
            read.merge("Patient", 1, Integer::sum);
        }
        for (Entry e : entries) {
            if (e.type().equals("Patient")) continue;
            if (!Chart.READ_TYPES.contains(e.type())) {
                leftOut.merge(e.type() + " (not read)", 1, Integer::sum);
                continue;
            }
            Optional<String> ref = FhirValues.patientReference(e.resource());
            if (ref.isEmpty()) {
                errors.add(e.where() + " subject: no reference to a Patient");
                continue;
            }
            Chart c = FhirValues.resolve(ref.get(), chartByName).orElse(null);
            if (c == null && FhirValues.resolve(ref.get(), names(unplaced)).isPresent()) continue;
            if (c == null) {
                errors.add(e.where() + " subject: " + ref.get() + " is not in the export");
                continue;
            }
            c.add(e);
            read.merge(e.type(), 1, Integer::sum);
        }
        List<Map<String, String>> patientRows = new ArrayList<>();
        List<Map<String, String>> eventRows = new ArrayList<>();
        for (Chart c : charts.values()) {
            try {
                Map<String, String> row = c.patientRow(centreId != null ? centreId : centreOf(c.patient()).orElseThrow(), codes, leftOut);
                patientRows.add(row);
                eventRows.addAll(c.eventRows(codes));
            } catch (Chart.ChartException ex) {
                errors.addAll(ex.errors());
            }
        }
        if (!errors.isEmpty()) throw new FhirTablesException(errors);
        return new Tables(csv(ClinicalCsv.PATIENT_COLUMNS, patientRows), csv(ClinicalCsv.EVENT_COLUMNS, eventRows), patientRows.size(), read, leftOut);
    }

    private static Map<String, String> names(java.util.Set<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, n);
        return m;
    }

    /** An export (a folder of FHIR files, one NDJSON file or a Bundle) through the centre's fhir.json beside it; centre as {@link #read(List, String, CentreCodes)}. */
    public static Tables read(java.nio.file.Path fileOrFolder, String centreId) throws java.io.IOException {
        return read(FhirNdjson.read(fileOrFolder), centreId, CentreCodes.beside(fileOrFolder));
    }

    /** The centre a Patient names as its managing organisation by LiverCast's centre identifier. */
    static Optional<String> centreOf(JsonNode patient) {
        JsonNode id = patient.path("managingOrganization").path("identifier");
        return TemplateCodes.CENTRE.equals(id.path("system").asText()) && !id.path("value").asText("").isBlank() ? Optional.of(id.get("value").asText()) : Optional.empty();
    }

    /**
     * A centre's FHIR export (the FHIR files of a folder, or of the folder of one of them) as the template's two tables
     * for {@link org.livercast.core.io.TableFile}, through the centre's fhir.json beside them; the centre from each Patient.
     */
    public static org.livercast.core.io.TableFile.Loaded load(java.nio.file.Path fileOrFolder) throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Files.isDirectory(fileOrFolder) ? fileOrFolder : fileOrFolder.toAbsolutePath().getParent();
        Tables t = read(folder, null);
        return new org.livercast.core.io.TableFile.Loaded("patients from FHIR " + folder, t.patientsCsv(), "events from FHIR " + folder, t.eventsCsv());
    }

    /**
     * Each Patient's hospital number by the names a reference may give it ({@code Patient/id}, a Bundle's fullUrl); a
     * Patient without one is left out (the tables' reader names it).
     */
    public static Map<String, String> hospitalNumbers(List<Entry> entries, CentreCodes codes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!e.type().equals("Patient")) continue;
            hospitalNumber(e.resource(), codes).ifPresent(hn -> e.names().forEach(n -> out.put(n, hn)));
        }
        return out;
    }

    /** The Patient's hospital number: the identifier of the centre's declared system, else the one typed MR, else the only one. */
    static Optional<String> hospitalNumber(JsonNode patient, CentreCodes codes) {
        List<JsonNode> ids = new ArrayList<>();
        patient.path("identifier").forEach(ids::add);
        if (codes.identifierSystem().isPresent()) {
            return ids.stream().filter(i -> codes.identifierSystem().get().equals(i.path("system").asText())).map(i -> i.path("value").asText(""))
                    .filter(v -> !v.isBlank()).findFirst();
        }
        for (JsonNode i : ids) {
            for (Code c : FhirValues.codings(i.path("type"))) {
                if (c.system().equals(ClinicalCodes.V2_IDENTIFIER_TYPE) && c.code().equals("MR") && !i.path("value").asText("").isBlank()) return Optional.of(i.get("value").asText());
            }
        }
        return ids.size() == 1 && !ids.get(0).path("value").asText("").isBlank() ? Optional.of(ids.get(0).get("value").asText()) : Optional.empty();
    }

    private static byte[] csv(List<String> header, List<Map<String, String>> rows) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (Map<String, String> r : rows) p.printRecord(header.stream().map(c -> r.getOrDefault(c, "")).toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }
}
