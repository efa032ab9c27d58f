package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.nifti.NiftiImage;
import org.livercast.imaging.nifti.NiftiReader;

class DicomCommandTest {
    static final Path IBSI = Path.of("..", "..", "shared", "reference", "imaging", "ibsi_validation");

    @Test
    void infoSummarisesTheSeriesAndTheMissingPhases() {
        Assumptions.assumeTrue(Files.isDirectory(IBSI));
        Cli r = Cli.runRaw("dicom", "info", IBSI.resolve("dicom/STS_001").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("174x158x 59").contains("0.977x0.977x3.270 mm").contains("59 files")
                .contains("missing for P2: [non_contrast, arterial, portal_venous, delayed]");
        Cli json = Cli.runRaw("dicom", "info", "--json", IBSI.resolve("dicom/STS_001").toString());
        assertThat(json.out()).contains("\"phase\" : \"unknown\"").contains("\"transferSyntax\" : \"1.2.840.10008.1.2.1\"");
    }

    @Test
    void toNiftiReproducesTheReferenceNiftiExactly(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(IBSI));
        Path out = tmp.resolve("sts1.nii.gz");
        Cli r = Cli.runRaw("dicom", "to-nifti", IBSI.resolve("dicom/STS_001/MR_T1/image").toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        NiftiImage ours = NiftiReader.read(out);
        NiftiImage reference = NiftiReader.read(IBSI.resolve("nifti/STS_001/MR_T1_image.nii.gz"));
        assertThat(ours.dims()).startsWith(reference.nx(), reference.ny(), reference.nz());
        for (int a = 0; a < 3; a++) for (int c = 0; c < 4; c++) assertThat(ours.affineRas()[a][c]).isCloseTo(reference.affineRas()[a][c], within(1e-3));
        assertThat(java.util.Arrays.equals(ours.data(), reference.data())).as("voxels identical").isTrue();
    }

    /**
     * The reference series rewritten as one Enhanced MR file (as a current scanner exports it): the same summary and the
     * same NIfTI, voxel for voxel, as from its 59 classic files.
     */
    @Test
    void anEnhancedMrFileGivesTheReferenceNiftiToo(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(IBSI));
        var classic = org.livercast.imaging.series.SeriesAssembler.readDirectory(IBSI.resolve("dicom/STS_001/MR_T1/image")).get(0);
        Path enhanced = org.livercast.imaging.write.EnhancedMrWriter.write(classic.volume(),
                org.livercast.imaging.write.SeriesMetadata.builder().series(null, 1, "T1").uidSeed("sts1").build(), tmp.resolve("in").resolve("mr.dcm"));
        Cli info = Cli.runRaw("dicom", "info", enhanced.getParent().toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("174x158x 59").contains("0.977x0.977x3.270 mm").contains("1 multi-frame file");
        assertThat(Cli.runRaw("dicom", "info", "--json", enhanced.getParent().toString()).out())
                .contains("\"sopClass\" : \"1.2.840.10008.5.1.4.1.1.4.1\"").contains("\"files\" : 1");
        Path out = tmp.resolve("sts1.nii.gz");
        Cli r = Cli.runRaw("dicom", "to-nifti", enhanced.getParent().toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        NiftiImage ours = NiftiReader.read(out);
        NiftiImage reference = NiftiReader.read(IBSI.resolve("nifti/STS_001/MR_T1_image.nii.gz"));
        for (int a = 0; a < 3; a++) for (int c = 0; c < 4; c++) assertThat(ours.affineRas()[a][c]).isCloseTo(reference.affineRas()[a][c], within(1e-3));
        assertThat(java.util.Arrays.equals(ours.data(), reference.data())).as("voxels identical").isTrue();
    }

    /** A localizer beside the phases: the phases summarised, the localizer named as no volume with why, exit 0. */
    @Test
    void aSeriesThatIsNoVolumeIsNamedBesideTheOthers(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(IBSI));
        var v = org.livercast.imaging.series.SeriesAssembler.readDirectory(IBSI.resolve("dicom/STS_001/MR_T1/image")).get(0).volume();
        org.livercast.imaging.write.MrSeriesWriter.write(v, org.livercast.imaging.write.SeriesMetadata.builder().series(null, 3, "AX T1 ART")
                .uidSeed("art").build(), tmp.resolve("art"));
        String localizer = org.livercast.imaging.write.Uids.fromName("loc");
        double[][][] planes = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}};
        for (int p = 0; p < 2; p++) {
            var slice = new org.livercast.imaging.series.ImageVolume(8, 8, 1, new double[] {4, 4, 8}, new double[] {0, 0, 0}, planes[p][0], planes[p][1],
                    planes[p][2], new float[64]);
            org.livercast.imaging.write.MrSeriesWriter.write(slice, org.livercast.imaging.write.SeriesMetadata.builder().series(localizer, 1, "loc")
                    .uidSeed("loc" + p).build(), tmp.resolve("loc" + p));
        }
        Cli r = Cli.runRaw("dicom", "info", tmp.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("AX T1 ART").contains("arterial").contains("not a volume: 'loc' (2 files, ").contains("mixed orientations");
        assertThat(Cli.runRaw("dicom", "info", "--json", tmp.toString()).out()).contains("\"notVolumes\"").contains("\"files\" : 2");
    }

    /**
     * A pathology slide exported into the same study folder as the MRI: named as a whole-slide image with where to read
     * it, its frames never read (a level can be gigabytes), and the MRI summarised as before.
     */
    @Test
    void aWholeSlideImageBesideTheMriIsNamedNotRead(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(IBSI) && Files.exists(SlideCommandTest.SVS));
        Path study = tmp.resolve("study");
        try (var s = Files.walk(IBSI.resolve("dicom/STS_001"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path t = study.resolve(IBSI.resolve("dicom/STS_001").relativize(p).toString());
                Files.createDirectories(t.getParent());
                Files.copy(p, t);
            }
        }
        try (var slide = org.livercast.pathology.slide.TiffSlide.open(SlideCommandTest.SVS)) {
            org.livercast.pathology.dicom.DicomSlideWriter.write(slide, org.livercast.pathology.dicom.WsiMetadata.anonymous("HE-1",
                    java.time.LocalDateTime.of(2024, 1, 2, 3, 4), "info-test"), study.resolve("slide"));
        }
        Cli r = Cli.runRaw("dicom", "info", study.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("174x158x 59").contains("not a volume")
                .contains("a whole-slide microscopy image (VL Whole Slide Microscopy, Modality SM): a pathology slide");
        Cli json = Cli.runRaw("dicom", "info", "--json", study.toString());
        assertThat(json.out()).contains("\"files\" : 4").contains("livercast slide info");
    }

    @Test
    void aFolderWithoutDicomIsExitFive(@TempDir Path tmp) {
        Cli r = Cli.runRaw("dicom", "info", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("no DICOM image series");
    }
}
