package org.livercast.imaging.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;

/**
 * JPEG-LS decoded as dcmtk decodes it: images of 2, 8, 12 and 16 bits, unsigned and signed, compressed by dcmtk's
 * encoder (dcmcjpls) lossless, near-lossless (NEAR 1 and 3) and with its own thresholds and reset (an LSE segment) —
 * each decoded by LiverCast and by dcmtk's decoder (dcmdjpls), value for value; lossless ones equal to the original.
 */
class JpegLsCodecTest {
    @TempDir static Path dir;
    static List<Path> inputs;

    /** dcmcjpls options; dcmtk encodes near-lossless only for unsigned data of 8 bits or more. */
    static final List<List<String>> ENCODINGS = List.of(List.of("+el"), List.of("+en", "+md", "1"), List.of("+en", "+md", "3"),
            List.of("+el", "+t1", "5", "+t2", "9", "+t3", "30", "+rs", "32"));

    @BeforeAll
    static void writeInputs() throws Exception {
        Assumptions.assumeTrue(Oracles.pydicomAvailable() && Files.isExecutable(Path.of("/usr/bin/dcmcjpls")), "needs python3-pydicom and dcmtk");
        inputs = DcmtkRoundTrip.inputs(dir, "7");
        assertThat(inputs).hasSize(6);
    }

    @TestFactory
    Stream<DynamicTest> decodesWhatDcmtkEncodesAsDcmtkDecodesIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path input : inputs) {
            String name = input.getFileName().toString().replace(".dcm", "");
            boolean nearLosslessEncodable = !name.endsWith("_s") && !name.equals("img_2_u");
            for (List<String> options : ENCODINGS) {
                boolean nearLossless = options.contains("+en");
                if (nearLossless && !nearLosslessEncodable) continue;
                tests.add(DynamicTest.dynamicTest(name + " " + String.join(" ", options), () -> {
                    DcmtkRoundTrip r = DcmtkRoundTrip.of(input, "/usr/bin/dcmcjpls", options, "/usr/bin/dcmdjpls", dir);
                    DicomFile compressed = r.compressed();
                    assertThat(compressed.transferSyntaxUid()).isEqualTo(nearLossless ? "1.2.840.10008.1.2.4.81" : "1.2.840.10008.1.2.4.80");
                    int[] ours = PixelDecoder.decode(compressed).data();
                    assertThat(ours).as("LiverCast against dcmdjpls").isEqualTo(PixelDecoder.decode(r.decoded()).data());
                    if (!nearLossless) assertThat(ours).as("lossless").isEqualTo(PixelDecoder.decode(DicomReader.read(input)).data());
                }));
            }
        }
        return tests.stream();
    }

    /** A cut stream or one that is not JPEG-LS: an error naming the file, Pixel Data and the reason, never wrong pixels. */
    @Test
    void aTruncatedStreamIsRefusedNamingTheFile() throws Exception {
        Path jls = dir.resolve("cut.jls.dcm");
        Oracles.run(List.of("/usr/bin/dcmcjpls", inputs.get(0).toString(), jls.toString()));
        DicomFile f = DicomReader.read(jls);
        byte[] frame = f.dataSet().get(Tag.PixelData).orElseThrow().fragments().get(1);
        PixelDecoder.Layout layout = PixelDecoder.layout(f);
        assertThat(JpegLsCodec.decode(f.path(), frame, layout)).hasSize(73 * 91);
        assertThatThrownBy(() -> JpegLsCodec.decode(f.path(), java.util.Arrays.copyOf(frame, frame.length / 2), layout))
                .isInstanceOf(DicomFileException.class)
                .hasMessageContaining(f.path()).hasMessageContaining("(7FE0,0010)").hasMessageContaining("truncated");
        byte[] notJpeg = frame.clone();
        notJpeg[1] = 0x00;
        assertThatThrownBy(() -> JpegLsCodec.decode(f.path(), notJpeg, layout)).hasMessageContaining("does not start with SOI");
    }
}
