package org.livercast.ingest.qc;

import java.util.List;
import java.util.Set;
import org.livercast.core.model.Phase;
import org.livercast.imaging.exam.LiverExam;

/**
 * What a patient needs to be accepted, mirroring the protocols' exclusion criteria.
 * <ul>
 * <li>Every protocol needs multi-phase contrast-enhanced imaging ("incomplete sequences" exclude in P4; P2 names the
 * phases): non-contrast, arterial, portal venous and delayed must be present and readable.</li>
 * <li>Slides must be readable. Slide QC failure (faded, folded, blurred, too little tissue) excludes in P4 only, so by
 * default a failing slide is stored with its QC result and the patient flagged; {@code rejectFailedSlides} (P4
 * ingest) rejects a patient none of whose slides passes.</li>
 * <li>The clinical fields without which no protocol can screen: sex, age, the screening date.</li>
 * </ul>
 * MRI and slides are required only when the export carries them at all: a clinical-only export is ingested as such.
 */
public record QcPolicy(Set<Phase> requiredPhases, boolean requireMri, boolean requireSlides, boolean rejectFailedSlides,
                       List<String> requiredFields) {
    public static final List<String> REQUIRED_FIELDS = List.of("sex", "age_years", "screening_date");

    public static QcPolicy forExport(boolean exportHasMri, boolean exportHasSlides, boolean rejectFailedSlides) {
        return new QcPolicy(LiverExam.P2_REQUIRED, exportHasMri, exportHasSlides, rejectFailedSlides, REQUIRED_FIELDS);
    }

    /** Changes when the rules do, so a patient ingested under other rules is checked again. */
    public String version() { return "qc-1:" + new java.util.TreeSet<>(requiredPhases) + requireMri + requireSlides + rejectFailedSlides + requiredFields; }
}
