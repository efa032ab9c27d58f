package org.livercast.fhir;

import org.livercast.core.io.fhir.FhirJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.livercast.core.model.PatientRecord;
import org.livercast.core.protocol.Concealment;
import org.livercast.core.protocol.Protocols;
import org.livercast.study.ops.ConcealedOutputs;
import org.livercast.study.ops.StudyEvents;
import org.livercast.study.store.PatientStore;

/**
 * The store's patients and what LiverCast said about them as a FHIR Bulk Data export: one NDJSON file per resource type
 * (a resource a line) and a manifest in the shape of a Bulk Data {@code $export} answer, for a hospital's data platform
 * or EHR to load. Recommendations a protocol conceals from the care team (P4's prospective phase) are left out, as the
 * pages leave them out. The files are written beside their final names and moved into place at the end, so a failed
 * export leaves the previous one whole.
 */
public final class BulkExport {
    static final List<String> TYPES = List.of("Patient", "Observation", "RiskAssessment", "Provenance", "Device", "CodeSystem");

    /** @param countsByType resources written per type; {@code concealed} the patients whose recommendations were left out */
    public record Result(Map<String, Integer> countsByType, int patients, int concealed, Path manifest) {}

    private BulkExport() {}

    /** @param centres which centres' patients to export */
    public static Result write(Jdbi jdbi, Path dir, Predicate<String> centres, String codeVersion) throws IOException {
        Files.createDirectories(dir);
        PatientStore store = new PatientStore(jdbi);
        StudyEvents events = new StudyEvents(jdbi);
        PatientResources resources = new PatientResources(jdbi);
        ConcealedOutputs concealed = ConcealedOutputs.read(jdbi, Protocols.bundled(), Concealment.ADJUVANT_RECOMMENDATION);
        Map<String, BufferedWriter> out = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : TYPES) {
            out.put(t, Files.newBufferedWriter(part(dir, t), StandardCharsets.UTF_8));
            counts.put(t, 0);
        }
        int patients = 0;
        int hidden = 0;
        Set<String> devices = new HashSet<>();
        try {
            for (PatientStore.Key k : store.keys()) {
                if (!centres.test(k.centreId())) continue;
                PatientRecord r = events.merged(store.find(k.centreId(), k.patientId()).orElseThrow());
                boolean conceal = concealed.of(k.centreId(), k.patientId()).isPresent();
                if (conceal) hidden++;
                for (ObjectNode res : resources.everything(r, !conceal)) {
                    String type = res.get("resourceType").asText();
                    if (type.equals("Device") && !devices.add(res.get("id").asText())) continue;
                    line(out.get(type), res);
                    counts.merge(type, 1, Integer::sum);
                }
                patients++;
            }
            line(out.get("CodeSystem"), LiverCastCodes.codeSystem(codeVersion));
            counts.merge("CodeSystem", 1, Integer::sum);
        } finally {
            for (BufferedWriter w : out.values()) w.close();
        }
        for (String t : TYPES) Files.move(part(dir, t), dir.resolve(t + ".ndjson"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, FhirJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest(counts)), StandardCharsets.UTF_8);
        return new Result(counts, patients, hidden, manifest);
    }

    /** As a Bulk Data server answers a finished {@code $export}, the file names relative to the manifest. */
    private static ObjectNode manifest(Map<String, Integer> counts) {
        ObjectNode m = FhirJson.JSON.createObjectNode().put("transactionTime", FhirJson.instant(OffsetDateTime.now()))
                .put("request", "livercast fhir export").put("requiresAccessToken", false);
        var output = m.putArray("output");
        counts.forEach((type, n) -> output.addObject().put("type", type).put("url", type + ".ndjson").put("count", n));
        m.putArray("error");
        return m;
    }

    private static Path part(Path dir, String type) { return dir.resolve(type + ".ndjson.part"); }

    private static void line(BufferedWriter w, ObjectNode resource) throws IOException {
        w.write(FhirJson.JSON.writeValueAsString(resource));
        w.write('\n');
    }
}
