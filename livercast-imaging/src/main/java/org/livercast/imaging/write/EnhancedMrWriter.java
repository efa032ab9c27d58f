package org.livercast.imaging.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.series.ImageVolume;

/**
 * Writes a volume as one Enhanced MR Image Storage file (PS3.3 A.36.2), as current scanners export a series: every
 * slice a frame of one multi-frame object; what is common to the frames (pixel spacing, orientation, rescale, the MR
 * acquisition's parameters) in the Shared Functional Groups, each frame's position and acquisition time in its own Per-frame
 * Functional Groups item; the frames organised as one stack (Stack ID, In-Stack Position Number) so a viewer can order
 * them without reading positions. Contrast goes in the Enhanced Contrast/Bolus module (an agent sequence with the
 * injection time in its administration profile), not in the classic attributes. Stored values as
 * {@link MrSeriesWriter} stores them ({@link PixelEncoding}), so both writers give a reader the same voxels.
 *
 * <p>Checked against David Clunie's dciodvfy (Debian's dicom3tools): no error (MrSeriesWriterTest's enhanced tests).
 */
public final class EnhancedMrWriter {
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss.SSS");
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS");
    /** A coding scheme of LiverCast's own (PS3.3 8.2: private schemes start "99") for the agents, which SNOMED codes vary for. */
    private static final String LOCAL_SCHEME = "99LIVERCAST";
    /** Seconds one frame's share of the acquisition took (a 20 s breath-hold 3D volume). */
    private static final double ACQUISITION_S = 20;

    private EnhancedMrWriter() {}

    /** Writes {@code file}; returns it. */
    public static Path write(ImageVolume v, SeriesMetadata m, Path file) throws IOException {
        return writeDynamic(List.of(v), List.of(m.acquisitionTime()), m, file);
    }

    /**
     * Writes a dynamic series as one file, as Philips scanners export a multi-phase acquisition: the volumes (one geometry)
     * each a temporal position acquired at its time, the frames indexed by Temporal Position Index and In-Stack Position
     * Number; each volume keeps its own rescale (per-frame Pixel Value Transformation) so its voxels are stored as a
     * file of its own would store them.
     */
    public static Path writeDynamic(List<ImageVolume> volumes, List<java.time.LocalTime> acquired, SeriesMetadata m, Path file) throws IOException {
        if (volumes.isEmpty() || volumes.size() != acquired.size()) throw new IllegalArgumentException("one acquisition time per volume");
        ImageVolume first = volumes.get(0);
        for (ImageVolume v : volumes) {
            if (v.nx() != first.nx() || v.ny() != first.ny() || v.nz() != first.nz() || !java.util.Arrays.equals(v.origin(), first.origin())
                    || !java.util.Arrays.equals(v.spacing(), first.spacing())) {
                throw new IllegalArgumentException("the volumes of a dynamic series share one geometry");
            }
        }
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        String sopUid = m.uidSeed() == null ? Uids.random() : Uids.fromName(m.uidSeed() + "/" + m.seriesUid() + "/enhanced");
        List<PixelEncoding> encodings = volumes.stream().map(v -> PixelEncoding.of(v.voxels())).toList();
        if (encodings.stream().map(PixelEncoding::signed).distinct().count() > 1) {
            // Pixel Representation is the file's: volumes that would be stored one signed, one not share one encoding.
            float[] all = new float[first.voxels().length * volumes.size()];
            for (int t = 0; t < volumes.size(); t++) System.arraycopy(volumes.get(t).voxels(), 0, all, t * first.voxels().length, first.voxels().length);
            PixelEncoding one = PixelEncoding.of(all);
            encodings = volumes.stream().map(v -> one).toList();
        }
        List<LocalDateTime> times = acquired.stream().map(t -> m.studyDate().atTime(t)).toList();
        Files.write(file, Part10Writer.wrap(Uids.ENHANCED_MR_IMAGE_STORAGE, sopUid, dataSet(volumes, times, m, encodings, sopUid)));
        return file;
    }

    private static byte[] dataSet(List<ImageVolume> volumes, List<LocalDateTime> times, SeriesMetadata m, List<PixelEncoding> encodings, String sopUid) {
        ImageVolume v = volumes.get(0);
        PixelEncoding enc = encodings.get(0);
        boolean dynamic = volumes.size() > 1;
        boolean sharedRescale = encodings.stream().allMatch(e -> e.slope() == enc.slope() && e.intercept() == enc.intercept());
        LocalDateTime acquired = times.get(0);
        String dimensions = Uids.fromName(sopUid + "/dimensions");
        DataSetWriter w = m.commonAttributes(sopUid)
                .text(Tag.ImageType, "CS", "ORIGINAL\\PRIMARY\\VOLUME\\NONE")
                .text(Tag.SOPClassUID, "UI", Uids.ENHANCED_MR_IMAGE_STORAGE)
                .text(Tag.AcquisitionDateTime, "DT", acquired.format(DT))
                .text(0x00081090, "LO", "LiverCast synthetic MR")                 // Manufacturer's Model Name
                .text(0x00089205, "CS", "MONOCHROME")                              // Pixel Presentation
                .text(0x00089206, "CS", "VOLUME")                                  // Volumetric Properties
                .text(0x00089207, "CS", "NONE")                                    // Volume Based Calculation Technique
                .text(0x00089208, "CS", "MAGNITUDE")                               // Complex Image Component
                .text(0x00089209, "CS", "T1")                                      // Acquisition Contrast
                .text(0x00180023, "CS", "3D")                                      // MR Acquisition Type
                .text(0x00181000, "LO", "LC-0001")                                 // Device Serial Number
                .text(0x00181020, "LO", "LiverCast")                               // Software Versions
                .text(0x00189004, "CS", "RESEARCH")                                // Content Qualification
                .text(0x00189005, "SH", m.scanningSequence() + "3D")               // Pulse Sequence Name
                .text(0x00189008, "CS", "GRADIENT")                                // Echo Pulse Sequence
                .text(0x00189012, "CS", "NO")                                      // Multi-planar Excitation
                .text(0x00189014, "CS", "NO")                                      // Phase Contrast
                .text(0x00189015, "CS", "NO")                                      // Time of Flight Contrast
                .text(0x00189017, "CS", "NONE")                                    // Steady State Pulse Sequence
                .text(0x00189018, "CS", "NO")                                      // Echo Planar Pulse Sequence
                .text(0x00189024, "CS", "NO")                                      // Saturation Recovery
                .text(0x00189025, "CS", "FAT")                                     // Spectrally Selected Suppression
                .text(0x00189029, "CS", "NONE")                                    // Oversampling Phase
                .text(0x00189032, "CS", "RECTILINEAR")                             // Geometry of k-Space Traversal
                .text(0x00189033, "CS", "SINGLE")                                  // Segmented k-Space Traversal
                .text(0x00189034, "CS", "LINEAR")                                  // Rectilinear Phase Encode Reordering
                .fd(0x00189073, ACQUISITION_S)                                     // Acquisition Duration
                .text(0x00189064, "CS", "NONE")                                    // k-space Filtering
                .us(0x00189093, 1)                                                 // Number of k-Space Trajectories
                .text(0x00189094, "CS", "FULL")                                    // Coverage of k-Space
                .text(0x00189100, "CS", "1H")                                      // Resonant Nucleus
                .text(0x00189174, "CS", "IEC")                                     // Applicable Safety Standard Agency
                .integerString(Tag.InstanceNumber, 1)
                .sequence(0x00209221, new DataSetWriter().text(0x00209164, "UI", dimensions))  // Dimension Organization
                .sequence(0x00209222, List.of(dynamic ? dimension(dimensions, Tag.TemporalPositionIndex, "Temporal Position Index")
                                : dimension(dimensions, Tag.StackID, "Stack ID"),
                        dimension(dimensions, Tag.InStackPositionNumber, "In-Stack Position Number")))
                .text(0x00209311, "CS", "3D")                                      // Dimension Organization Type
                .us(Tag.SamplesPerPixel, 1)
                .text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                .integerString(Tag.NumberOfFrames, (long) v.nz() * volumes.size())
                .us(Tag.Rows, v.ny()).us(Tag.Columns, v.nx())
                .us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 16).us(Tag.HighBit, 15).us(Tag.PixelRepresentation, enc.signed() ? 1 : 0)
                .text(0x00280301, "CS", "NO")                                      // Burned In Annotation
                .text(0x00282110, "CS", "00")                                      // Lossy Image Compression
                .sequence(0x00400555, List.of())                                   // Acquisition Context (type 2, empty)
                .text(0x20500020, "CS", "IDENTITY")                                // Presentation LUT Shape
                .sequence(Tag.SharedFunctionalGroupsSequence, shared(v, m, enc, sharedRescale))
                .sequence(Tag.PerFrameFunctionalGroupsSequence, perFrame(v, times, sharedRescale ? null : encodings))
                .binary(Tag.PixelData, "OW", pixels(volumes, encodings));
        if (m.contrastAgent() != null) w.sequence(Tag.ContrastBolusAgentSequence, agent(m));
        return w.toBytes();
    }

    private static DataSetWriter dimension(String organisation, int pointer, String label) {
        return new DataSetWriter().text(0x00209164, "UI", organisation).at(0x00209165, pointer)
                .at(0x00209167, Tag.FrameContentSequence).text(0x00209421, "LO", label);
    }

    /** What every frame shares: geometry but position, the rescale, the display window and the MR acquisition. */
    private static DataSetWriter shared(ImageVolume v, SeriesMetadata m, PixelEncoding enc, boolean sharedRescale) {
        DataSetWriter s = new DataSetWriter()
                .sequence(Tag.PixelMeasuresSequence, new DataSetWriter().decimals(Tag.PixelSpacing, v.spacing()[1], v.spacing()[0])
                        .decimals(Tag.SliceThickness, v.spacing()[2]).decimals(Tag.SpacingBetweenSlices, v.spacing()[2]))
                .sequence(Tag.PlaneOrientationSequence, new DataSetWriter().decimals(Tag.ImageOrientationPatient,
                        v.rowDir()[0], v.rowDir()[1], v.rowDir()[2], v.colDir()[0], v.colDir()[1], v.colDir()[2]))
                .sequence(0x00289132, new DataSetWriter().decimals(Tag.WindowCenter, enc.windowCentre())   // Frame VOI LUT
                        .decimals(Tag.WindowWidth, enc.windowWidth()))
                .sequence(0x00209071, new DataSetWriter()                          // Frame Anatomy
                        .sequence(0x00082218, code("10200004", "SCT", "Liver"))     // Anatomic Region
                        .text(0x00209072, "CS", "U"))                              // Frame Laterality
                .sequence(0x00189226, new DataSetWriter()                          // MR Image Frame Type
                        .text(0x00089007, "CS", "ORIGINAL\\PRIMARY\\VOLUME\\NONE").text(0x00089205, "CS", "MONOCHROME")
                        .text(0x00089206, "CS", "VOLUME").text(0x00089207, "CS", "NONE").text(0x00089208, "CS", "MAGNITUDE")
                        .text(0x00089209, "CS", "T1"))
                .sequence(0x00189112, new DataSetWriter()                          // MR Timing and Related Parameters
                        .decimals(Tag.RepetitionTime, m.repetitionTimeMs()).integerString(0x00180091, 1)
                        .decimals(0x00181314, 12).us(0x00189240, 1).us(0x00189241, 1)
                        .sequence(0x00189239, new DataSetWriter()                  // Specific Absorption Rate, whole body
                                .text(0x00189179, "CS", "IEC_WHOLE_BODY").fd(0x00189181, 0.5))
                        .sequence(0x00189176, new DataSetWriter()                  // Operating Mode: normal
                                .text(0x00189177, "CS", "RF").text(0x00189178, "CS", "IEC_NORMAL")))
                .sequence(0x00189125, new DataSetWriter()                          // MR FOV/Geometry
                        .text(0x00181312, "CS", "ROW").us(0x00189058, v.nx()).us(0x00189231, v.ny()).us(0x00189232, v.nz())
                        .decimals(0x00180093, 100).decimals(0x00180094, 100))
                .sequence(0x00189114, new DataSetWriter().fd(0x00189082, m.echoTimeMs()))   // MR Echo: Effective Echo Time
                .sequence(0x00189115, new DataSetWriter()                          // MR Modifier
                        .text(0x00189009, "CS", "NO").text(0x00189010, "CS", "NONE").text(0x00189021, "CS", "NO")
                        .text(0x00189026, "CS", "FAT").text(0x00189027, "CS", "NONE").text(0x00189081, "CS", "NO")
                        .text(0x00189077, "CS", "NO"))
                .sequence(0x00189006, new DataSetWriter()                          // MR Imaging Modifier
                        .text(0x00189020, "CS", "NONE").text(0x00189022, "CS", "NO").text(0x00189028, "CS", "NONE")
                        .decimals(0x00180095, 500).fd(0x00189098, 42.577 * m.fieldStrengthT()))
                .sequence(0x00189042, new DataSetWriter()                          // MR Receive Coil
                        .text(0x00181250, "SH", "Body").text(0x00189041, "LO", m.manufacturer()).text(0x00189043, "CS", "BODY")
                        .text(0x00189044, "CS", "NO"))
                .sequence(0x00189049, new DataSetWriter()                          // MR Transmit Coil
                        .text(0x00181251, "SH", "Body").text(0x00189050, "LO", m.manufacturer()).text(0x00189051, "CS", "BODY"))
                .sequence(Tag.MRDiffusionSequence, new DataSetWriter()
                        .fd(Tag.DiffusionBValue, 0).text(0x00189075, "CS", "NONE"))
                .sequence(0x00189119, new DataSetWriter().decimals(0x00180083, 1))   // MR Averages: Number of Averages
                .sequence(0x00189107, List.of());                                  // MR Spatial Saturation (type 2, empty)
        if (sharedRescale) s.sequence(Tag.PixelValueTransformationSequence, rescale(enc));
        if (m.contrastAgent() != null) {
            s.sequence(0x00189341, new DataSetWriter().us(0x00189337, 1)           // Contrast/Bolus Usage: agent 1
                    .text(0x00189342, "CS", "YES").text(0x00189343, "CS", "YES"));  // administered, detected
        }
        return s;
    }

    private static DataSetWriter rescale(PixelEncoding enc) {
        return new DataSetWriter().decimals(Tag.RescaleIntercept, enc.intercept()).decimals(Tag.RescaleSlope, enc.slope()).text(0x00281054, "LO", "US");
    }

    /**
     * Each frame: its acquisition time, its place in the stack (and in time, for a dynamic series), its position, and
     * its volume's rescale when the volumes' differ ({@code encodings} not null).
     */
    private static List<DataSetWriter> perFrame(ImageVolume v, List<LocalDateTime> times, List<PixelEncoding> encodings) {
        boolean dynamic = times.size() > 1;
        List<DataSetWriter> frames = new ArrayList<>(v.nz() * times.size());
        for (int t = 0; t < times.size(); t++) {
            String time = times.get(t).format(DT);
            for (int k = 0; k < v.nz(); k++) {
                DataSetWriter content = new DataSetWriter()
                        .text(Tag.FrameAcquisitionDateTime, "DT", time).text(0x00189151, "DT", time)   // acquisition, reference
                        .fd(0x00189220, ACQUISITION_S)                                                  // Frame Acquisition Duration
                        .text(Tag.StackID, "SH", "1").ulValues(Tag.InStackPositionNumber, k + 1)
                        .ulValues(Tag.DimensionIndexValues, dynamic ? t + 1 : 1, k + 1);
                if (dynamic) content.ulValues(Tag.TemporalPositionIndex, t + 1);
                DataSetWriter frame = new DataSetWriter()
                        .sequence(Tag.FrameContentSequence, content)
                        .sequence(Tag.PlanePositionSequence, new DataSetWriter().decimals(Tag.ImagePositionPatient, v.toPatient(0, 0, k)));
                if (encodings != null) frame.sequence(Tag.PixelValueTransformationSequence, rescale(encodings.get(t)));
                frames.add(frame);
            }
        }
        return frames;
    }

    private static DataSetWriter agent(SeriesMetadata m) {
        DataSetWriter profile = new DataSetWriter().text(0x00181041, "DS", "");  // Contrast/Bolus Volume (type 2)
        if (m.contrastStartTime() != null) profile.text(Tag.ContrastBolusStartTime, "TM", m.contrastStartTime().format(TM));
        String value = m.contrastAgent().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-|-$", "");
        return code(value.length() > 16 ? value.substring(0, 16) : value, LOCAL_SCHEME, m.contrastAgent())
                .us(0x00189337, 1)                                                              // Contrast/Bolus Agent Number
                .sequence(0x00180014, code("47625008", "SCT", "Intravenous route"))            // Administration Route
                .sequence(0x00189338, code("GADOLINIUM", LOCAL_SCHEME, "Gadolinium"))          // Ingredient
                .text(0x00181041, "DS", "")                                                     // Volume (type 2)
                .text(0x00181049, "DS", "")                                                     // Ingredient Concentration (type 2)
                .sequence(Tag.ContrastAdministrationProfileSequence, profile);
    }

    private static DataSetWriter code(String value, String scheme, String meaning) {
        return new DataSetWriter().text(0x00080100, "SH", value).text(0x00080102, "SH", scheme).text(0x00080104, "LO", meaning);
    }

    private static byte[] pixels(List<ImageVolume> volumes, List<PixelEncoding> encodings) {
        ImageVolume first = volumes.get(0);
        int n = 2 * first.nx() * first.ny();
        byte[] all = new byte[n * first.nz() * volumes.size()];
        for (int t = 0; t < volumes.size(); t++) {
            for (int k = 0; k < first.nz(); k++) System.arraycopy(encodings.get(t).slice(volumes.get(t), k), 0, all, (t * first.nz() + k) * n, n);
        }
        return all;
    }
}
