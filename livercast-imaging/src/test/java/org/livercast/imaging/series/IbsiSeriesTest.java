package org.livercast.imaging.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.dicom.Tag;

/** Every IBSI validation series matches the expected.json computed beside it with pydicom. */
class IbsiSeriesTest {
    static final Path DICOM = Oracles.IMAGING.resolve("ibsi_validation").resolve("dicom");

    @TestFactory
    Stream<DynamicTest> everySeriesMatchesItsExpectedJson() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DICOM), "shared/reference/imaging is beside the repository");
        List<Path> expected;
        try (Stream<Path> s = Files.walk(DICOM)) {
            expected = s.filter(p -> p.getFileName().toString().equals("expected.json")).sorted().toList();
        }
        assertThat(expected).isNotEmpty();
        return expected.stream().map(e -> DynamicTest.dynamicTest(DICOM.relativize(e.getParent()).toString(), () -> check(e)));
    }

    private static void check(Path expectedJson) throws Exception {
        JsonNode s = new ObjectMapper().readTree(expectedJson.toFile()).get("series");
        List<DicomSeries> all = SeriesAssembler.readDirectory(expectedJson.getParent().resolve("image"));
        assertThat(all).hasSize(1);
        DicomSeries series = all.get(0);
        ImageVolume v = series.volume();
        assertThat(series.modality()).isEqualTo(s.get("modality").asText());
        assertThat(series.seriesInstanceUid()).isEqualTo(s.get("series_instance_uid").asText());
        assertThat(series.first().transferSyntaxUid()).isEqualTo(s.get("transfer_syntax_uid").asText());
        assertThat(v.nz()).isEqualTo(s.get("slices").asInt());
        assertThat(v.ny()).isEqualTo(s.get("rows").asInt());
        assertThat(v.nx()).isEqualTo(s.get("columns").asInt());
        assertThat(series.first().dataSet().doubles(Tag.PixelSpacing)).containsExactly(s.get("pixel_spacing_mm").get(0).asDouble(),
                s.get("pixel_spacing_mm").get(1).asDouble());
        assertThat(series.first().dataSet().doubleValue(Tag.SliceThickness, 0)).isEqualTo(s.get("slice_thickness_mm").asDouble());
        assertThat(series.sliceSpacingMm()).isCloseTo(s.get("slice_spacing_mm_from_positions").asDouble(), within(1e-9));
        for (int i = 0; i < 3; i++) {
            assertThat(v.origin()[i]).isEqualTo(s.get("first_image_position_patient").get(i).asDouble());
            assertThat(series.slices().get(v.nz() - 1).dataSet().doubles(Tag.ImagePositionPatient)[i])
                    .isEqualTo(s.get("last_image_position_patient").get(i).asDouble());
            assertThat(v.rowDir()[i]).isEqualTo(s.get("image_orientation_patient").get(i).asDouble());
            assertThat(v.colDir()[i]).isEqualTo(s.get("image_orientation_patient").get(i + 3).asDouble());
        }
        assertThat(series.first().dataSet().intValue(Tag.BitsAllocated, 0)).isEqualTo(s.get("bits_allocated").asInt());
        assertThat(series.first().dataSet().intValue(Tag.PixelRepresentation, 0)).isEqualTo(s.get("pixel_representation").asInt());
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float x : v.voxels()) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(min).isCloseTo(s.get("voxel_min").asDouble(), within(1e-6));
        assertThat(max).isCloseTo(s.get("voxel_max").asDouble(), within(1e-6));
        assertThat(v.mean()).isCloseTo(s.get("voxel_mean").asDouble(), within(1e-6));
        assertThat(v.sum()).isCloseTo(s.get("voxel_sum").asDouble(), within(1e-6));
    }
}
