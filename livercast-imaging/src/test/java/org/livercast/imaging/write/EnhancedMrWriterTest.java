package org.livercast.imaging.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livercast.imaging.Oracles;
import org.livercast.imaging.Phantoms;
import org.livercast.imaging.deid.DicomDeidentifier;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.exam.PhaseCall;
import org.livercast.imaging.exam.PhaseIdentifier;
import org.livercast.imaging.exam.PhaseMapping;
import org.livercast.imaging.series.DicomSeries;
import org.livercast.imaging.series.ImageVolume;
import org.livercast.imaging.series.SeriesAssembler;
import org.livercast.imaging.series.SeriesException;

/**
 * A series as one Enhanced MR file (as current scanners export it) is the same volume as the classic file-a-slice
 * series — to LiverCast, and to dciodvfy, dcmtk, GDCM and pydicom — is identified as the same phase, survives
 * de-identification, and a file LiverCast cannot make one volume of is refused naming the frame or the volumes.
 */
class EnhancedMrWriterTest {
    private static final PhaseIdentifier PHASES = new PhaseIdentifier(PhaseMapping.none());
    @TempDir Path dir;

    @Test
    void readsBackTheVolumeTheClassicSeriesGivesAndTheSamePhase() throws Exception {
        for (ImageVolume original : List.of(Phantoms.phantom(), Phantoms.integralPhantom())) {
            Path classic = Files.createDirectories(dir.resolve("classic" + original.hashCode()));
            MrSeriesWriter.write(original, Phantoms.metadata(), classic);
            Path enhanced = EnhancedMrWriter.write(original, Phantoms.metadata(), dir.resolve("enhanced" + original.hashCode()).resolve("mr.dcm"));
            DicomSeries slices = SeriesAssembler.readDirectory(classic).get(0);
            List<DicomSeries> read = SeriesAssembler.readDirectory(enhanced.getParent());
            assertThat(read).hasSize(1);
            DicomSeries frames = read.get(0);
            assertThat(frames.slices()).hasSize(1);
            ImageVolume a = slices.volume();
            ImageVolume b = frames.volume();
            assertThat(new int[] {b.nx(), b.ny(), b.nz()}).containsExactly(a.nx(), a.ny(), a.nz());
            for (int k = 0; k < 3; k++) {
                assertThat(b.origin()[k]).isCloseTo(a.origin()[k], within(1e-9));
                assertThat(b.spacing()[k]).isCloseTo(a.spacing()[k], within(1e-9));
                assertThat(b.rowDir()[k]).isCloseTo(a.rowDir()[k], within(1e-12));
                assertThat(b.colDir()[k]).isCloseTo(a.colDir()[k], within(1e-12));
                assertThat(b.sliceDir()[k]).isCloseTo(a.sliceDir()[k], within(1e-12));
            }
            assertThat(b.voxels()).as("every voxel as the classic series stores it").isEqualTo(a.voxels());
            assertThat(frames.seriesInstanceUid()).isEqualTo(slices.seriesInstanceUid());
            // What phase identification reads, from the Enhanced Contrast/Bolus module and Acquisition DateTime.
            assertThat(frames.attribute(Tag.ContrastBolusAgent)).isEqualTo("Gd-EOB-DTPA");
            assertThat(frames.attribute(Tag.ContrastBolusStartTime)).isEqualTo(slices.attribute(Tag.ContrastBolusStartTime));
            assertThat(frames.attribute(Tag.AcquisitionTime)).isEqualTo(slices.attribute(Tag.AcquisitionTime));
            assertThat(frames.description()).isEqualTo("AX T1 ART");
            PhaseCall call = PHASES.identify(frames.attributes());
            assertThat(call).isEqualTo(PHASES.identify(slices.attributes()));
        }
    }

    @Test
    void phaseIsTimedFromTheEnhancedContrastModuleWhenTheDescriptionSaysNothing() throws Exception {
        SeriesMetadata m = SeriesMetadata.builder().series(null, 3, "t1 vibe fs").contrast("Gd-DTPA", java.time.LocalTime.of(9, 0))
                .acquisitionTime(java.time.LocalTime.of(9, 1, 10)).uidSeed("timed").build();
        Path f = EnhancedMrWriter.write(Phantoms.integralPhantom(), m, dir.resolve("timed").resolve("mr.dcm"));
        PhaseCall call = PHASES.identify(SeriesAssembler.readDirectory(f.getParent()).get(0).attributes());
        assertThat(call.phase()).isEqualTo(org.livercast.core.model.Phase.PORTAL_VENOUS);
        assertThat(call.evidence()).isEqualTo("acquired 70 s after Gd-DTPA injection");
    }

    @Test
    void dciodvfyFindsNoErrorInTheEnhancedMrIod() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(DCIODVFY), "needs dicom3tools (dciodvfy)");
        Path f = EnhancedMrWriter.write(Phantoms.phantom(), Phantoms.metadata(), dir.resolve("mr.dcm"));
        String report = dciodvfy(f);
        assertThat(report).startsWith("EnhancedMRImage");
        assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        // The only warnings: LiverCast's own coding scheme for the agent and ingredient, which dciodvfy does not know.
        assertThat(report.lines().filter(l -> l.startsWith("Warning")).filter(l -> !l.contains("<99LIVERCAST>"))).as(report).isEmpty();
    }

    /**
     * What ingest stores must still be a valid object: De-identification Method in values of at most 64 characters (one
     * 138-character value was invalid LO in every file), and the Device Serial Number that the Enhanced General Equipment
     * module makes type 1 given a dummy rather than removed.
     */
    @Test
    void deidentifiedFilesStayValidForDciodvfy() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(DCIODVFY), "needs dicom3tools (dciodvfy)");
        DicomDeidentifier.Plan plan = new DicomDeidentifier.Plan("C09-PSEUDONYM", u -> "2.25." + Math.abs((long) u.hashCode()), -100, s -> s);
        Path enhanced = EnhancedMrWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve("e.dcm"));
        Path classic = MrSeriesWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve("classic")).get(0);
        for (Path f : List.of(enhanced, classic)) {
            DicomDeidentifier.Result r = DicomDeidentifier.deidentify(DicomReader.read(f), plan);
            Path out = dir.resolve("deid-" + f.getFileName());
            Files.write(out, r.bytes());
            String report = dciodvfy(out);
            assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(f + ":\n" + report).isEmpty();
            assertThat(DicomReader.read(out).dataSet().strings(0x00120063)).containsExactly("LiverCast PS3.15 Basic Profile",
                    "Retain Longitudinal Temporal Information Modified Dates", "Retain Patient Characteristics", "Clean Descriptors");
            assertThat(DicomReader.read(out).string(0x00181000)).isEqualTo(f == enhanced ? "DEIDENTIFIED" : null);
        }
    }

    private static final Path DCIODVFY = Path.of("/usr/bin/dciodvfy");

    private static String dciodvfy(Path f) throws Exception {
        Process p = new ProcessBuilder(DCIODVFY.toString(), f.toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return report;
    }

    @Test
    void dcmtkGdcmAndPydicomReadTheFramesAndGeometry() throws Exception {
        Assumptions.assumeTrue(Oracles.dcmtkAvailable() && Oracles.pydicomAvailable(), "needs dcmtk and python3-pydicom");
        ImageVolume v = Phantoms.phantom();
        Path f = EnhancedMrWriter.write(v, Phantoms.metadata(), dir.resolve("mr.dcm"));
        ImageVolume ours = SeriesAssembler.readDirectory(dir).get(0).volume();
        Process dump = new ProcessBuilder("/usr/bin/dcmdump", "+E", f.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(new String(dump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).as("dcmdump warnings").isEmpty();
        assertThat(dump.waitFor()).isZero();
        Oracles.run(List.of("/usr/bin/dcm2pnm", "+Fa", f.toString(), dir.resolve("frame").toString()));
        for (int k = 0; k < v.nz(); k++) assertThat(dir.resolve("frame." + k + ".pgm")).as("dcm2pnm frame " + k).exists();
        // pydicom: the frames' stored values with the shared rescale give our voxels.
        String sum = Oracles.run(List.of(Oracles.PYTHON.toString(), "-c", "import sys, warnings\nwarnings.simplefilter('error')\nimport pydicom\n"
                + "d = pydicom.dcmread(sys.argv[1])\nt = d.SharedFunctionalGroupsSequence[0].PixelValueTransformationSequence[0]\n"
                + "print(d.pixel_array.shape, repr(float((d.pixel_array * float(t.RescaleSlope) + float(t.RescaleIntercept)).sum())))", f.toString()));
        assertThat(sum).startsWith("(6, 16, 20)");
        assertThat(Double.parseDouble(sum.substring(sum.indexOf(')') + 1).trim())).isCloseTo(ours.sum(), within(1e-6 * ours.sum()));
        // GDCM computes a volume's origin and spacing from the functional groups itself: a peer for the geometry.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdcminfo")), "needs libgdcm-tools (gdcminfo)");
        String info = Oracles.run(List.of("/usr/bin/gdcminfo", f.toString()));
        assertThat(info).contains("Dimensions: (20,16,6)").contains("Origin: (-120.5,-80.25,33)").contains("Spacing: (0.75,0.75,2.5)");
    }

    /** A scanner or PACS may compress the frames: dcmtk's RLE, JPEG lossless and JPEG-LS encoders, each frame its own fragments. */
    @Test
    void framesCompressedByDcmtkGiveTheSameVolume() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmcrle")) && Files.isExecutable(Path.of("/usr/bin/dcmcjpeg")), "needs dcmtk");
        Path f = EnhancedMrWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve("native").resolve("mr.dcm"));
        float[] expected = SeriesAssembler.readDirectory(f.getParent()).get(0).volume().voxels();
        for (List<String> encoder : List.of(List.of("/usr/bin/dcmcrle"), List.of("/usr/bin/dcmcjpeg", "+e1"), List.of("/usr/bin/dcmcjpls"))) {
            Path out = Files.createDirectories(dir.resolve(Path.of(encoder.get(0)).getFileName().toString())).resolve("mr.dcm");
            List<String> cmd = new ArrayList<>(encoder);
            cmd.add(f.toString());
            cmd.add(out.toString());
            Oracles.run(cmd);
            DicomSeries s = SeriesAssembler.readDirectory(out.getParent()).get(0);
            assertThat(s.first().transferSyntax().encapsulated()).as(encoder.get(0)).isTrue();
            assertThat(s.volume().voxels()).as(encoder.get(0)).isEqualTo(expected);
        }
    }

    @Test
    void deidentificationShiftsTheFramesDatesAndKeepsEveryVoxel() throws Exception {
        Path f = EnhancedMrWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve("in").resolve("mr.dcm"));
        DicomSeries before = SeriesAssembler.readDirectory(f.getParent()).get(0);
        DicomDeidentifier.Result r = DicomDeidentifier.deidentify(DicomReader.read(f),
                new DicomDeidentifier.Plan("C09-PSEUDONYM", u -> "2.25." + Math.abs((long) u.hashCode()), -100, s -> s));
        Path out = Files.createDirectories(dir.resolve("out")).resolve("mr.dcm");
        Files.write(out, r.bytes());
        DicomFile copy = DicomReader.read(out);
        DicomSeries after = SeriesAssembler.readDirectory(out.getParent()).get(0);
        assertThat(after.volume().voxels()).isEqualTo(before.volume().voxels());
        assertThat(copy.string(Tag.PatientName)).isEqualTo("C09-PSEUDONYM");
        String frameTime = copy.dataSet().sequence(Tag.PerFrameFunctionalGroupsSequence).get(4).sequence(Tag.FrameContentSequence).get(0)
                .string(Tag.FrameAcquisitionDateTime);
        assertThat(frameTime).as("a frame's acquisition date, 100 days earlier, its time kept").isEqualTo("20230923090125.000");
        assertThat(copy.string(Tag.AcquisitionDateTime)).isEqualTo("20230923090125.000");
        assertThat(after.seriesInstanceUid()).isNotEqualTo(before.seriesInstanceUid()).startsWith("2.25.");
    }

    @Test
    void aFrameWithoutItsPositionIsRefusedNamingTheFrame() throws Exception {
        Path f = rewritten("noposition", (i, frame) -> i == 2 ? without(frame, Tag.PlanePositionSequence) : frame);
        assertThatThrownBy(() -> SeriesAssembler.readDirectory(f.getParent()))
                .isInstanceOf(SeriesException.class)
                .hasMessage(f + " frame 3 has no Image Position (Patient) in a Plane Position Sequence");
    }

    @Test
    void aFileOfTwoStacksIsReadAsTwoSeries() throws Exception {
        Path f = rewritten("twostacks", (i, frame) -> i < 3 ? frame : withStack(frame, "2"));
        List<DicomSeries> read = SeriesAssembler.readDirectory(f.getParent());
        assertThat(read).extracting(DicomSeries::description).containsExactly("AX T1 ART (stack 1)", "AX T1 ART (stack 2)");
        assertThat(read).allSatisfy(s -> assertThat(s.volume().nz()).isEqualTo(3));
        assertThat(read.get(0).seriesInstanceUid()).isNotEqualTo(read.get(1).seriesInstanceUid());
        ImageVolume whole = Phantoms.integralPhantom();
        int half = whole.nx() * whole.ny() * 3;
        assertThat(read.get(1).volume().voxels()).isEqualTo(java.util.Arrays.copyOfRange(whole.voxels(), half, 2 * half));
    }

    /**
     * A dynamic acquisition in one file (pre-contrast, arterial, portal venous): one series a temporal position, each
     * phase timed from its own frames, each volume with its own rescale as a file of its own would store it — also when
     * dcmtk has compressed the frames — and valid for dciodvfy as written and as split.
     */
    @Test
    void aDynamicFileIsOneSeriesAPhaseTimedFromItsFrames() throws Exception {
        ImageVolume p = Phantoms.phantom();
        List<ImageVolume> volumes = new ArrayList<>();
        for (double gain : new double[] {1, 1.8, 1.4}) {
            float[] v = p.voxels().clone();
            for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] * gain);
            volumes.add(new ImageVolume(p.nx(), p.ny(), p.nz(), p.spacing(), p.origin(), p.rowDir(), p.colDir(), p.sliceDir(), v));
        }
        java.time.LocalTime injection = java.time.LocalTime.of(9, 10);
        List<java.time.LocalTime> times = List.of(injection.minusSeconds(60), injection.plusSeconds(30), injection.plusSeconds(70));
        SeriesMetadata m = SeriesMetadata.builder().series(null, 7, "DYN eTHRIVE").contrast("Gd-DTPA", injection).uidSeed("dynamic").build();
        Path f = EnhancedMrWriter.writeDynamic(volumes, times, m, dir.resolve("dynamic").resolve("mr.dcm"));
        Path jls = dir.resolve("dynamic-jls").resolve("mr.dcm");
        Files.createDirectories(jls.getParent());
        if (Files.isExecutable(Path.of("/usr/bin/dcmcjpls"))) Oracles.run(List.of("/usr/bin/dcmcjpls", f.toString(), jls.toString()));
        for (Path folder : Files.exists(jls) ? List.of(f.getParent(), jls.getParent()) : List.of(f.getParent())) {
            List<DicomSeries> read = SeriesAssembler.readDirectory(folder);
            assertThat(read).extracting(DicomSeries::description)
                    .containsExactly("DYN eTHRIVE (temporal position 1)", "DYN eTHRIVE (temporal position 2)", "DYN eTHRIVE (temporal position 3)");
            assertThat(read).extracting(s -> PHASES.identify(s.attributes()).phase()).containsExactly(org.livercast.core.model.Phase.NON_CONTRAST,
                    org.livercast.core.model.Phase.ARTERIAL, org.livercast.core.model.Phase.PORTAL_VENOUS);
            for (int t = 0; t < 3; t++) {
                Path alone = Files.createDirectories(dir.resolve("alone" + t + folder.getFileName()));
                MrSeriesWriter.write(volumes.get(t), m, alone);
                assertThat(read.get(t).volume().voxels()).as(folder + " volume " + t)
                        .isEqualTo(SeriesAssembler.readDirectory(alone).get(0).volume().voxels());
            }
        }
        Assumptions.assumeTrue(Files.isExecutable(DCIODVFY), "needs dicom3tools (dciodvfy)");
        assertThat(dciodvfy(f).lines().filter(l -> l.startsWith("Error"))).as(dciodvfy(f)).isEmpty();
        DicomFile part = org.livercast.imaging.series.VolumeSplit.split(DicomReader.read(f)).get(1).file();
        Path written = dir.resolve("part.dcm");
        Files.write(written, DicomDeidentifier.deidentify(part,
                new DicomDeidentifier.Plan("C09-PSEUDONYM", u -> "2.25." + Math.abs((long) u.hashCode()), -100, s -> s)).bytes());
        String report = dciodvfy(written);
        assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        assertThat(DicomReader.read(written).dataSet().intValue(Tag.NumberOfFrames, 0)).isEqualTo(p.nz());
    }

    /**
     * A Legacy Converted Enhanced file (a PACS's conversion of a classic series) keeps the classic attributes it had no
     * macro for in Unassigned Shared Converted Attributes: the phase is timed from the contrast and acquisition times there.
     */
    @Test
    void aLegacyConvertedFileIsTimedFromItsUnassignedConvertedAttributes() throws Exception {
        Path f = EnhancedMrWriter.write(Phantoms.integralPhantom(), SeriesMetadata.builder().series(null, 2, "t1 vibe fs")
                .contrast("Gd-DTPA", java.time.LocalTime.of(9, 0)).acquisitionTime(java.time.LocalTime.of(9, 0, 30)).uidSeed("legacy").build(),
                dir.resolve("legacy-src").resolve("mr.dcm"));
        DicomFile in = DicomReader.read(f);
        DicomObject converted = DicomObject.of(List.of(
                text(Tag.ContrastBolusAgent, "LO", "Gd-DTPA"), text(Tag.ContrastBolusStartTime, "TM", "090000"), text(Tag.AcquisitionTime, "TM", "090130")));
        List<DicomElement> top = new ArrayList<>();
        for (DicomElement e : in.dataSet().elements()) {
            // No Enhanced Contrast/Bolus module and no Acquisition DateTime: the conversion had only the classic attributes.
            if (e.tag() == Tag.ContrastBolusAgentSequence || e.tag() == Tag.AcquisitionDateTime) continue;
            if (e.tag() == Tag.SharedFunctionalGroupsSequence) {
                List<DicomElement> shared = new ArrayList<>(e.items().get(0).elements());
                shared.add(new DicomElement(Tag.UnassignedSharedConvertedAttributesSequence, "SQ", null, false, List.of(converted), null));
                top.add(new DicomElement(e.tag(), "SQ", null, false, List.of(DicomObject.of(shared)), null));
            } else {
                top.add(e);
            }
        }
        Path out = Files.createDirectories(dir.resolve("legacy")).resolve("mr.dcm");
        Files.write(out, Part10Writer.write(DicomObject.of(top), "1.2.840.10008.5.1.4.1.1.4.4", in.string(Tag.SOPInstanceUID), in.transferSyntaxUid()));
        DicomSeries s = SeriesAssembler.readDirectory(out.getParent()).get(0);
        assertThat(s.volume().voxels()).isEqualTo(Phantoms.integralPhantom().voxels());
        PhaseCall call = PHASES.identify(s.attributes());
        assertThat(call.phase()).isEqualTo(org.livercast.core.model.Phase.PORTAL_VENOUS);
        assertThat(call.evidence()).isEqualTo("acquired 90 s after Gd-DTPA injection");
    }

    private static DicomElement text(int tag, String vr, String value) {
        String even = value.length() % 2 == 0 ? value : value + " ";
        return new DicomElement(tag, vr, even.getBytes(StandardCharsets.US_ASCII), false, null, null);
    }

    @Test
    void aMissingFrameIsRefusedAsAGapBetweenNamedFrames() throws Exception {
        ImageVolume v = Phantoms.integralPhantom();
        Path f = rewritten("gap", (i, frame) -> i == 3 ? withPosition(frame, v.toPatient(0, 0, 7)) : frame);
        assertThatThrownBy(() -> SeriesAssembler.readDirectory(f.getParent()))
                .isInstanceOf(SeriesException.class)
                .hasMessageContaining("frame 3 and " + f + " frame 5");
    }

    /** The phantom's enhanced file with each per-frame item passed through {@code change}, written back as Part 10. */
    private Path rewritten(String name, BiFunction<Integer, DicomObject, DicomObject> change) throws Exception {
        Path f = EnhancedMrWriter.write(Phantoms.integralPhantom(), Phantoms.metadata(), dir.resolve(name + "-src").resolve("mr.dcm"));
        DicomFile in = DicomReader.read(f);
        List<DicomElement> top = new ArrayList<>();
        for (DicomElement e : in.dataSet().elements()) {
            if (e.tag() != Tag.PerFrameFunctionalGroupsSequence) {
                top.add(e);
                continue;
            }
            List<DicomObject> frames = new ArrayList<>();
            for (int i = 0; i < e.items().size(); i++) frames.add(change.apply(i, e.items().get(i)));
            top.add(new DicomElement(e.tag(), "SQ", null, false, frames, null));
        }
        Path out = Files.createDirectories(dir.resolve(name)).resolve("mr.dcm");
        Files.write(out, Part10Writer.write(DicomObject.of(top), Uids.ENHANCED_MR_IMAGE_STORAGE, in.string(Tag.SOPInstanceUID), in.transferSyntaxUid()));
        return out;
    }

    private static DicomObject without(DicomObject item, int tag) {
        return DicomObject.of(item.elements().stream().filter(e -> e.tag() != tag).toList());
    }

    private static DicomObject withStack(DicomObject frame, String stack) {
        return replacedIn(frame, Tag.FrameContentSequence, new DicomElement(Tag.StackID, "SH", (stack + " ").getBytes(StandardCharsets.US_ASCII), false, null, null));
    }

    private static DicomObject withPosition(DicomObject frame, double[] p) {
        String ds = p[0] + "\\" + p[1] + "\\" + p[2];
        byte[] b = (ds.length() % 2 == 0 ? ds : ds + " ").getBytes(StandardCharsets.US_ASCII);
        return replacedIn(frame, Tag.PlanePositionSequence, new DicomElement(Tag.ImagePositionPatient, "DS", b, false, null, null));
    }

    /** The frame with one element of one of its macros replaced. */
    private static DicomObject replacedIn(DicomObject frame, int macro, DicomElement value) {
        List<DicomElement> out = new ArrayList<>();
        for (DicomElement e : frame.elements()) {
            if (e.tag() != macro) {
                out.add(e);
                continue;
            }
            List<DicomElement> inner = new ArrayList<>(e.items().get(0).elements().stream().filter(x -> x.tag() != value.tag()).toList());
            inner.add(value);
            out.add(new DicomElement(macro, "SQ", null, false, List.of(DicomObject.of(inner)), null));
        }
        return DicomObject.of(out);
    }
}
