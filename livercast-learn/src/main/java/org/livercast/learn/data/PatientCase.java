package org.livercast.learn.data;

import java.nio.file.Path;
import java.util.Optional;
import org.livercast.core.model.PatientRecord;

/**
 * One patient of a centre export: the clinical record (keyed by the centre's patient id) and where the patient's
 * files are. A file the centre did not send is empty, never a made-up path.
 */
public record PatientCase(String centre, PatientRecord record, Optional<Path> radiologyReport, Optional<Path> pathologyReport,
                          Optional<Path> imagingDir, Optional<Path> slide) {
    public String id() { return record.id(); }
}
