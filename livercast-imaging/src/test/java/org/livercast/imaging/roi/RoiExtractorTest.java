package org.livercast.imaging.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.core.model.Phase;
import org.livercast.imaging.Phantoms;
import org.livercast.imaging.exam.LiverExam;
import org.livercast.imaging.exam.PhaseIdentifier;
import org.livercast.imaging.exam.PhaseMapping;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.imaging.write.MrSeriesWriter;
import org.livercast.imaging.write.SeriesMetadata;

class RoiExtractorTest {
    @Test
    void trilinearResamplingReproducesALinearFieldExactly() {
        ImageVolume p = Phantoms.phantom();
        float[] v = new float[p.voxels().length];
        for (int k = 0; k < p.nz(); k++) for (int j = 0; j < p.ny(); j++) for (int i = 0; i < p.nx(); i++) v[p.index(i, j, k)] = 2 * i - 3 * j + 5 * k;
        ImageVolume linear = new ImageVolume(p.nx(), p.ny(), p.nz(), p.spacing(), p.origin(), p.rowDir(), p.colDir(), p.sliceDir(), v);
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 200; t++) {
            double i = r.nextDouble() * (p.nx() - 1);
            double j = r.nextDouble() * (p.ny() - 1);
            double k = r.nextDouble() * (p.nz() - 1);
            Grid one = new Grid(1, 1, 1, new double[] {1, 1, 1}, linear.toPatient(i, j, k), p.rowDir(), p.colDir(), p.sliceDir());
            assertThat((double) Resampler.trilinear(linear, one, Float.NaN)[0]).isCloseTo(2 * i - 3 * j + 5 * k, within(1e-3));
        }
    }

    @Test
    void tumourCentredMultiPhaseTensorWithShell(@TempDir Path dir) throws Exception {
        String[] names = {"AX T1 ART", "AX T1 PV"};
        for (int s = 0; s < 2; s++) {
            SeriesMetadata m = SeriesMetadata.builder().series(null, s + 1, names[s]).study("2.25.9", java.time.LocalDate.of(2024, 1, 1),
                    LocalTime.of(9, 0), "MR").frameOfReference("2.25.10").uidSeed("roi" + s).build();
            MrSeriesWriter.write(Phantoms.integralPhantom(), m, dir.resolve("s" + s));
        }
        LiverExam exam = LiverExam.of(SeriesAssembler.readDirectory(dir), new PhaseIdentifier(PhaseMapping.none()));
        ImageVolume ref = exam.series(Phase.ARTERIAL).orElseThrow().volume();
        boolean[] tumour = new boolean[ref.voxels().length];
        for (int k = 0; k < ref.nz(); k++) {
            for (int j = 0; j < ref.ny(); j++) {
                for (int i = 0; i < ref.nx(); i++) {
                    double r = Math.sqrt(Math.pow((i - 10) * 0.75, 2) + Math.pow((j - 8) * 0.75, 2) + Math.pow((k - 3) * 2.5, 2));
                    tumour[ref.index(i, j, k)] = r <= 3.5;
                }
            }
        }
        RoiTensor t = RoiExtractor.extract(exam, List.of(Phase.ARTERIAL, Phase.PORTAL_VENOUS), tumour, ref, 24, 1, 5);
        assertThat(t.shape()).containsExactly(2, 24, 24, 24);
        for (int p = 0; p < 2; p++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < t.grid().size(); i++) {
                float x = t.data()[p * t.grid().size() + i];
                sum += x;
                sq += x * x;
            }
            double mean = sum / t.grid().size();
            assertThat(mean).isCloseTo(0, within(1e-4));
            assertThat(Math.sqrt(sq / t.grid().size() - mean * mean)).isCloseTo(1, within(1e-3));
        }
        int tumourVoxels = 0;
        double ci = 0;
        for (int k = 0; k < 24; k++) for (int j = 0; j < 24; j++) for (int i = 0; i < 24; i++) {
            if (!t.tumour()[i + 24 * (j + 24 * k)]) continue;
            tumourVoxels++;
            ci += i;
        }
        assertThat(tumourVoxels).isPositive();
        assertThat(ci / tumourVoxels).as("tumour centred in the cube").isCloseTo(11.5, within(1.0));
        int shell = 0;
        for (int i = 0; i < t.shell().length; i++) {
            if (t.shell()[i]) {
                shell++;
                assertThat(t.tumour()[i]).isFalse();
            }
        }
        assertThat(shell).isGreaterThan(tumourVoxels);
        // The bright sphere of the phantom sits on the tumour: tumour voxels are brighter than the shell after normalisation.
        double in = 0;
        double out = 0;
        for (int i = 0; i < t.grid().size(); i++) {
            if (t.tumour()[i]) in += t.data()[i] / tumourVoxels;
            if (t.shell()[i]) out += t.data()[i] / shell;
        }
        assertThat(in).isGreaterThan(out);
    }
}
