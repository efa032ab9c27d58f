package org.livercast.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.codec.PixelDecoder;
import org.livercast.imaging.codec.Pixels;

/**
 * pydicom's own test files, read by LiverCast and by pydicom (run here): the same tags and the same stored pixel
 * values, or, for what LiverCast does not decode, a clear error naming the transfer syntax.
 */
class PydicomTestFilesTest {
    /** Lossy JPEG: decoders differ by IDCT rounding (pydicom uses libjpeg-turbo via Pillow, the JDK IJG libjpeg). */
    static final Set<String> LOSSY = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.91");
    /** pydicom's JPEG-LS files and the uncompressed files they were made from. */
    static final java.util.Map<String, String> JPEG_LS_ORIGINALS = java.util.Map.of("MR_small_jpeg_ls_lossless.dcm", "MR_small.dcm");

    @TestFactory
    Stream<DynamicTest> sameTagsAndPixelsAsPydicom() throws Exception {
        Assumptions.assumeTrue(Oracles.pydicomAvailable(), "needs python3-pydicom");
        List<Path> files;
        try (Stream<Path> s = Files.list(Oracles.PYDICOM_FILES)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        JsonNode expected = Oracles.pydicom(files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, expected.get(f.getFileName().toString()))));
    }

    private static void check(Path file, JsonNode py) throws Exception {
        if (py.has("read_error")) {
            // pydicom cannot read it either: we must fail with a clear error, or read it.
            try {
                DicomReader.read(file);
            } catch (DicomFileException e) {
                assertThat(e.getMessage()).contains(file.toString());
            }
            return;
        }
        boolean pydicomFoundNothing = java.util.stream.Stream.of("Rows", "SOPInstanceUID", "Modality", "SeriesInstanceUID")
                .noneMatch(py::has) && !py.has("pixel_sum");
        DicomFile f;
        try {
            f = DicomReader.read(file);
        } catch (DicomFileException e) {
            // pydicom "reads" some junk files without finding a single image attribute; a clear error is better.
            if (pydicomFoundNothing) return;
            throw new AssertionError("pydicom reads " + file.getFileName() + " but LiverCast says: " + e.getMessage(), e);
        }
        DicomObject d = f.dataSet();
        for (String t : new String[] {"Rows", "Columns", "BitsAllocated", "PixelRepresentation", "SamplesPerPixel"}) {
            if (py.has(t)) assertThat(d.intValue(tagOf(t), -1)).as(t).isEqualTo(py.get(t).asInt());
        }
        for (String t : new String[] {"SeriesInstanceUID", "SOPInstanceUID", "Modality", "PhotometricInterpretation"}) {
            if (py.has(t)) assertThat(d.string(tagOf(t))).as(t).isEqualTo(py.get(t).asText());
        }
        for (String t : new String[] {"PixelSpacing", "ImagePositionPatient", "RescaleSlope", "RescaleIntercept"}) {
            if (!py.has(t)) continue;
            JsonNode v = py.get(t);
            double[] ours = d.doubles(tagOf(t));
            if (v.isArray()) {
                assertThat(ours).as(t).hasSize(v.size());
                for (int i = 0; i < v.size(); i++) assertThat(ours[i]).as(t).isEqualTo(Double.parseDouble(v.get(i).asText()));
            } else {
                assertThat(ours[0]).as(t).isEqualTo(Double.parseDouble(v.asText()));
            }
        }
        String ts = py.path("transfer_syntax").asText("");
        if (py.has("pixel_sum")) {
            Pixels p = PixelDecoder.decode(f);
            assertThat(p.data().length).as("pixel count").isEqualTo(py.get("pixel_count").asInt());
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < p.data().length; i++) {
                min = Math.min(min, p.value(i));
                max = Math.max(max, p.value(i));
            }
            if (LOSSY.contains(ts)) {
                double mean = (double) p.sum() / p.data().length;
                double pyMean = py.get("pixel_sum").asDouble() / py.get("pixel_count").asDouble();
                assertThat(mean).as("mean of lossy JPEG").isCloseTo(pyMean, org.assertj.core.api.Assertions.within(1.5));
            } else {
                assertThat(min).as("min").isEqualTo(py.get("pixel_min").asLong());
                assertThat(max).as("max").isEqualTo(py.get("pixel_max").asLong());
                assertThat(p.sum()).as("sum").isEqualTo(py.get("pixel_sum").asLong());
            }
        } else if (ts.equals("1.2.840.10008.1.2.4.80")) {
            // Debian's pydicom has no JPEG-LS decoder; its test files pair the compressed image with the original.
            Path original = file.resolveSibling(JPEG_LS_ORIGINALS.get(file.getFileName().toString()));
            assertThat(PixelDecoder.decode(f).data()).as("JPEG-LS lossless against " + original.getFileName())
                    .isEqualTo(PixelDecoder.decode(DicomReader.read(original)).data());
        } else if (ts.equals("1.2.840.10008.1.2.4.51") && Oracles.dcmtkAvailable()) {
            // Debian's pydicom has no 12-bit JPEG decoder; dcmtk's (IJG's) is the reference, value for value.
            Path raw = Files.createTempFile("dcmdjpeg", ".dcm");
            try {
                Oracles.run(List.of("/usr/bin/dcmdjpeg", file.toString(), raw.toString()));
                assertThat(PixelDecoder.decode(f).data()).as("JPEG extended against dcmdjpeg").isEqualTo(PixelDecoder.decode(DicomReader.read(raw)).data());
            } finally {
                Files.deleteIfExists(raw);
            }
        } else if (py.has("pixel_error") && f.truncated().isPresent()) {
            assertThatThrownBy(() -> PixelDecoder.decode(DicomReader.read(file))).hasMessageContaining("truncated");
        }
    }

    static int tagOf(String keyword) throws Exception {
        return Tag.class.getField(keyword).getInt(null);
    }
}
