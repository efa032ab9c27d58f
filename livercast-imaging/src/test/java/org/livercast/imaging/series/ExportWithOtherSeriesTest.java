package org.livercast.imaging.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.Phantoms;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.SeriesMetadata;
import org.livercast.imaging.write.Uids;

/**
 * A real export holds more than the phases: a three-plane localizer (one series, slices in three orientations) and a
 * series with a slice lost on the way. Read series by series, the volumes are used and each other series is named with
 * why; read strictly, the first such series stops the read.
 */
class ExportWithOtherSeriesTest {
    @TempDir Path dir;

    @Test
    void theVolumesAreReadAndTheOthersNamedWithWhy() throws Exception {
        MrSeriesWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve("arterial"));
        // A three-plane localizer: three one-slice stacks, axial, coronal and sagittal, in one series.
        String localizer = Uids.fromName("localizer");
        double[][][] planes = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, {{0, 1, 0}, {0, 0, -1}, {1, 0, 0}}};
        for (int p = 0; p < 3; p++) {
            ImageVolume slice = new ImageVolume(16, 16, 1, new double[] {2, 2, 5}, new double[] {-16, -16, 0}, planes[p][0], planes[p][1], planes[p][2],
                    new float[16 * 16]);
            MrSeriesWriter.write(slice, SeriesMetadata.builder().series(localizer, 1, "3-plane loc").uidSeed("loc" + p).build(), dir.resolve("loc" + p));
        }
        // A portal-venous series with its fourth slice lost.
        List<Path> venous = MrSeriesWriter.write(Phantoms.integralPhantom(), SeriesMetadata.builder().series(null, 9, "AX T1 PV").uidSeed("pv").build(),
                dir.resolve("venous"));
        Files.delete(venous.get(3));

        Assembly each = Assembly.ofDirectory(dir);
        assertThat(each.series()).extracting(DicomSeries::description).containsExactly("AX T1 ART");
        assertThat(each.unusable()).hasSize(2);
        Assembly.Unusable loc = each.unusable().stream().filter(u -> "3-plane loc".equals(u.description())).findFirst().orElseThrow();
        assertThat(loc.files()).isEqualTo(3);
        assertThat(loc.reason()).contains("mixed orientations");
        Assembly.Unusable pv = each.unusable().stream().filter(u -> "AX T1 PV".equals(u.description())).findFirst().orElseThrow();
        assertThat(pv.files()).isEqualTo(5);
        assertThat(pv.reason()).contains("about 1 missing slice(s) between").contains(venous.get(2).toString()).contains(venous.get(4).toString())
                .containsPattern("\\(gap \\d+(\\.\\d{1,3})? mm, spacing \\d+(\\.\\d{1,3})? mm\\)");
        assertThatThrownBy(() -> SeriesAssembler.readDirectory(dir)).isInstanceOf(SeriesException.class);
    }

    /** A file damaged in its header (a sequence's item tag overwritten) is named; its series, a slice short, is not a volume; the rest is read. */
    @Test
    void aFileThatCannotBeReadIsNamedAndTheOtherSeriesStillRead() throws Exception {
        MrSeriesWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve("arterial"));
        List<Path> venous = MrSeriesWriter.write(Phantoms.integralPhantom(), SeriesMetadata.builder().series(null, 9, "AX T1 PV").uidSeed("pv").build(),
                dir.resolve("venous"));
        Path damaged = venous.get(3);
        byte[] bytes = Files.readAllBytes(damaged);
        // Past the preamble and "DICM": the file group's first element's tag and length become FFFF.
        for (int i = 132; i < 140; i++) bytes[i] = (byte) 0xFF;
        Files.write(damaged, bytes);

        Assembly each = Assembly.ofDirectory(dir);
        assertThat(each.series()).extracting(DicomSeries::description).containsExactly("AX T1 ART");
        Assembly.Unusable unread = each.unusable().stream().filter(u -> u.firstFile().equals(damaged.toString())).findFirst().orElseThrow();
        assertThat(unread.seriesInstanceUid()).isNull();
        assertThat(unread.files()).isEqualTo(1);
        assertThat(unread.reason()).startsWith("not readable as DICOM: ").doesNotContain(damaged.toString());
        assertThat(each.unusable()).anySatisfy(u -> assertThat(u.description()).isEqualTo("AX T1 PV"));
        // Read strictly, the damaged file stops the read, naming it.
        assertThatThrownBy(() -> SeriesAssembler.readDirectory(dir)).hasMessageStartingWith(damaged.toString());
    }
}
