package org.livercast.imaging.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomReader;

/**
 * What the codec tests compare against: images of several precisions and signs written by pydicom
 * ({@code /oracle/jpegls_inputs.py}), each compressed by one of dcmtk's encoders and decompressed again by its decoder.
 *
 * @param compressed the input as dcmtk's encoder wrote it
 * @param decoded    that file as dcmtk's decoder decompressed it: the values LiverCast's decoder must give
 */
record DcmtkRoundTrip(DicomFile compressed, DicomFile decoded) {
    /** Writes the test images into {@code dir} (the same for a seed) and returns them, sorted. */
    static List<Path> inputs(Path dir, String seed) throws Exception {
        Path script = dir.resolve("jpegls_inputs.py");
        try (var in = DcmtkRoundTrip.class.getResourceAsStream("/oracle/jpegls_inputs.py")) {
            Files.write(script, in.readAllBytes());
        }
        Oracles.run(List.of(Oracles.PYTHON.toString(), script.toString(), dir.toString(), seed));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("img_")).sorted().toList();
        }
    }

    /** {@code input} compressed by {@code encoder} with {@code options}, then decompressed by {@code decoder}, in {@code dir}. */
    static DcmtkRoundTrip of(Path input, String encoder, List<String> options, String decoder, Path dir) throws Exception {
        String name = input.getFileName().toString().replace(".dcm", "") + "." + String.join("", options).replace("+", "")
                + "." + Path.of(encoder).getFileName();
        Path compressed = dir.resolve(name + ".dcm");
        Path decoded = dir.resolve(name + ".raw.dcm");
        List<String> encode = new ArrayList<>(List.of(encoder));
        encode.addAll(options);
        encode.addAll(List.of(input.toString(), compressed.toString()));
        Oracles.run(encode);
        Oracles.run(List.of(decoder, compressed.toString(), decoded.toString()));
        return new DcmtkRoundTrip(DicomReader.read(compressed), DicomReader.read(decoded));
    }
}
