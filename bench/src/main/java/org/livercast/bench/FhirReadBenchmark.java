package org.livercast.bench;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.core.io.ClinicalCsv;
import org.livercast.core.io.ClinicalData;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.io.fhir.FhirJson;
import org.livercast.fhir.FhirValidation;
import org.livercast.core.io.fhir.CentreCodes;
import org.livercast.core.io.fhir.ClinicalResources;
import org.livercast.core.io.fhir.ClinicalTablesReader;
import org.livercast.core.io.fhir.FhirNdjson;

/**
 * Reading a centre's FHIR export: a clinical folder's records (patients.csv, events.csv, e.g. a synthetic centre's)
 * written as a Bulk Data export, then read back into the template's tables by LiverCast (NDJSON → Jackson trees → rows →
 * the template's checks) against HAPI FHIR 8.6.5, the reference Java implementation, only parsing the same files into
 * its R4 model (no mapping, no checks: less work than LiverCast's). Checks that the tables read back hold every record.
 * Ratio = HAPI seconds / LiverCast seconds (above 1: LiverCast faster).
 * Usage: FhirReadBenchmark CLINICAL_DIR [REPEATS]
 */
public final class FhirReadBenchmark {
    public static void main(String[] args) throws Exception {
        Path clinical = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<PatientRecord> records = ClinicalCsv.read(clinical.resolve("patients.csv"), clinical.resolve("events.csv")).records();
        Path dir = Files.createTempDirectory("fhir-read");
        Map<String, StringBuilder> files = new LinkedHashMap<>();
        int resources = 0;
        for (PatientRecord r : records) {
            for (ObjectNode res : ClinicalResources.of(r, "urn:oid:1.2.3")) {
                files.computeIfAbsent(res.get("resourceType").asText(), k -> new StringBuilder()).append(FhirJson.JSON.writeValueAsString(res)).append('\n');
                resources++;
            }
        }
        long bytes = 0;
        for (var f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey() + ".ndjson"), f.getValue());
            bytes += Files.size(dir.resolve(f.getKey() + ".ndjson"));
        }
        IParser parser = FhirValidation.R4.newJsonParser();
        String centre = records.get(0).patient().centreId();
        double best = Double.MAX_VALUE;
        double bestHapi = Double.MAX_VALUE;
        for (int round = 0; round < repeats + 1; round++) {   // the first round warms the JIT and is not counted
            long t0 = System.nanoTime();
            ClinicalTablesReader.Tables t = ClinicalTablesReader.read(FhirNdjson.read(dir), centre, CentreCodes.none());
            ClinicalData data = ClinicalCsv.read("patients", new java.io.ByteArrayInputStream(t.patientsCsv()), "events", new java.io.ByteArrayInputStream(t.eventsCsv()));
            double s = (System.nanoTime() - t0) / 1e9;
            if (!data.valid() || data.records().size() != records.size()) throw new IllegalStateException("read back " + data.records().size() + " of " + records.size() + ": " + data.errors());
            long t1 = System.nanoTime();
            int parsed = 0;
            for (String type : files.keySet()) for (String line : Files.readAllLines(dir.resolve(type + ".ndjson"))) if (parser.parseResource(line) != null) parsed++;
            double sh = (System.nanoTime() - t1) / 1e9;
            if (parsed != resources) throw new IllegalStateException("HAPI parsed " + parsed + " of " + resources);
            if (round == 0) continue;
            best = Math.min(best, s);
            bestHapi = Math.min(bestHapi, sh);
        }
        System.out.printf("patients %d, resources %d, NDJSON %.1f MB in %d files%n", records.size(), resources, bytes / 1e6, files.size());
        System.out.printf("LiverCast: read as the template's tables and checked  %.3f s  %.0f resources/s  %.0f patients/s%n", best, resources / best, records.size() / best);
        System.out.printf("HAPI FHIR 8.6.5: parsed into its R4 model             %.3f s  %.0f resources/s%n", bestHapi, resources / bestHapi);
        System.out.printf("ratio %.2f%n", bestHapi / best);
        // What reading holds in memory: the resources as trees (narratives dropped), measured after a full collection.
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        List<FhirNdjson.Entry> held = FhirNdjson.read(dir);
        System.gc();
        System.out.printf("heap holding the %d resources read: %.0f MB (the NDJSON is %.1f MB)%n", held.size(), (rt.totalMemory() - rt.freeMemory() - baseline) / 1e6, bytes / 1e6);
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }
}
