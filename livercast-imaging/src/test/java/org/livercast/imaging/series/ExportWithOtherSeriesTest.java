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
        assertThat(pv.reason()).contains("about 1 missing slice(s) between").contains(venous.get(2).toString()).contains(venous.get(4).toString());
        assertThatThrownBy(() -> SeriesAssembler.readDirectory(dir)).isInstanceOf(SeriesException.class);
    }
}
