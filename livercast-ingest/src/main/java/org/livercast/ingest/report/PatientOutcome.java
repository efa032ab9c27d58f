package org.livercast.ingest.report;

import java.util.List;
import java.util.Map;
import org.livercast.ingest.PreparedPatient;
import org.livercast.ingest.qc.Finding;

/**
 * What happened to one patient. The hospital number is in the report because the report is the centre's own (it is
 * written beside the pseudonym key, never into the store): a data manager must be able to find the failing files.
 */
public record PatientOutcome(String hospitalNumber, String pseudonym, Status status, List<Finding> reasons, List<Finding> warnings,
                             PreparedPatient.Summary summary, Map<String, Integer> deidActions) {
    public enum Status { ADDED, UPDATED, UNCHANGED, REJECTED }
}
