package org.livercast.bench;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.livercast.core.io.fhir.FhirJson;
import org.livercast.fhir.FhirValidation;

/**
 * Writing FHIR JSON: LiverCast's resources as it holds them (Jackson trees, {@link FhirJson#JSON}) against HAPI FHIR, the
 * reference Java implementation, encoding the same resources from its R4 model — the step every answer of the endpoint
 * and every line of an export pays. Input: an export folder (e.g. the main job's HOME/fhir); the resources of every type,
 * repeated until each side has written at least 20,000. Ratio = HAPI seconds / LiverCast seconds (above 1: LiverCast
 * faster); the bytes written are printed for both (they differ in whitespace and number formatting only).
 * Usage: FhirWriteBenchmark DIR [REPEATS]
 */
public final class FhirWriteBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<JsonNode> ours = new ArrayList<>();
        List<IBaseResource> hapi = new ArrayList<>();
        IParser parser = FhirValidation.R4.newJsonParser();
        for (String type : List.of("Patient", "Observation", "RiskAssessment", "Provenance", "Device", "CodeSystem")) {
            for (String line : Files.readAllLines(dir.resolve(type + ".ndjson"))) {
                ours.add(FhirJson.JSON.readTree(line));
                hapi.add(parser.parseResource(line));
            }
        }
        int rounds = Math.max(1, 20_000 / ours.size());
        double bestOurs = Double.MAX_VALUE;
        double bestHapi = Double.MAX_VALUE;
        long bytesOurs = 0;
        long bytesHapi = 0;
        for (int r = 0; r < repeats + 1; r++) {  // the first round warms the JIT and is not counted
            long t0 = System.nanoTime();
            long b = 0;
            for (int i = 0; i < rounds; i++) for (JsonNode n : ours) b += FhirJson.JSON.writeValueAsString(n).length();
            double s = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            long h = 0;
            for (int i = 0; i < rounds; i++) for (IBaseResource x : hapi) h += parser.encodeResourceToString(x).length();
            double sh = (System.nanoTime() - t1) / 1e9;
            if (r == 0) continue;
            bestOurs = Math.min(bestOurs, s);
            bestHapi = Math.min(bestHapi, sh);
            bytesOurs = b / rounds;
            bytesHapi = h / rounds;
        }
        long n = (long) rounds * ours.size();
        System.out.printf("resources %d (x%d rounds = %d), chars per round LiverCast %d, HAPI %d%n", ours.size(), rounds, n, bytesOurs, bytesHapi);
        System.out.printf("LiverCast (Jackson) %.3f s  %.0f resources/s%n", bestOurs, n / bestOurs);
        System.out.printf("HAPI FHIR 8.6.5     %.3f s  %.0f resources/s%n", bestHapi, n / bestHapi);
        System.out.printf("ratio %.2f%n", bestHapi / bestOurs);
    }
}
