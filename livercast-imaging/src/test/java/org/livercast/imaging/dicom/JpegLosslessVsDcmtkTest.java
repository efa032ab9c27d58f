package org.livercast.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.codec.PixelDecoder;
import org.livercast.imaging.codec.Pixels;

/**
 * pydicom cannot decode JPEG lossless without plugins Debian lacks, so dcmtk's dcmdjpeg is the oracle: an RGB
 * process-14 file decompressed by dcmtk must equal LiverCast's decode sample for sample.
 */
class JpegLosslessVsDcmtkTest {
    @Test
    void rgbJpegLosslessMatchesDcmtk(@TempDir Path tmp) throws Exception {
        Path in = Oracles.PYDICOM_FILES.resolve("SC_rgb_jpeg_gdcm.dcm");
        Assumptions.assumeTrue(Oracles.dcmtkAvailable() && Files.exists(in), "needs dcmtk and python3-pydicom's files");
        Path out = tmp.resolve("raw.dcm");
        Oracles.run(List.of("/usr/bin/dcmdjpeg", in.toString(), out.toString()));
        Pixels ours = PixelDecoder.decode(DicomReader.read(in));
        Pixels theirs = PixelDecoder.decode(DicomReader.read(out));
        assertThat(ours.samples()).isEqualTo(3);
        assertThat(java.util.Arrays.equals(ours.data(), theirs.data())).as("samples identical to dcmdjpeg").isTrue();
    }
}
