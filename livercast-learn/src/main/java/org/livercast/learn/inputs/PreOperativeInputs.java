package org.livercast.learn.inputs;

import java.io.IOException;
import java.time.LocalDate;
import org.livercast.core.model.Patient;
import org.livercast.learn.data.PatientCase;
import org.livercast.learn.report.RadiologyFindings;
import org.livercast.learn.report.RadiologyReportReader;
import org.livercast.learn.report.ReportHeader;
import org.livercast.learn.mri.MriRoi;
import java.util.Optional;

/**
 * Everything known before surgery, and nothing else: the baseline (demographics, liver, pre-operative labs and tumour
 * burden), the pre-operative MRI report and, when read, the MRI itself as a tumour-centred tensor. There is no pathology, treatment or follow-up field to fill, so a PRE
 * model cannot be handed post-operative information by mistake: the type has no room for it.
 *
 * @param radiologyText the report body with its identifying header removed
 */
public record PreOperativeInputs(String patientId, String centre, LocalDate surgeryDate, Patient baseline, RadiologyFindings radiology,
                                 String radiologyText, Optional<float[]> mriRoi) {
    /** Reads a case's pre-operative inputs without the MRI images (report only). */
    public static PreOperativeInputs of(PatientCase c) throws IOException { return of(c, false); }

    /**
     * Reads a case's pre-operative inputs; with {@code images}, also the tumour-centred MRI tensor ({@link MriRoi}) when
     * the case has an imaging folder. A radiology report dated after surgery is refused, naming the file.
     */
    public static PreOperativeInputs of(PatientCase c, boolean images) throws IOException {
        LocalDate surgery = c.record().surgeryDate().orElse(null);
        RadiologyFindings findings = RadiologyFindings.none();
        String text = "";
        if (c.radiologyReport().isPresent()) {
            String raw = org.livercast.core.io.TextEncoding.read(c.radiologyReport().get()).text();
            findings = RadiologyReportReader.read(raw);
            if (surgery != null && findings.examDate() != null && findings.examDate().isAfter(surgery)) {
                throw new InputRefusedException(c.radiologyReport().get() + ": exam date " + findings.examDate() + " is after surgery ("
                        + surgery + "); a post-operative report cannot enter a pre-operative model");
            }
            text = ReportHeader.strip(raw);
        }
        Optional<float[]> roi = Optional.empty();
        if (images && c.imagingDir().isPresent()) {
            try {
                roi = MriRoi.read(c.imagingDir().get());
            } catch (IllegalArgumentException e) {
                throw new InputRefusedException(c.imagingDir().get() + ": " + e.getMessage());
            }
        }
        return new PreOperativeInputs(c.id(), c.centre(), surgery, c.record().patient(), findings, text, roi);
    }
}
