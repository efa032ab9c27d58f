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
 * Lossy JPEG with 12-bit samples (DICOM's JPEG Extended, .51), decoded as dcmtk's IJG-based decoder decodes it: images
 * of 8, 12 and 16 bits, unsigned and signed, compressed by dcmtk's encoder (dcmcjpeg, extended sequential) — LiverCast
 * and dcmdjpeg give the same value at every pixel; pydicom's two 12-bit JPEG files likewise (PydicomTestFilesTest).
 */
class JpegExtendedCodecTest {
    @TempDir static Path dir;
    static List<Path> inputs;

    @BeforeAll
    static void writeInputs() throws Exception {
        Assumptions.assumeTrue(Oracles.pydicomAvailable() && Files.isExecutable(Path.of("/usr/bin/dcmcjpeg")), "needs python3-pydicom and dcmtk");
        // dcmcjpeg's DCT processes take 8 to 16 bits (it scales 16 to 12); 2-bit data are not DCT-coded.
        inputs = DcmtkRoundTrip.inputs(dir, "11").stream().filter(p -> !p.getFileName().toString().startsWith("img_2_")).toList();
        assertThat(inputs).hasSize(5);
    }

    /** dcmcjpeg options: extended sequential at its default quality (90), at 50 and at 100 (the longest codes). */
    static final List<List<String>> ENCODINGS = List.of(List.of("+ee"), List.of("+ee", "+q", "50"), List.of("+ee", "+q", "100"));

    @TestFactory
    Stream<DynamicTest> decodesWhatDcmtkEncodesAsDcmtkDecodesIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path input : inputs) {
            String name = input.getFileName().toString().replace(".dcm", "");
            for (List<String> options : ENCODINGS) {
                tests.add(DynamicTest.dynamicTest(name + " " + String.join(" ", options), () -> {
                    DcmtkRoundTrip r = DcmtkRoundTrip.of(input, "/usr/bin/dcmcjpeg", options, "/usr/bin/dcmdjpeg", dir);
                    DicomFile compressed = r.compressed();
                    assertThat(compressed.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.51");
                    assertThat(PixelDecoder.decode(compressed).data()).as("LiverCast against dcmdjpeg")
                            .isEqualTo(PixelDecoder.decode(r.decoded()).data());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aCutStreamIsRefusedNamingTheFile() throws Exception {
        Path jpeg = dir.resolve("cut.jpg.dcm");
        Oracles.run(List.of("/usr/bin/dcmcjpeg", "+ee", inputs.get(0).toString(), jpeg.toString()));
        DicomFile f = DicomReader.read(jpeg);
        byte[] frame = f.dataSet().get(Tag.PixelData).orElseThrow().fragments().get(1);
        PixelDecoder.Layout layout = PixelDecoder.layout(f);
        assertThatThrownBy(() -> JpegExtendedCodec.decode(f.path(), java.util.Arrays.copyOf(frame, frame.length / 3), layout))
                .isInstanceOf(DicomFileException.class).hasMessageContaining(f.path()).hasMessageContaining("(7FE0,0010)");
    }
}
