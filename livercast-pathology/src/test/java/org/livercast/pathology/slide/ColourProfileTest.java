package org.livercast.pathology.slide;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.pathology.Synthetic;
import org.livercast.pathology.dicom.DicomSlide;
import org.livercast.pathology.dicom.DicomSlideWriter;
import org.livercast.pathology.dicom.WsiMetadata;
import org.livercast.pathology.write.PyramidWriter;
import org.livercast.pathology.write.SlideWriteOptions;

/**
 * A slide's ICC profile (its scanner's colour characterisation) is read from the TIFF or the DICOM optical path, given
 * as OpenSlide 4 gives it (openslide.icc-size), carried into the DICOM and the store's TIFF copies, and applied: the region in sRGB agrees with
 * Little CMS through Pillow.
 */
class ColourProfileTest {
    @TempDir
    Path dir;

    /** A scanner whose camera records linear light: its pixels need the sRGB curve to look right. */
    private static byte[] linearRgb() { return ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData(); }

    @Test
    void theProfileIsReadCarriedAndAppliedAsLittleCmsAppliesIt() throws Exception {
        Path svs = dir.resolve("s.svs");
        PyramidWriter.write(Synthetic.slide(512, 384), svs, SlideWriteOptions.aperio(0.5, 20, null, null).withIccProfile(linearRgb()));
        RgbImage stored;
        RgbImage srgb;
        try (TiffSlide s = TiffSlide.open(svs)) {
            assertThat(s.iccProfile()).hasValueSatisfying(p -> assertThat(p).isEqualTo(linearRgb()));
            assertThat(s.properties()).containsEntry("openslide.icc-size", Integer.toString(linearRgb().length));
            stored = s.readRegion(new RegionRequest(0, 0, 0, 512, 384));
            srgb = ColourProfile.toSrgb(s, stored, svs.toString());
            // linear light brightened by the sRGB curve (a channel of 50 becomes about 124)
            assertThat(mean(srgb)).isGreaterThan(mean(stored) + 10);
            // into DICOM: the optical path carries the scanner's profile, not sRGB
            List<Path> written = DicomSlideWriter.write(s, WsiMetadata.anonymous("S1", java.time.LocalDateTime.of(2026, 6, 30, 9, 0), "P1/S1"), dir.resolve("dicom"));
            assertThat(written).isNotEmpty();
            // and into the store's tiled TIFF copy
            org.livercast.pathology.write.PyramidCopy.write(s, dir.resolve("copy.tif"), 0.9f);
        }
        try (DicomSlide d = DicomSlide.open(dir.resolve("dicom")); TiffSlide copy = TiffSlide.open(dir.resolve("copy.tif"))) {
            assertThat(d.iccProfile()).hasValueSatisfying(p -> assertThat(p).isEqualTo(linearRgb()));
            assertThat(copy.iccProfile()).hasValueSatisfying(p -> assertThat(p).isEqualTo(linearRgb()));
        }
        try (TiffSlide plain = TiffSlide.open(writePlain())) {
            assertThat(plain.iccProfile()).isEmpty();
            RgbImage img = plain.readRegion(new RegionRequest(0, 0, 0, 64, 64));
            assertThat(ColourProfile.toSrgb(plain, img, "plain").pixels()).as("no profile: as stored").isEqualTo(img.pixels());
        }

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3-pil");
        Path raw = dir.resolve("region.rgb");
        Path icc = dir.resolve("profile.icc");
        Files.write(raw, stored.rgbBytes());
        Files.write(icc, linearRgb());
        Path script = dir.resolve("icc_to_srgb.py");
        try (var in = ColourProfileTest.class.getResourceAsStream("/oracle/icc_to_srgb.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), raw.toString(), "512", "384", icc.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(p.exitValue() == 0 || !log.contains("ModuleNotFoundError"), "needs Pillow with ImageCms");
        assertThat(p.exitValue()).as(log).isZero();
        byte[] theirs = Files.readAllBytes(raw);
        byte[] ours = srgb.rgbBytes();
        int worst = 0;
        long sum = 0;
        for (int i = 0; i < ours.length; i++) {
            int diff = Math.abs((ours[i] & 0xFF) - (theirs[i] & 0xFF));
            worst = Math.max(worst, diff);
            sum += diff;
        }
        // the JDK's sRGB profile and Little CMS's built-in sRGB differ in their last decimals
        assertThat(worst).as("largest difference from Little CMS (Pillow)").isLessThanOrEqualTo(3);
        assertThat((double) sum / ours.length).as("mean difference").isLessThan(0.5);
    }

    private Path writePlain() throws Exception {
        Path plain = dir.resolve("plain.svs");
        PyramidWriter.write(Synthetic.slide(128, 128), plain, SlideWriteOptions.aperio(0.5, 20, null, null));
        return plain;
    }

    private static double mean(RgbImage img) {
        long s = 0;
        for (byte b : img.rgbBytes()) s += b & 0xFF;
        return (double) s / img.rgbBytes().length;
    }
}
