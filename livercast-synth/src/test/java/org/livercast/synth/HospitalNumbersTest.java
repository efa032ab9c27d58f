package org.livercast.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every patient of a cohort has their own hospital number (the centre's key): seed 17's 3,000 patients drew one twice in
 * centre 3, and its export was refused on reading ("appears twice"). Only the later patient of a pair is renumbered.
 */
class HospitalNumbersTest {
    @Test
    void aDrawnDuplicateIsRedrawnAndNoOtherPatientChanges() {
        List<CentreProfile> centres = List.of(CentreProfile.of(0, 17), CentreProfile.of(1, 17), CentreProfile.of(2, 17));
        List<SyntheticPatient> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) all.add(PatientSimulator.simulate(centres.get(i % 3), i / 3, 17, LocalDate.of(2026, 6, 30)));
        List<String> drawn = all.stream().map(p -> p.identity().hospitalNumber()).toList();
        assertThat(new HashSet<>(drawn)).as("seed 17 draws a pair").hasSizeLessThan(3000);

        CohortGenerator.uniqueHospitalNumbers(all, 17);
        Set<String> unique = new HashSet<>();
        int changed = 0;
        for (int i = 0; i < all.size(); i++) {
            String mrn = all.get(i).identity().hospitalNumber();
            assertThat(unique.add(mrn)).as("patient %d's %s", i, mrn).isTrue();
            assertThat(mrn).startsWith(all.get(i).centre().id());
            if (!mrn.equals(drawn.get(i))) changed++;
        }
        assertThat(changed).isEqualTo(3000 - new HashSet<>(drawn).size());
    }
}
