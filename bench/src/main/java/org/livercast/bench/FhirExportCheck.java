package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.livercast.fhir.FhirValidation;

/**
 * A {@code livercast fhir export} folder read back resource by resource by the HL7 FHIR validator (HAPI 8.6.5, R4,
 * LiverCast's CodeSystem loaded): per resource type, how many resources, how many warnings and errors (each distinct
 * message once), and the validator's time per resource. What the main job's export looks like to a receiving system.
 * Usage: FhirExportCheck DIR
 */
public final class FhirExportCheck {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        FhirValidation.validator();  // built once, outside the timing (R4's definitions are loaded on first use)
        System.out.printf("%-15s %9s %8s %7s %14s%n", "type", "resources", "warnings", "errors", "ms/resource");
        Map<String, Integer> messages = new TreeMap<>();
        int bad = 0;
        for (String type : List.of("Patient", "Observation", "RiskAssessment", "Provenance", "Device", "CodeSystem")) {
            List<String> lines = Files.readAllLines(dir.resolve(type + ".ndjson"));
            int warnings = 0;
            int errors = 0;
            long t0 = System.nanoTime();
            for (String line : lines) {
                for (String p : FhirValidation.problems(line)) {
                    if (p.startsWith("ERROR") || p.startsWith("FATAL")) errors++;
                    else warnings++;
                    messages.merge(p.replaceAll("\\[\\d+\\]", "[]"), 1, Integer::sum);
                }
            }
            double ms = lines.isEmpty() ? 0 : (System.nanoTime() - t0) / 1e6 / lines.size();
            System.out.printf("%-15s %9d %8d %7d %14.2f%n", type, lines.size(), warnings, errors, ms);
            bad += errors;
        }
        messages.forEach((m, n) -> System.out.printf("  %5d× %s%n", n, m));
        // Each reference ("Type/id") must name a resource of the export: what a Bulk Data client loading it relies on.
        java.util.Set<String> ids = new java.util.HashSet<>();
        List<String> references = new java.util.ArrayList<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String type : List.of("Patient", "Observation", "RiskAssessment", "Provenance", "Device", "CodeSystem")) {
            for (String line : Files.readAllLines(dir.resolve(type + ".ndjson"))) {
                var n = json.readTree(line);
                ids.add(type + "/" + n.path("id").asText());
                n.findValues("reference").forEach(r -> references.add(r.asText()));
            }
        }
        long dangling = references.stream().filter(r -> !ids.contains(r)).count();
        System.out.printf("references %d, resolved inside the export %d, dangling %d%n", references.size(), references.size() - dangling, dangling);
        if (dangling > 0) bad++;
        System.exit(bad == 0 ? 0 : 1);
    }
}
