package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.SmallCohort;
import org.livercast.learn.model.ModelKind;

/** A cohort whose slides are trained from a scratch file gives the very model that the heap gives. */
class SpilledBagsTest {
    @TempDir Path out;

    private interface Run<T> { T run(TrainingRun.Options o) throws Exception; }

    private <T> T train(ModelKind kind, String spill, Path cache, Run<T> run) throws Exception {
        String before = System.getProperty("livercast.spill-bags");
        System.setProperty("livercast.spill-bags", spill);
        try {
            return run.run(new TrainingRun.Options(kind, SmallCohort.withSlides(40, 2, 23), out.resolve(kind.id() + "-" + spill), null,
                    FitConfig.defaults(2).withMaxEpochs(4).withMembers(2), LocalDate.of(2026, 6, 30), cache));
        } finally {
            if (before == null) System.clearProperty("livercast.spill-bags");
            else System.setProperty("livercast.spill-bags", before);
        }
    }

    @Test
    void postTrainedFromSpilledBagsIsTheModelTrainedFromTheHeap() throws Exception {
        Path cache = out.resolve("tiles");
        List<String> heldSaid = new ArrayList<>();
        List<String> spilledSaid = new ArrayList<>();
        TrainingRun.Result held = train(ModelKind.POST, "never", cache, o -> TrainingRun.run(o, heldSaid::add));
        TrainingRun.Result spilled = train(ModelKind.POST, "always", cache, o -> TrainingRun.run(o, spilledSaid::add));
        assertThat(heldSaid).noneMatch(l -> l.contains("scratch file"));
        assertThat(spilledSaid).anyMatch(l -> l.contains("are spilled as asked (-Dlivercast.spill-bags=always): training reads them from a scratch file in " + cache));
        // The same floats in the same order: the same weights, so the same id, and every held-out number the same.
        assertThat(spilled.model().modelId()).isEqualTo(held.model().modelId());
        for (String k : List.of("auc", "c_index", "calibration_slope", "baselines", "slide_attention", "missing_modalities", "absence_offsets")) {
            assertThat(spilled.report().get(k)).as(k).isEqualTo(held.report().get(k));
        }
        assertThat(spilled.heldOut().probability()).containsExactly(held.heldOut().probability());
        // The scratch file is gone with the run.
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("livercast-bags-"));
        }
        held.model().close();
        spilled.model().close();
    }

    @Test
    void theTherapyModelTrainedFromSpilledBagsRecommendsWhatTheHeapsDoes() throws Exception {
        Path cache = out.resolve("tiles");
        List<String> said = new ArrayList<>();
        TherapyRun.Result held = train(ModelKind.THERAPY, "never", cache, o -> TherapyRun.run(o, l -> { }));
        TherapyRun.Result spilled = train(ModelKind.THERAPY, "always", cache, o -> TherapyRun.run(o, said::add));
        // The ensembles' native memory now, not when a finalizer gets to it.
        held.model().close();
        spilled.model().close();
        assertThat(said).anyMatch(l -> l.contains("training reads them from a scratch file"));
        java.util.Map<String, Object> a = new java.util.LinkedHashMap<>(held.report());
        java.util.Map<String, Object> b = new java.util.LinkedHashMap<>(spilled.report());
        a.remove("seconds");
        b.remove("seconds");
        assertThat(b).isEqualTo(a);
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("livercast-bags-"));
        }
    }
}
