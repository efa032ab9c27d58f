package org.livercast.imaging.rtstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.nifti.NiftiImage;
import org.livercast.imaging.nifti.NiftiReader;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;

/**
 * For each IBSI patient: the RTSTRUCT rasterised on the DICOM grid agrees with the NIfTI mask beside it (Dice ≥ 0.97,
 * voxels matched through both affines), and the NIfTI image and mask give nibabel's numbers.
 */
class RtStructVsNiftiTest {
    static final Path IBSI = Oracles.IMAGING.resolve("ibsi_validation");

    @TestFactory
    Stream<DynamicTest> rtstructMatchesTheNiftiMask() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(IBSI), "shared/reference/imaging is beside the repository");
        return Stream.of("STS_001", "STS_002").map(p -> DynamicTest.dynamicTest(p, () -> check(p)));
    }

    private static void check(String patient) throws Exception {
        Path dir = IBSI.resolve("dicom").resolve(patient).resolve("MR_T1");
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        ImageVolume grid = SeriesAssembler.readDirectory(dir.resolve("image")).get(0).volume();
        RtStruct rs = RtStruct.of(DicomReader.read(dir.resolve("mask").resolve("RS.dcm")));
        assertThat(rs.rois()).extracting(RtStruct.Roi::name).containsExactlyElementsOf(
                java.util.stream.StreamSupport.stream(expected.at("/rtstruct/roi_names").spliterator(), false).map(JsonNode::asText).toList());
        String roiName = rs.rois().get(0).name();
        assertThat(rs.roi(roiName).contours()).hasSize(expected.at("/rtstruct/contours_per_roi/" + roiName).asInt());
        boolean[] ours = ContourRasteriser.rasterise(rs.roi(roiName).contours(), grid);

        NiftiImage image = NiftiReader.read(IBSI.resolve("nifti").resolve(patient).resolve("MR_T1_image.nii.gz"));
        NiftiImage mask = NiftiReader.read(IBSI.resolve("nifti").resolve(patient).resolve("MR_T1_mask.nii.gz"));
        JsonNode n = expected.get("nifti");
        assertThat(image.dims()).startsWith(n.get("image_shape").get(0).asInt(), n.get("image_shape").get(1).asInt(), n.get("image_shape").get(2).asInt());
        for (int d = 0; d < 3; d++) assertThat(image.zooms()[d]).isCloseTo(n.get("zooms_mm").get(d).asDouble(), within(1e-6));
        assertThat(image.mean()).isCloseTo(n.get("image_mean").asDouble(), within(1e-6));
        int maskVoxels = 0;
        double inMask = 0;
        for (int i = 0; i < mask.data().length; i++) {
            if (mask.data()[i] > 0) {
                maskVoxels++;
                inMask += image.data()[i];
            }
        }
        assertThat(maskVoxels).isEqualTo(n.get("mask_voxels").asInt());
        assertThat(inMask / maskVoxels).isCloseTo(n.get("mean_in_mask").asDouble(), within(1e-6));

        // Map every NIfTI voxel into the DICOM grid through the two affines and compare the masks there.
        int both = 0;
        int niftiCount = 0;
        int oursCount = 0;
        for (boolean b : ours) if (b) oursCount++;
        for (int k = 0; k < mask.nz(); k++) {
            for (int j = 0; j < mask.ny(); j++) {
                for (int i = 0; i < mask.nx(); i++) {
                    if (mask.value(i, j, k) <= 0) continue;
                    niftiCount++;
                    double[] ras = mask.toRas(i, j, k);
                    double[] idx = grid.toIndex(new double[] {-ras[0], -ras[1], ras[2]});
                    int gi = (int) Math.round(idx[0]);
                    int gj = (int) Math.round(idx[1]);
                    int gk = (int) Math.round(idx[2]);
                    if (gi >= 0 && gj >= 0 && gk >= 0 && gi < grid.nx() && gj < grid.ny() && gk < grid.nz() && ours[grid.index(gi, gj, gk)]) both++;
                }
            }
        }
        double dice = 2.0 * both / (niftiCount + oursCount);
        System.out.printf("%s Dice %.4f (RTSTRUCT %d voxels, NIfTI %d)%n", patient, dice, oursCount, niftiCount);
        assertThat(dice).as("Dice of RTSTRUCT raster vs NIfTI mask").isGreaterThanOrEqualTo(0.97);
    }
}
