package org.livercast.learn.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.data.CohortExport;
import org.livercast.learn.inputs.PostOperativeInputs;

class FeatureLabelsTest {
    @Test
    void everyFeatureTheModelsReadHasAClinicalName() throws Exception {
        TreeSet<String> names = new TreeSet<>();
        for (var c : CohortExport.read(SmallCohort.clinical(20, 2, 5), LocalDate.of(2026, 6, 30)).cases()) {
            PostOperativeInputs in = PostOperativeInputs.of(c);
            names.addAll(ClinicalFeatures.baseline(in.pre()).values().keySet());
            names.addAll(ClinicalFeatures.radiology(in.pre()).values().keySet());
            names.addAll(ClinicalFeatures.pathology(in).values().keySet());
        }
        assertThat(names).hasSizeGreaterThan(30).allMatch(FeatureLabels::knows, "has a label");
        assertThat(FeatureLabels.of("log10_pivka_mau_per_ml")).isEqualTo("PIVKA-II (log10 mAU/mL)");
        assertThat(FeatureLabels.of("largest_nodule_over_50mm")).isEqualTo("Largest nodule ≥ 5 cm");
        // A feature of a model trained elsewhere is shown as written, readable.
        assertThat(FeatureLabels.of("ki67_index")).isEqualTo("ki67 index");
    }
}
