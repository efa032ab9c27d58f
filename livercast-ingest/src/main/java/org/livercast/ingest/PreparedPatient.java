package org.livercast.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.livercast.core.model.PatientRecord;
import org.livercast.ingest.discover.FileKind;
import org.livercast.ingest.qc.Finding;

/**
 * One patient read, checked and de-identified, not yet stored: the de-identified record and files, the decision and
 * everything the ingest report says about the patient.
 */
public record PreparedPatient(String hospitalNumber, String pseudonym, String inputSha256, PatientRecord record,
                              List<Staged> files, List<Finding> rejections, List<Finding> warnings, Summary summary,
                              Map<String, Integer> deidActions) {
    /** A de-identified file waiting to be stored: bytes in memory, or a staged file on disk (slides). */
    public record Staged(FileKind kind, String source, byte[] bytes, Path staged, String seriesUid, String phase, Map<String, Object> detail) {}

    /** What the report shows per patient. */
    public record Summary(List<String> phasesFound, List<String> phasesMissing, List<SlideQc> slides, int dicomFiles,
                          int reports, List<String> fieldsMissing) {}

    public record SlideQc(String file, boolean accepted, List<String> reasons, double tissueAreaMm2) {}

    public boolean accepted() { return rejections.isEmpty(); }
}
