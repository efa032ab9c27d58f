package org.livercast.imaging.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.SeriesAssembler;

/**
 * De-identifying the reference series in every transfer syntax (implicit, big endian, deflated, RLE, JPEG lossless)
 * keeps every voxel and the geometry, replaces identity, remaps UIDs consistently, shifts dates by the plan, and gives
 * files dcmtk reads without a warning.
 */
class DicomDeidentifierTest {
    static final Path ENCODINGS = Oracles.IMAGING.resolve("transfer_syntaxes").resolve("STS_002_MR_T1");
    @TempDir Path tmp;

    @TestFactory
    Stream<DynamicTest> everyEncodingSurvivesDeidentificationVoxelForVoxel() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ENCODINGS), "shared/reference/imaging is beside the repository");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(ENCODINGS)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            List<Path> files = SeriesAssembler.dicomFiles(d);
            DicomSeries original = SeriesAssembler.assembleAll(files.stream().map(DicomDeidentifierTest::read).toList()).get(0);
            DicomDeidentifier.Plan plan = new DicomDeidentifier.Plan("C09-PSEUDONYM", u -> "2.25." + Math.abs((long) u.hashCode()), -100, s -> s);
            Path out = tmp.resolve(d.getFileName().toString());
            Files.createDirectories(out);
            List<DicomFile> written = new ArrayList<>();
            int i = 0;
            for (Path f : files) {
                DicomDeidentifier.Result r = DicomDeidentifier.deidentify(read(f), plan);
                assertThat(r.burnedIn()).isFalse();
                Path o = out.resolve(String.format("%04d.dcm", i++));
                Files.write(o, r.bytes());
                written.add(DicomReader.read(o));
            }
            DicomSeries copy = SeriesAssembler.assembleAll(written).get(0);
            assertThat(java.util.Arrays.equals(copy.volume().voxels(), original.volume().voxels())).as("voxels identical").isTrue();
            assertThat(copy.volume().origin()).containsExactly(original.volume().origin());
            DicomFile first = written.get(0);
            assertThat(first.string(Tag.PatientID)).isEqualTo("C09-PSEUDONYM");
            assertThat(first.string(Tag.PatientName)).isEqualTo("C09-PSEUDONYM");
            assertThat(first.string(0x00120062)).isEqualTo("YES");
            assertThat(first.string(Tag.SeriesInstanceUID)).isEqualTo(plan.uidMap().apply(original.seriesInstanceUid()));
            assertThat(written).allSatisfy(w -> assertThat(w.string(Tag.StudyInstanceUID)).isEqualTo(first.string(Tag.StudyInstanceUID)));
            String studyDate = original.first().string(0x00080020);
            if (studyDate != null) {
                assertThat(first.string(0x00080020)).isEqualTo(java.time.LocalDate.parse(studyDate, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                        .minusDays(100).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            }
            assertThat(written).allSatisfy(w -> assertThat(w.dataSet().elements()).noneMatch(e -> (e.tag() >>> 16 & 1) == 1));
            dcmdumpQuiet(out.resolve("0000.dcm"));
        }));
    }

    /**
     * pydicom's test files (every transfer syntax, sequences, private tags, character sets): each readable one
     * de-identifies into a file LiverCast reads back with the same pixel bytes, no private tag and no patient name.
     */
    @TestFactory
    Stream<DynamicTest> pydicomTestFilesDeidentifyAndReadBack() throws Exception {
        Assumptions.assumeTrue(Oracles.PYDICOM_FILES != null && Files.isDirectory(Oracles.PYDICOM_FILES), "pydicom test files installed");
        List<Path> files;
        try (Stream<Path> s = Files.list(Oracles.PYDICOM_FILES)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            DicomFile in;
            try {
                in = DicomReader.read(f);
            } catch (RuntimeException e) {
                return;                                              // a file LiverCast refuses to read is not de-identified
            }
            Assumptions.assumeTrue(in.truncated().isEmpty() && in.dataSet().contains(Tag.SOPInstanceUID));
            DicomDeidentifier.Result r = DicomDeidentifier.deidentify(in, new DicomDeidentifier.Plan("PSEUDO", u -> "2.25.1" + Math.abs((long) u.hashCode()), 7, s -> s));
            DicomFile out = DicomReader.parse("deidentified " + f.getFileName(), r.bytes());
            assertThat(out.truncated()).isEmpty();
            assertThat(out.string(Tag.PatientName)).isIn("PSEUDO", null);
            assertThat(out.dataSet().elements()).noneMatch(e -> (e.tag() >>> 16 & 1) == 1);
            var pixIn = in.dataSet().get(Tag.PixelData);
            var pixOut = out.dataSet().get(Tag.PixelData);
            assertThat(pixOut.isPresent()).isEqualTo(pixIn.isPresent());
            if (pixIn.isPresent() && pixIn.get().isEncapsulated()) {
                assertThat(pixOut.get().fragments()).hasSameSizeAs(pixIn.get().fragments());
            } else if (pixIn.isPresent() && !pixIn.get().bigEndian()) {
                assertThat(java.util.Arrays.equals(pixOut.get().value(), pixIn.get().value())).as("pixel bytes").isTrue();
            }
        }));
    }

    /** dcmtk reads the file without a warning or error, when dcmtk is installed. */
    static void dcmdumpQuiet(Path f) throws Exception {
        if (!new File("/usr/bin/dcmdump").canExecute()) return;
        Process p = new ProcessBuilder("/usr/bin/dcmdump", "-q", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines()).noneMatch(l -> l.startsWith("W:") || l.startsWith("E:"));
    }

    private static DicomFile read(Path p) {
        try {
            return DicomReader.read(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
