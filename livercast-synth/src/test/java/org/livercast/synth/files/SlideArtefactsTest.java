package org.livercast.synth.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.analysis.QcReport;
import org.livercast.pathology.analysis.SlideQc;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.synth.CentreProfile;
import org.livercast.synth.PatientSimulator;
import org.livercast.synth.SyntheticPatient;

/**
 * The artefacts the synthetic truth records (truth/slides.csv) are the ones slide QC finds: each painted artefact is
 * rejected for its own reason and the clean slide of the same patient passes — so the synthetic cohort is a ground
 * truth for QC, not only for the models.
 */
class SlideArtefactsTest {
    @Test
    void eachPaintedArtefactIsRejectedForItsReasonAndTheCleanSlidePasses(@TempDir Path dir) throws Exception {
        SyntheticPatient p = resected();
        Map<String, String> reasonFor = Map.of("blur", "out of focus", "fold", "folds", "pen", "pen", "faded", "faded");
        QcReport clean = qc(p, dir, "none");
        assertThat(clean.reasons()).as("the clean slide").isEmpty();
        // Its six lymphoid aggregates are dark and saturated like a fold, but haematoxylin-blue: nuclei, not a fold (they
        // made 8.5% of the tissue "folds"); and its grade-IV tumour has cytoplasm between the nuclei (a solid sheet of
        // nuclei made another 4.4%).
        assertThat(clean.foldFraction()).as("the clean slide's folds").isLessThan(0.01);
        assertThat(clean.penFraction()).as("the clean slide's pen").isLessThan(0.01);
        for (var e : reasonFor.entrySet()) {
            QcReport r = qc(p, dir, e.getKey());
            assertThat(r.accepted()).as(e.getKey() + ": " + r).isFalse();
            assertThat(r.reasons()).as(e.getKey()).anyMatch(s -> s.contains(e.getValue()));
        }
    }

    private static QcReport qc(SyntheticPatient p, Path dir, String artefact) throws Exception {
        Path out = dir.resolve(artefact + ".svs");
        SlideFile.write(p, out, 41, artefact);
        try (TiffSlide s = TiffSlide.open(out)) {
            return SlideQc.assess(s);
        }
    }

    /** A resected HCC patient with six lymphoid aggregates and MVI, the slide most like ink and folds that must pass clean. */
    private static SyntheticPatient resected() {
        CentreProfile centre = CentreProfile.of(0, 41);
        for (int i = 0; i < 500; i++) {
            SyntheticPatient p = PatientSimulator.simulate(centre, i, 41, LocalDate.of(2026, 6, 30));
            if (p.record().surgeryDate().isPresent() && p.findings().immuneLevel() == 2 && p.record().pathology().mvi() != null
                    && p.record().pathology().mvi() != org.livercast.core.model.MviGrade.M0
                    && Integer.valueOf(4).equals(p.record().pathology().edmondsonGrade())) return p;
        }
        throw new AssertionError("no resected grade-IV patient with MVI and six aggregates in 500");
    }
}
