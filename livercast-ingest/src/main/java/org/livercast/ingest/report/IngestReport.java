package org.livercast.ingest.report;

import java.util.List;
import java.util.Map;
import org.livercast.ingest.discover.ExportFile;

/** The result of one ingest run, as written to ingest-report.json and .html. */
public record IngestReport(String centre, String export, String startedAt, double seconds, int patientsAdded, int patientsUpdated,
                           int patientsUnchanged, int patientsRejected, List<String> exportProblems, List<PatientOutcome> patients,
                           List<UnlinkedFile> unlinkedFiles, Map<String, Integer> deidActions, Map<String, Double> secondsByStage,
                           long bytesRead) {
    public record UnlinkedFile(String file, String kind, String reason) {
        public static UnlinkedFile of(ExportFile f) { return new UnlinkedFile(f.relative(), f.kind().id(), f.note()); }
    }

    public int patientsAccepted() { return patientsAdded + patientsUpdated + patientsUnchanged; }

    public double patientsPerMinute() { return seconds == 0 ? 0 : (patientsAdded + patientsUpdated + patientsRejected) / (seconds / 60); }
}
