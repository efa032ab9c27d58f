package org.livercast.imaging.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.livercast.imaging.Oracles;

/** Each lossless re-encoding of the STS_002 series decodes to exactly the voxels of the explicit-VR original. */
class TransferSyntaxesTest {
    static final Path ENCODINGS = Oracles.IMAGING.resolve("transfer_syntaxes").resolve("STS_002_MR_T1");
    static final Path ORIGINAL = Oracles.IMAGING.resolve("ibsi_validation/dicom/STS_002/MR_T1/image");

    @TestFactory
    Stream<DynamicTest> everyEncodingDecodesToTheOriginalVoxels() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ENCODINGS), "shared/reference/imaging is beside the repository");
        ImageVolume original = SeriesAssembler.readDirectory(ORIGINAL).get(0).volume();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(ENCODINGS)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(5);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            List<DicomSeries> series = SeriesAssembler.readDirectory(d);
            assertThat(series).hasSize(1);
            ImageVolume v = series.get(0).volume();
            assertThat(v.nx()).isEqualTo(original.nx());
            assertThat(v.ny()).isEqualTo(original.ny());
            assertThat(v.nz()).isEqualTo(original.nz());
            assertThat(v.origin()).containsExactly(original.origin());
            // Arrays.equals: AssertJ's element-wise comparison of 1.6 M floats takes tens of seconds.
            assertThat(java.util.Arrays.equals(v.voxels(), original.voxels())).as("voxels identical").isTrue();
        }));
    }
}
