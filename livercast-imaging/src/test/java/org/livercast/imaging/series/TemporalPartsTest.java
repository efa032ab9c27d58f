package org.livercast.imaging.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.model.Phase;
import org.livercast.imaging.Phantoms;
import org.livercast.imaging.exam.PhaseIdentifier;
import org.livercast.imaging.exam.PhaseMapping;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.SeriesMetadata;
import org.livercast.imaging.write.Uids;

/**
 * A dynamic acquisition written as one classic series (as GE writes a multi-phase LAVA: every position once per phase,
 * Temporal Position Identifier saying which): one series a phase, each timed from its own slices, with its own voxels.
 */
class TemporalPartsTest {
    @TempDir Path dir;

    @Test
    void aMultiPhaseSeriesIsOneSeriesAPhase() throws Exception {
        String uid = Uids.fromName("lava");
        LocalTime injection = LocalTime.of(9, 10);
        int[] delays = {-40, 30, 70};
        List<ImageVolume> volumes = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            ImageVolume p = Phantoms.integralPhantom();
            float[] v = p.voxels().clone();
            for (int i = 0; i < v.length; i++) v[i] += 100 * t;
            ImageVolume vol = new ImageVolume(p.nx(), p.ny(), p.nz(), p.spacing(), p.origin(), p.rowDir(), p.colDir(), p.sliceDir(), v);
            volumes.add(vol);
            MrSeriesWriter.write(vol, SeriesMetadata.builder().series(uid, 4, "LAVA MULTIPHASE").contrast("Gd-DTPA", injection)
                    .acquisitionTime(injection.plusSeconds(delays[t])).temporalPosition(t + 1, 3).uidSeed("lava").build(), dir);
        }
        try (var s = Files.list(dir)) {
            assertThat(s.count()).as("one folder, a file a slice and phase").isEqualTo(3L * volumes.get(0).nz());
        }
        List<DicomSeries> read = SeriesAssembler.readDirectory(dir);
        assertThat(read).extracting(DicomSeries::description)
                .containsExactly("LAVA MULTIPHASE (temporal position 1)", "LAVA MULTIPHASE (temporal position 2)", "LAVA MULTIPHASE (temporal position 3)");
        PhaseIdentifier phases = new PhaseIdentifier(PhaseMapping.none());
        assertThat(read).extracting(s -> phases.identify(s.attributes()).phase()).containsExactly(Phase.NON_CONTRAST, Phase.ARTERIAL, Phase.PORTAL_VENOUS);
        for (int t = 0; t < 3; t++) assertThat(read.get(t).volume().voxels()).isEqualTo(volumes.get(t).voxels());
        assertThat(read).extracting(DicomSeries::seriesInstanceUid).doesNotHaveDuplicates().doesNotContain(uid);
        // Series by series gives the same, with nothing left over.
        Assembly each = Assembly.ofDirectory(dir);
        assertThat(each.series()).hasSize(3);
        assertThat(each.unusable()).isEmpty();
        // What a dicom reader sees: the identifier and the count of positions, valid for the MR Image IOD.
        if (Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
            Process p = new ProcessBuilder("/usr/bin/dciodvfy", read.get(1).first().path()).redirectErrorStream(true).start();
            String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        }
        assertThat(read.get(1).first().string(0x00200100)).isEqualTo("2");
    }

    /** Positions that repeat with nothing to tell the repeats apart stay one series, refused as before. */
    @Test
    void repeatedPositionsWithoutATemporalPositionAreStillDuplicates() throws Exception {
        String uid = Uids.fromName("twice");
        for (int t = 0; t < 2; t++) {
            MrSeriesWriter.write(Phantoms.integralPhantom(), SeriesMetadata.builder().series(uid, 4, "AX T1").uidSeed("twice" + t).build(),
                    dir.resolve("copy" + t));
        }
        Assembly each = Assembly.ofDirectory(dir);
        assertThat(each.series()).isEmpty();
        assertThat(each.unusable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("duplicate slice position"));
    }
}
