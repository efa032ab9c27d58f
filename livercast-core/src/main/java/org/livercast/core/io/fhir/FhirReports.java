package org.livercast.core.io.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.livercast.core.io.fhir.ClinicalCodes.Code;
import org.livercast.core.io.fhir.FhirNdjson.Entry;

/**
 * The report documents of a FHIR export: each DiagnosticReport's text as its system sent it (a {@code presentedForm}
 * attachment — plain text, PDF or Word, base64 inline — else its {@code conclusion}), with the Patient it is about and,
 * from its category or code, whether it is pathology or radiology. Ingest stores them as it stores report files.
 */
public final class FhirReports {
    /**
     * A report's bytes, the file name (its extension says how to read them), its kind when the resource says it (else
     * null), where it came from, and the reference to its Patient (resolve it with {@link #patient}).
     */
    public record Document(String patientReference, String fileName, byte[] bytes, String kind, String source) {}

    /** The value {@code byName} holds for the document's Patient (e.g. {@link ClinicalTablesReader#hospitalNumbers}). */
    public static <T> java.util.Optional<T> patient(Document d, java.util.Map<String, T> byName) { return FhirValues.resolve(d.patientReference(), byName); }

    private static final Set<String> PATHOLOGY_CATEGORIES = Set.of("SP", "PAT", "CP", "OSP");
    private static final Set<String> RADIOLOGY_CATEGORIES = Set.of("RAD", "CT", "MR", "NMR", "NMS", "RUS", "VUS", "XRC", "CUS");
    private static final Set<String> PATHOLOGY_LOINC = Set.of("11526-1", "60567-5", "22637-3", "22634-0", "33746-9");
    private static final Set<String> RADIOLOGY_LOINC = Set.of("18748-4", "18747-6", "18755-9", "18782-3", "24558-9");

    private FhirReports() {}

    /** Every DiagnosticReport with a text this can hand on; one without any (a link alone) is skipped, counted by the tables' reader. */
    public static List<Document> of(List<Entry> entries) {
        List<Document> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.type().equals("DiagnosticReport") || "entered-in-error".equals(e.resource().path("status").asText())) continue;
            String patient = FhirValues.patientReference(e.resource()).orElse(null);
            if (patient == null) continue;
            String name = (e.id() == null ? "report" : e.id().replaceAll("[^A-Za-z0-9.-]", "_"));
            String kind = kind(e.resource());
            byte[] bytes = null;
            String extension = null;
            for (JsonNode a : e.resource().path("presentedForm")) {
                if (!a.path("data").isTextual()) continue;
                String type = a.path("contentType").asText("").toLowerCase(Locale.ROOT);
                // Read by content, not by this name: a PDF, Word (.docx, or 97-2003's .doc), text, or a scanned page (OCR).
                extension = type.startsWith("application/pdf") ? ".pdf" : type.contains("wordprocessingml") ? ".docx"
                        : type.startsWith("application/msword") ? ".doc" : type.startsWith("text/") ? ".txt"
                        : type.startsWith("image/jpeg") ? ".jpg" : type.startsWith("image/png") ? ".png" : null;
                if (extension == null) continue;
                bytes = Base64.getMimeDecoder().decode(a.get("data").asText());
                break;
            }
            if (bytes == null && e.resource().path("conclusion").isTextual()) {
                bytes = e.resource().get("conclusion").asText().getBytes(StandardCharsets.UTF_8);
                extension = ".txt";
            }
            if (bytes != null) out.add(new Document(patient, name + extension, bytes, kind, e.where()));
        }
        return out;
    }

    /** "pathology" or "radiology" by the report's category (HL7 v2-0074) or LOINC code; null when it says neither. */
    static String kind(JsonNode report) {
        for (JsonNode category : report.path("category")) {
            for (Code c : FhirValues.codings(category)) {
                if (PATHOLOGY_CATEGORIES.contains(c.code())) return "pathology";
                if (RADIOLOGY_CATEGORIES.contains(c.code())) return "radiology";
            }
        }
        for (Code c : FhirValues.codings(report.path("code"))) {
            if (!c.system().equals(ClinicalCodes.LOINC)) continue;
            if (PATHOLOGY_LOINC.contains(c.code())) return "pathology";
            if (RADIOLOGY_LOINC.contains(c.code())) return "radiology";
        }
        return null;
    }
}
