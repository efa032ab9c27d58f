package org.livercast.ingest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.livercast.ingest.qc.Finding;

/** Writes the ingest report as JSON (for machines) and HTML (for the centre's data manager). */
public final class ReportWriter {
    private ReportWriter() {}

    public static void write(IngestReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("ingest-report.json"), json.writeValueAsString(r));
        Files.writeString(dir.resolve("ingest-report.html"), html(r));
    }

    static String html(IngestReport r) {
        StringBuilder s = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ingest report</title>
                <style>body{font:14px system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}
                td,th{border:1px solid #999;padding:3px 8px;text-align:left;vertical-align:top}th{background:#eee}
                .rejected{background:#fde2e2}.ok{background:#e5f5e5}</style></head><body>
                """);
        s.append("<h1>Ingest of centre ").append(esc(r.centre())).append("</h1>");
        s.append("<p>Export <code>").append(esc(r.export())).append("</code>, started ").append(esc(r.startedAt()))
                .append(String.format(Locale.ROOT, ", %.1f s (%.1f patients/min)", r.seconds(), r.patientsPerMinute())).append(".</p>");
        s.append("<table><tr><th>added</th><th>updated</th><th>unchanged</th><th>rejected</th></tr><tr><td>").append(r.patientsAdded())
                .append("</td><td>").append(r.patientsUpdated()).append("</td><td>").append(r.patientsUnchanged()).append("</td><td>")
                .append(r.patientsRejected()).append("</td></tr></table>");
        if (!r.exportProblems().isEmpty()) {
            s.append("<h2>Problems with the export as a whole</h2><ul>");
            r.exportProblems().forEach(p -> s.append("<li>").append(esc(p)).append("</li>"));
            s.append("</ul>");
        }
        s.append("<h2>Patients</h2><table><tr><th>hospital number</th><th>pseudonym</th><th>status</th><th>MRI phases found</th>"
                + "<th>slides (QC)</th><th>reports</th><th>reasons / warnings</th></tr>");
        for (PatientOutcome p : r.patients()) {
            s.append("<tr class=\"").append(p.status() == PatientOutcome.Status.REJECTED ? "rejected" : "ok").append("\"><td>")
                    .append(esc(p.hospitalNumber())).append("</td><td>").append(esc(p.pseudonym())).append("</td><td>")
                    .append(p.status().name().toLowerCase(Locale.ROOT)).append("</td><td>");
            if (p.summary() != null) {
                s.append(esc(String.join(", ", p.summary().phasesFound())));
                if (!p.summary().phasesMissing().isEmpty()) s.append("<br>missing: ").append(esc(String.join(", ", p.summary().phasesMissing())));
                s.append("</td><td>");
                p.summary().slides().forEach(x -> s.append(x.accepted() ? "pass" : "fail: " + esc(String.join("; ", x.reasons()))).append("<br>"));
                s.append("</td><td>").append(p.summary().reports());
            } else {
                s.append("</td><td></td><td>");
            }
            s.append("</td><td>");
            for (Finding f : p.reasons()) s.append("<b>").append(esc(f.toString())).append("</b><br>");
            for (Finding f : p.warnings()) s.append(esc(f.toString())).append("<br>");
            s.append("</td></tr>");
        }
        s.append("</table>");
        if (!r.unlinkedFiles().isEmpty()) {
            s.append("<h2>Files not ingested</h2><table><tr><th>file</th><th>kind</th><th>why</th></tr>");
            r.unlinkedFiles().forEach(f -> s.append("<tr><td>").append(esc(f.file())).append("</td><td>").append(f.kind()).append("</td><td>")
                    .append(esc(f.reason())).append("</td></tr>"));
            s.append("</table>");
        }
        s.append("<h2>De-identification actions</h2>").append(table(r.deidActions()));
        s.append("<h2>Where the time went (thread seconds)</h2>").append(table(r.secondsByStage()));
        return s.append("</body></html>\n").toString();
    }

    private static String table(Map<String, ?> m) {
        StringBuilder s = new StringBuilder("<table>");
        m.forEach((k, v) -> s.append("<tr><td>").append(esc(k)).append("</td><td>").append(v).append("</td></tr>"));
        return s.append("</table>").toString();
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
