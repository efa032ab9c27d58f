package org.livercast.pathology.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.TiffSlide;

/**
 * DICOM whole-slide images written by pydicom (oracle/pydicom_wsi.py), as other scanners store them: a sparse level with
 * frames out of order, a tile absent and a second focal plane; native RGB levels interleaved and planar. What
 * {@link DicomSlide} returns is what the script says a reader must return: Pillow's decoding of each JPEG frame, the
 * native bytes, white where no frame is. Broken inputs are refused naming the file, the attribute and why.
 */
class DicomSlideTest {
    @TempDir
    static Path dir;

    @BeforeEach
    void written() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pydicom")), "needs python3-pydicom");
        if (Files.exists(dir.resolve("wsi/full-j2k.dcm"))) return;
        org.livercast.pathology.PythonOracle.run(dir, "pydicom_wsi.py", dir.resolve("wsi").toString());
    }

    @Test
    void aSparseLevelPutsEachFrameWhereItsPositionSaysAndPaintsAMissingTileWhite() throws Exception {
        try (DicomSlide s = DicomSlide.open(List.of(dir.resolve("wsi/sparse-jpeg.dcm")))) {
            assertThat(s.levels()).hasSize(1);
            assertThat(s.levels().get(0).width()).isEqualTo(160);
            assertThat(s.levels().get(0).height()).isEqualTo(100);
            RgbImage whole = s.readRegion(new RegionRequest(0, 0, 0, 160, 100));
            byte[] expected = Files.readAllBytes(dir.resolve("wsi/sparse-jpeg.dcm.rgb"));
            // The same libjpeg decodes both (libjpeg-turbo; the JDK's libjpeg when the bridge is absent: within 2).
            assertThat(maxDifference(whole, expected)).isLessThanOrEqualTo(2);
            // Tile (1, 1) has no frame: white, not the second focal plane's darker copy, not black.
            assertThat(s.readTile(0, 1, 1).pixels()).containsOnly(0xFFFFFF);
            assertThat(s.micronsPerPixel()).isEqualTo(0.25);
            assertThat(s.properties()).containsEntry("openslide.objective-power", "40");
        }
    }

    @Test
    void nativeLevelsInterleavedAndPlanarFormOnePyramid() throws Exception {
        try (DicomSlide s = DicomSlide.open(List.of(dir.resolve("wsi/half-planar.dcm"), dir.resolve("wsi/full-native.dcm")))) {
            assertThat(s.levels()).hasSize(2);
            assertThat(s.levels().get(0).width()).isEqualTo(160);
            assertThat(s.levels().get(1).downsample()).isEqualTo(2.0);
            assertThat(maxDifference(s.readRegion(new RegionRequest(0, 0, 0, 160, 100)), Files.readAllBytes(dir.resolve("wsi/full-native.dcm.rgb")))).isZero();
            assertThat(maxDifference(s.readRegion(new RegionRequest(1, 0, 0, 80, 50)), Files.readAllBytes(dir.resolve("wsi/half-planar.dcm.rgb")))).isZero();
            assertThat(s.associatedImages()).isEmpty();
        }
    }

    @Test
    void jpeg2000LosslessFramesGiveThePixelsExactly() throws Exception {
        try (DicomSlide s = DicomSlide.open(List.of(dir.resolve("wsi/full-j2k.dcm")))) {
            assertThat(maxDifference(s.readRegion(new RegionRequest(0, 0, 0, 160, 100)), Files.readAllBytes(dir.resolve("wsi/full-j2k.dcm.rgb")))).isZero();
        }
    }

    @Test
    void aFolderWithTwoSlidesOrNoSlideIsRefusedNamingWhat(@TempDir Path other) throws Exception {
        Path svs = DicomSlideWriterTest.svs(other);
        try (TiffSlide t = TiffSlide.open(svs)) {
            DicomSlideWriter.write(t, DicomSlideWriterTest.identified(), other.resolve("mixed/a"));
        }
        Files.copy(dir.resolve("wsi/full-native.dcm"), other.resolve("mixed/full-native.dcm"));
        assertThatThrownBy(() -> DicomSlide.open(other.resolve("mixed"))).isInstanceOf(DicomFileException.class)
                .hasMessageContaining("2 slide series where one slide was expected").hasMessageContaining("full-native.dcm");
        Files.createDirectories(other.resolve("empty"));
        Files.writeString(other.resolve("empty/notes.txt"), "no slide");
        assertThatThrownBy(() -> DicomSlide.open(other.resolve("empty"))).isInstanceOf(DicomFileException.class)
                .hasMessageContaining("empty").hasMessageContaining("no VL Whole Slide Microscopy Image");
    }

    @Test
    void anotherSopClassOrATruncatedFrameIsNamed(@TempDir Path other) throws Exception {
        Path mr = other.resolve("mr.dcm");
        byte[] b = Files.readAllBytes(dir.resolve("wsi/full-native.dcm"));
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("1.2.840.10008.5.1.4.1.1.77.1.6", "1.2.840.10008.5.1.4.1.1.4\0\0\0\0\0");
        Files.write(mr, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DicomSlide.open(List.of(mr))).isInstanceOf(DicomFileException.class).hasMessageContaining("mr.dcm")
                .hasMessageContaining("(0008,0016)").hasMessageContaining("is not VL Whole Slide Microscopy Image Storage");
        Path cut = other.resolve("cut.dcm");
        byte[] sparse = Files.readAllBytes(dir.resolve("wsi/sparse-jpeg.dcm"));
        Files.write(cut, java.util.Arrays.copyOf(sparse, sparse.length - 3000));
        assertThatThrownBy(() -> DicomSlide.open(List.of(cut))).isInstanceOf(DicomFileException.class).hasMessageContaining("cut.dcm")
                .hasMessageContaining("(7FE0,0010)");
    }

    private static int maxDifference(RgbImage img, byte[] rgb) {
        assertThat(rgb).hasSize(img.width() * img.height() * 3);
        int max = 0;
        for (int i = 0; i < img.pixels().length; i++) {
            int p = img.pixels()[i];
            max = Math.max(max, Math.abs((p >> 16 & 0xFF) - (rgb[3 * i] & 0xFF)));
            max = Math.max(max, Math.abs((p >> 8 & 0xFF) - (rgb[3 * i + 1] & 0xFF)));
            max = Math.max(max, Math.abs((p & 0xFF) - (rgb[3 * i + 2] & 0xFF)));
        }
        return max;
    }
}
