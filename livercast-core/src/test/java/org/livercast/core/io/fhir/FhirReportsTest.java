package org.livercast.core.io.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A DiagnosticReport's presentedForm handed on as the file ingest reads it by content: which attachments are taken. */
class FhirReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wordPdfTextAndScannedPagesAreHandedOnAndOtherAttachmentsFallBackToTheConclusion() throws Exception {
        List<FhirNdjson.Entry> entries = List.of(
                report("doc", "SP", "application/msword", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}),
                report("docx", "SP", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1)),
                report("scan", "RAD", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
                report("photo", "RAD", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
                report("zip", "RAD", "application/zip", new byte[] {'P', 'K'}));
        List<FhirReports.Document> docs = FhirReports.of(entries);
        assertThat(docs).extracting(FhirReports.Document::fileName).containsExactly("doc.doc", "docx.docx", "scan.jpg", "photo.png", "zip.txt");
        assertThat(docs).extracting(FhirReports.Document::kind).containsExactly("pathology", "pathology", "radiology", "radiology", "radiology");
        assertThat(docs.get(0).bytes()).startsWith(0xD0, 0xCF, 0x11, 0xE0);
        // An attachment no reader takes: the report's conclusion instead.
        assertThat(new String(docs.get(4).bytes(), StandardCharsets.UTF_8)).isEqualTo("Impression: LR-5.");
    }

    private static FhirNdjson.Entry report(String id, String category, String contentType, byte[] data) throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree("""
                {"resourceType": "DiagnosticReport", "id": "%s", "status": "final", "subject": {"reference": "Patient/p1"},
                 "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "%s"}]}],
                 "conclusion": "Impression: LR-5.",
                 "presentedForm": [{"contentType": "%s", "data": "%s"}]}
                """.formatted(id, category, contentType, Base64.getEncoder().encodeToString(data)));
        return new FhirNdjson.Entry("DiagnosticReport.ndjson:1", r);
    }
}
