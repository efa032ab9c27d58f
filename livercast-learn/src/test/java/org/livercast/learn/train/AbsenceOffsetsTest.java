package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.livercast.learn.model.Calibration;

class AbsenceOffsetsTest {
    @Test
    void everyCombinationOfUpToThreeMissingInputsGetsItsOwnCorrectionKeyedInTheNetworksOrder() {
        // POST with slides: 7 combinations, the smaller first, each named in the network's order — the key a patient's
        // own absent inputs are looked up by.
        assertThat(AbsenceOffsets.patterns(List.of("radiology", "pathology", "slide")).stream().map(Calibration::patternKey).toList())
                .containsExactly("radiology", "pathology", "slide", "radiology+pathology", "radiology+slide", "pathology+slide",
                        "radiology+pathology+slide");
        assertThat(AbsenceOffsets.patterns(List.of("radiology"))).containsExactly(List.of("radiology"));
        // Four inputs would be 15 scoring passes: each alone and all at once; other combinations compose.
        assertThat(AbsenceOffsets.patterns(List.of("radiology", "mri", "pathology", "slide")).stream().map(Calibration::patternKey).toList())
                .containsExactly("radiology", "mri", "pathology", "slide", "radiology+mri+pathology+slide");
    }

    @Test
    void aCombinationWithoutItsOwnCorrectionComposesItsInputs() {
        var radiology = new Calibration.AbsenceOffset(-0.3, 0.01, 0.02, Math.log(1.1), -1.0);
        var slide = new Calibration.AbsenceOffset(-0.2, 0, 0);
        var both = new Calibration.AbsenceOffset(-0.6, 0.02, 0.03, Math.log(1.2), -1.1);
        var cal = new Calibration(0.1, 0.9, 0, 0, java.util.Map.of("radiology", radiology, "slide", slide, "radiology+slide", both));
        assertThat(cal.forAbsent(List.of("radiology", "slide"))).containsExactly(both);
        assertThat(cal.forAbsent(List.of("radiology"))).containsExactly(radiology);
        assertThat(cal.withAbsent(java.util.Map.of("radiology", radiology, "slide", slide)).forAbsent(List.of("radiology", "slide")))
                .containsExactly(radiology, slide);
        assertThat(cal.forAbsent(List.of())).isEmpty();
        // An input the model has no correction for (a card from before it could be absent) adds nothing.
        assertThat(cal.forAbsent(List.of("pathology"))).isEmpty();
    }
}
