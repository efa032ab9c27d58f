package org.livercast.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.learn.data.UnusableInputException;
import org.livercast.learn.nn.BagSpill;

class SlideMemoryTest {
    @TempDir Path cache;

    // 500 slides capped at 4,096 tiles of a 1,024-wide encoder: 2,048,000 tiles, 8.4 GB.
    private static final SlideMemory.Need FOUNDATION = new SlideMemory.Need(500L * 4096, 1024, 500, 4096);
    // The synthetic main job's cohort: 450 slides of ~300 tiles of 18 features.
    private static final SlideMemory.Need SYNTHETIC = new SlideMemory.Need(450L * 300, 18, 450, 4096);

    @Test
    void bagsStayOnTheHeapWhileTheyTakeAtMostHalfOfItAndGoToAScratchFileBeyond() throws Exception {
        assertThat(SlideMemory.bagBytes(500L * 4096, 1024)).isEqualTo(500L * 4096 * 1025 * 4);
        List<String> said = new ArrayList<>();
        assertThat(SlideMemory.place(SYNTHETIC, 512L << 20, SlideMemory.Mode.AUTO, cache, said::add)).isNull();
        assertThat(SlideMemory.place(FOUNDATION, 17L << 30, SlideMemory.Mode.AUTO, cache, said::add)).as("8.4 GB of a 18.3 GB heap").isNull();
        assertThat(said).isEmpty();
        try (BagSpill spill = SlideMemory.place(FOUNDATION, 14L << 30, SlideMemory.Mode.AUTO, cache, said::add)) {
            assertThat(spill).as("8.4 GB of a 15.0 GB heap").isNotNull();
            assertThat(spill.file().getParent()).isEqualTo(cache);
        }
        assertThat(said).singleElement().asString().contains("the 500 slides' 2,048,000 tiles of 1024 features (8.4 GB as the networks' input)")
                .contains("take more than half the Java heap (15.0 GB)").contains("training reads them from a scratch file in " + cache);
        // Asked for: spilled whatever the size.
        try (BagSpill spill = SlideMemory.place(SYNTHETIC, 16L << 30, SlideMemory.Mode.ALWAYS, cache, said::add)) {
            assertThat(spill).isNotNull();
        }
        assertThat(said.get(1)).contains("are spilled as asked (-Dlivercast.spill-bags=always)");
    }

    @Test
    void whatFitsNeitherIsRefusedBeforeTrainingNamingTheRemedies() throws Exception {
        // Spilling forbidden: the heap must hold them, and 8.4 GB do not fit 6.4.
        assertThatThrownBy(() -> SlideMemory.place(FOUNDATION, 6L << 30, SlideMemory.Mode.NEVER, cache, l -> { })).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("the 500 slides' 2,048,000 tiles of 1024 features (8.4 GB as the networks' input) cannot be held by the Java heap (6.4 GB)")
                .hasMessageContaining("-Dlivercast.spill-bags=never").hasMessageContaining("lower --max-tiles-per-slide (now 4096)").hasMessageContaining("-Xmx");
        assertThat(SlideMemory.place(FOUNDATION, 16L << 30, SlideMemory.Mode.NEVER, cache, l -> { })).as("more than half, less than 0.9").isNull();
        // A disk without room for the scratch file: more than this disk has free.
        long free = Files.getFileStore(cache).getUsableSpace();
        SlideMemory.Need huge = new SlideMemory.Need(free / 4 / 1025 + 1_000_000, 1024, 90_000, 4096);
        assertThatThrownBy(() -> SlideMemory.place(huge, 8L << 30, SlideMemory.Mode.AUTO, cache, l -> { })).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("do not fit the Java heap (8.6 GB) and would be spilled to " + cache + ", which has")
                .hasMessageContaining("GB free: free space there, give --tile-cache a larger disk or lower --max-tiles-per-slide (now 4096)");
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).as("nothing written for a refused run").isEmpty();
        }
    }

    @Test
    void theModeIsReadFromItsPropertyAndAnotherValueIsNamed() {
        String before = System.getProperty("livercast.spill-bags");
        try {
            System.clearProperty("livercast.spill-bags");
            assertThat(SlideMemory.mode()).isEqualTo(SlideMemory.Mode.AUTO);
            System.setProperty("livercast.spill-bags", "Always");
            assertThat(SlideMemory.mode()).isEqualTo(SlideMemory.Mode.ALWAYS);
            System.setProperty("livercast.spill-bags", "disk");
            assertThatThrownBy(SlideMemory::mode).hasMessage("-Dlivercast.spill-bags=disk: expected auto, always or never");
        } finally {
            if (before == null) System.clearProperty("livercast.spill-bags");
            else System.setProperty("livercast.spill-bags", before);
        }
    }
}
