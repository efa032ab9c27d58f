package org.livercast.pathology.dicom;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.write.DataSetWriter;
import org.livercast.imaging.write.Part10Writer;
import org.livercast.imaging.write.Uids;
import org.livercast.pathology.slide.ColourProfile;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.Jpeg2000CodestreamHeader;
import org.livercast.pathology.slide.Jpeg2000TileAccess;
import org.livercast.pathology.slide.JpegFrameHeader;
import org.livercast.pathology.slide.JpegTileAccess;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Writes a slide as a DICOM whole-slide image series (VL Whole Slide Microscopy Image, PS3.3 A.32.8) for a PACS or a
 * DICOM viewer: each pyramid level one instance, its tiles the frames in TILED_FULL order; the label and macro
 * instances LABEL and OVERVIEW. A level of JPEG tiles ({@link JpegTileAccess}) is copied frame for frame (tables spliced into each frame, no
 * re-encoding, so no second loss) as JPEG baseline, YBR_FULL_422; a level of JPEG 2000 tiles ({@link Jpeg2000TileAccess}, Aperio's
 * 33003/33005) is copied as JPEG 2000 frames, the Photometric Interpretation saying what the codestreams hold (YBR_ICT or
 * YBR_RCT for a colour transform in the codestream, else RGB; Aperio's Y, Cb, Cr coded 9/7 as YBR_ICT, their COD told
 * so); any other level is written uncompressed RGB. The
 * frames are streamed to the file one at a time behind a Basic Offset Table; a level beyond what 32-bit offsets reach
 * becomes a concatenation of instances, each with its run of the frames.
 *
 * <p>Checked against dciodvfy (dicom3tools), dcmtk and pydicom (DicomSlideWriterTest).
 */
public final class DicomSlideWriter {
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";

    /** How a level's frames are stored: copied JPEG or JPEG 2000 streams (their Photometric Interpretation), or native RGB. */
    private record Coding(String transferSyntax, String photometric, boolean lossy, double ratio, boolean setColourTransform) {
        static final Coding NATIVE = new Coding(Uids.EXPLICIT_VR_LE, "RGB", false, 1, false);

        /** This coding with the level's compression ratio: its RGB bytes over its frames' bytes. */
        Coding withRatio(Level l, long[] frameBytes) {
            long stored = 0;
            for (long b : frameBytes) stored += b;
            return new Coding(transferSyntax, photometric, lossy, 3.0 * l.tileWidth() * l.tileHeight() * frameBytes.length / Math.max(1, stored),
                    setColourTransform);
        }

        boolean encapsulated() { return !transferSyntax.equals(Uids.EXPLICIT_VR_LE); }

        boolean jpeg2000() { return transferSyntax.equals(JPEG_2000); }
    }
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** The section's thickness written as the imaged volume's depth: 4 µm, the usual H&E section. */
    private static final double SECTION_THICKNESS_MM = 0.004;

    private DicomSlideWriter() {}

    /** Frame size of a native level whose own tiles are unfit for frames. */
    static final int RETILED_PIXELS = 256;

    /** The most one instance's frames may take: a Basic Offset Table's offsets are 32-bit. */
    public static final long MAX_INSTANCE_BYTES = 4_000_000_000L;

    /** Writes the series into {@code folder} (level-0.dcm, level-1.dcm, …, label.dcm, overview.dcm); returns the files. */
    public static List<Path> write(WholeSlide slide, WsiMetadata m, Path folder) throws IOException {
        return write(slide, m, folder, MAX_INSTANCE_BYTES);
    }

    /**
     * As {@link #write(WholeSlide, WsiMetadata, Path)}, a level whose frames take more than {@code maxInstanceBytes}
     * written as a concatenation: parts level-L-part-1.dcm, … each holding a run of the frames.
     */
    public static List<Path> write(WholeSlide slide, WsiMetadata m, Path folder, long maxInstanceBytes) throws IOException {
        if (maxInstanceBytes <= 0 || maxInstanceBytes > MAX_INSTANCE_BYTES) throw new IllegalArgumentException("maxInstanceBytes " + maxInstanceBytes);
        double mppX = slide.micronsPerPixel();
        if (!(mppX > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; DICOM needs the pixel spacing");
        String mppY = slide.properties().get("openslide.mpp-y");
        double mppYum = mppY == null ? mppX : Double.parseDouble(mppY);
        Files.createDirectories(folder);
        String seed = m.uidSeed() == null ? Uids.random() : m.uidSeed();
        Series s = new Series(Uids.fromName(seed + "/study"), Uids.fromName(seed + "/series"), Uids.fromName(seed + "/frame-of-reference"),
                Uids.fromName(seed + "/dimensions"), Uids.fromName(seed + "/specimen"), objectivePower(slide),
                // the scanner's colour characterisation travels; a slide without one is taken to be sRGB
                ColourProfile.usableProfile(slide).orElseGet(() -> ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        List<Path> written = new ArrayList<>();
        Level base = slide.levels().get(0);
        int instance = 1;
        for (Level own : slide.levels()) {
            double sx = mppX * base.width() / own.width() / 1000;        // this level's pixel spacing, mm
            double sy = mppYum * base.height() / own.height() / 1000;
            Coding plain = coding(slide, own);
            // Native frames are cut where the source's tiles are unfit for frames (an NDPI's 8-row restart intervals).
            Level l = !plain.encapsulated() && !own.storableTiles() ? own.withTiles(RETILED_PIXELS) : own;
            String type = l.index() == 0 ? "ORIGINAL\\PRIMARY\\VOLUME\\NONE" : "DERIVED\\PRIMARY\\VOLUME\\RESAMPLED";
            long[] frameBytes = frameBytes(slide, l, plain);
            Coding coding = plain.withRatio(l, frameBytes);
            List<int[]> parts = parts(frameBytes, maxInstanceBytes, l);
            String whole = Uids.fromName(seed + "/level-" + l.index());
            for (int k = 0; k < parts.size(); k++) {
                int from = parts.get(k)[0];
                int to = parts.get(k)[1];
                boolean split = parts.size() > 1;
                Path file = folder.resolve("level-" + l.index() + (split ? "-part-" + (k + 1) : "") + ".dcm");
                String sop = split ? Uids.fromName(seed + "/level-" + l.index() + "/part-" + (k + 1)) : whole;
                DataSetWriter d = image(m, s, sop, type, instance++, l.width(), l.height(), l.tileWidth(), l.tileHeight(), to - from, sx, sy, coding);
                if (split) {
                    // Each part says where its frames lie (TILED_SPARSE, a Plane Position (Slide) a frame) rather than relying on
                    // TILED_FULL's implicit order across a concatenation, which checkers (dciodvfy) count per instance.
                    d.text(WsiTags.DimensionOrganizationType, "CS", "TILED_SPARSE").sequence(WsiTags.PerFrameFunctionalGroupsSequence,
                            positions(l, from, to, sx, sy));
                    // A concatenation (the Multi-frame Functional Groups module's): the parts of one level, each with its
                    // share of the frames, in order.
                    d.text(0x00209161, "UI", Uids.fromName(seed + "/level-" + l.index() + "/concatenation"))   // Concatenation UID
                            .text(0x00200242, "UI", whole)                                                   // SOP Instance UID of Concatenation Source
                            .us(0x00209162, k + 1)                                                           // In-concatenation Number
                            .us(0x00209163, parts.size())                                                    // In-concatenation Total Number
                            .ulValues(0x00209228, from);                                                     // Concatenation Frame Offset Number
                }
                writeLevel(slide, l, file, sop, d, coding, from, to);
                written.add(file);
            }
        }
        for (String name : slide.associatedImages()) {
            String flavour = name.equals("label") ? "LABEL" : name.equals("macro") ? "OVERVIEW" : null;
            if (flavour == null) continue;                                  // a thumbnail is the pyramid's top level already
            RgbImage img = slide.associatedImage(name);
            Path file = folder.resolve(flavour.toLowerCase(java.util.Locale.ROOT) + ".dcm");
            String sop = Uids.fromName(seed + "/" + flavour);
            // The label and overview are photographs of the glass: their spacing is not the scan's; the overview spans the slide.
            double spacing = flavour.equals("OVERVIEW") ? 25.0 / img.height() : 0.1;
            DataSetWriter d = image(m, s, sop, "ORIGINAL\\PRIMARY\\" + flavour + "\\NONE", instance++, img.width(), img.height(), img.width(), img.height(),
                    1, spacing, spacing, Coding.NATIVE);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                writeAll(out, Part10Writer.preambleAndMeta(WsiTags.SOP_CLASS, sop, Uids.EXPLICIT_VR_LE));
                writeAll(out, d.binary(Tag.PixelData, "OB", img.rgbBytes()).toBytes());
            }
            written.add(file);
        }
        return written;
    }

    /**
     * How the level's frames go in: its JPEG tiles copied (YBR_FULL_422, or RGB for a stream coded without colour
     * transform); its JPEG 2000 tiles copied, unless a component is subsampled (Aperio's 4:2:2, which DICOM's JPEG 2000
     * photometric interpretations do not describe); else native. Only the first row is checked in full: a level is coded
     * one way, and an absent tile elsewhere fails the write by name.
     */
    private static Coding coding(WholeSlide slide, Level l) throws IOException {
        if (slide instanceof JpegTileAccess t && everyTile(l, c -> t.jpegTile(l.index(), c, 0))) {
            boolean rgb = JpegFrameHeader.of(t.jpegTile(l.index(), 0, 0), "level " + l.index()).rgb();
            return new Coding(JPEG_BASELINE, rgb ? "RGB" : "YBR_FULL_422", true, 1, false);
        }
        if (slide instanceof Jpeg2000TileAccess t && everyTile(l, c -> t.jpeg2000Tile(l.index(), c, 0))) {
            Jpeg2000CodestreamHeader h = Jpeg2000CodestreamHeader.of(t.jpeg2000Tile(l.index(), 0, 0), "level " + l.index() + " tile (0, 0)");
            if (h.components() != 3 || h.subsampled()) return Coding.NATIVE;
            boolean lossy = !h.reversible();   // a 5/3 stream may be truncated too; a copier cannot tell, a PACS sets it on import
            if (!t.jpeg2000Ycbcr(l.index())) {
                // R, G, B components, through the codestream's own transform or none: what the WSI IOD calls them.
                return new Coding(JPEG_2000, h.colourTransform() ? (h.reversible() ? "YBR_RCT" : "YBR_ICT") : "RGB", lossy, 1, false);
            }
            // Y, Cb, Cr components without a transform (Aperio's 33003) have no name in the WSI IOD (YBR_FULL is not one
            // of its values). Coded 9/7 they are the ICT's components: the COD is told so and they go in as YBR_ICT.
            if (!h.colourTransform() && !h.reversible()) return new Coding(JPEG_2000, "YBR_ICT", true, 1, true);
        }
        return Coding.NATIVE;
    }

    private interface TileBytes {
        byte[] of(int column) throws IOException;
    }

    private static boolean everyTile(Level l, TileBytes firstRow) throws IOException {
        for (int c = 0; c < l.tilesAcross(); c++) if (firstRow.of(c) == null) return false;
        return true;
    }

    private record Series(String studyUid, String seriesUid, String frameOfReferenceUid, String dimensionsUid, String specimenUid, double objectivePower,
                          byte[] iccProfile) {}

    private static double objectivePower(WholeSlide slide) {
        String p = slide.properties().get("openslide.objective-power");
        try {
            return p == null ? 0 : Double.parseDouble(p);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Each frame's Plane Position (Slide): its tile's top-left pixel (1-based) and where that lies on the slide, mm. */
    private static List<DataSetWriter> positions(Level l, int from, int to, double spacingXmm, double spacingYmm) {
        List<DataSetWriter> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            long column = (long) (i % l.tilesAcross()) * l.tileWidth();
            long row = (long) (i / l.tilesAcross()) * l.tileHeight();
            // Image Orientation (Slide) 0\-1\0\-1\0\0 from an origin at 0, 0: down the rows is -X, along a row -Y.
            DataSetWriter position = new DataSetWriter()
                    .binary(WsiTags.ColumnPositionInTotalImagePixelMatrix, "SL", le32(column + 1))
                    .binary(WsiTags.RowPositionInTotalImagePixelMatrix, "SL", le32(row + 1))
                    .decimals(WsiTags.XOffsetInSlideCoordinateSystem, -row * spacingYmm)
                    .decimals(WsiTags.YOffsetInSlideCoordinateSystem, -column * spacingXmm)
                    .decimals(WsiTags.ZOffsetInSlideCoordinateSystem, 0);
            items.add(new DataSetWriter().sequence(WsiTags.PlanePositionSlideSequence, position));
        }
        return items;
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** The bytes each frame of the level takes in Pixel Data: item header and padded stream, or the native tile. */
    private static long[] frameBytes(WholeSlide slide, Level l, Coding coding) throws IOException {
        long[] sizes = new long[l.tilesAcross() * l.tilesDown()];
        for (int i = 0; i < sizes.length; i++) {
            if (!coding.encapsulated()) {
                sizes[i] = 3L * l.tileWidth() * l.tileHeight();
                continue;
            }
            byte[] frame = frame(slide, l, coding, i % l.tilesAcross(), i / l.tilesAcross());
            if (frame == null) {
                throw new IOException("level " + l.index() + " tile (" + i % l.tilesAcross() + ", " + i / l.tilesAcross() + ") is empty; TILED_FULL needs every tile");
            }
            sizes[i] = 8 + frame.length + (frame.length & 1);
        }
        return sizes;
    }

    /** Runs of frames [from, to), each taking at most {@code max} bytes with its offset table. */
    private static List<int[]> parts(long[] sizes, long max, Level l) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < sizes.length; i++) {
            long table = 4L * (i - from + 1);
            if (sizes[i] + 8 + table > max) throw new IllegalArgumentException("level " + l.index() + ": one frame takes " + sizes[i] + " bytes, more than " + max);
            if (i > from && bytes + sizes[i] + table > max) {
                out.add(new int[] {from, i});
                from = i;
                bytes = 0;
            }
            bytes += sizes[i];
        }
        out.add(new int[] {from, sizes.length});
        return out;
    }

    /** A tile's stream as it goes into Pixel Data: the JPEG (tables spliced in) or the JPEG 2000 codestream. */
    private static byte[] frame(WholeSlide slide, Level l, Coding coding, int column, int row) throws IOException {
        if (!coding.jpeg2000()) return ((JpegTileAccess) slide).jpegTile(l.index(), column, row);
        byte[] codestream = ((Jpeg2000TileAccess) slide).jpeg2000Tile(l.index(), column, row);
        if (codestream == null || !coding.setColourTransform()) return codestream;
        return Jpeg2000CodestreamHeader.withColourTransform(codestream, "level " + l.index() + " tile (" + column + ", " + row + ")");
    }

    private static void writeLevel(WholeSlide slide, Level l, Path file, String sop, DataSetWriter d, Coding coding, int from, int to) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            writeAll(out, Part10Writer.preambleAndMeta(WsiTags.SOP_CLASS, sop, coding.transferSyntax()));
            writeAll(out, d.toBytes());
            int frames = to - from;
            int across = l.tilesAcross();
            if (!coding.encapsulated()) {
                writeAll(out, header(Tag.PixelData, "OB", 3L * l.tileWidth() * l.tileHeight() * frames));
                Level own = slide.levels().get(l.index());
                for (int i = from; i < to; i++) {
                    int c = i % across;
                    int r = i / across;
                    RgbImage frame = own.tileWidth() == l.tileWidth() && own.tileHeight() == l.tileHeight() ? slide.readTile(l.index(), c, r)
                            : new RgbImage(l.tileWidth(), l.tileHeight(), Regions.levelPixels(slide, own, (long) c * l.tileWidth(), (long) r * l.tileHeight(),
                                    l.tileWidth(), l.tileHeight()));
                    writeAll(out, frame.rgbBytes());
                }
                return;
            }
            writeAll(out, header(Tag.PixelData, "OB", 0xFFFFFFFFL));
            // The offset table is written empty first, then filled in once the frames' sizes are known.
            long tableAt = out.position();
            writeAll(out, item(0xFFFEE000, 4L * frames));
            writeAll(out, new byte[4 * frames]);
            long firstFrame = out.position();
            long[] offsets = new long[frames];
            for (int i = from; i < to; i++) {
                byte[] frame = frame(slide, l, coding, i % across, i / across);
                if (frame == null) throw new IOException("level " + l.index() + " tile (" + i % across + ", " + i / across + ") is empty; TILED_FULL needs every tile");
                offsets[i - from] = out.position() - firstFrame;
                boolean odd = (frame.length & 1) == 1;
                writeAll(out, item(0xFFFEE000, frame.length + (odd ? 1 : 0)));
                writeAll(out, frame);
                if (odd) writeAll(out, new byte[1]);                        // after EOI, as JPEG and JPEG 2000 allow
            }
            writeAll(out, item(0xFFFEE0DD, 0));
            ByteBuffer table = ByteBuffer.allocate(4 * frames).order(ByteOrder.LITTLE_ENDIAN);
            for (long o : offsets) table.putInt((int) o);
            table.flip();
            while (table.hasRemaining()) out.write(table, tableAt + 8 + table.position());
        }
    }

    /** The attributes of one instance, Pixel Data aside. */
    private static DataSetWriter image(WsiMetadata m, Series s, String sop, String imageType, int instanceNumber, long width, long height,
                                       int tileWidth, int tileHeight, int frames, double spacingXmm, double spacingYmm, Coding coding) {
        String flavour = imageType.split("\\\\")[2];
        boolean photo = flavour.equals("LABEL") || flavour.equals("OVERVIEW");
        DataSetWriter opticalPath = new DataSetWriter()
                .text(WsiTags.OpticalPathIdentifier, "SH", "1")
                .text(WsiTags.OpticalPathDescription, "ST", "Brightfield")
                .sequence(WsiTags.IlluminationTypeCodeSequence, code("111744", "DCM", "Brightfield illumination"))
                .sequence(WsiTags.IlluminationColorCodeSequence, code("414298005", "SCT", "Full Spectrum"))
                .binary(WsiTags.IccProfile, "OB", s.iccProfile());
        if (s.objectivePower() > 0) opticalPath.decimals(WsiTags.ObjectiveLensPower, s.objectivePower());
        DataSetWriter shared = new DataSetWriter()
                .sequence(WsiTags.PixelMeasuresSequence, new DataSetWriter().decimals(Tag.PixelSpacing, spacingYmm, spacingXmm)
                        .decimals(Tag.SliceThickness, SECTION_THICKNESS_MM))
                .sequence(WsiTags.WholeSlideMicroscopyImageFrameTypeSequence, new DataSetWriter().text(0x00089007, "CS", imageType))
                .sequence(WsiTags.OpticalPathIdentificationSequence, new DataSetWriter().text(WsiTags.OpticalPathIdentifier, "SH", "1"));
        DataSetWriter d = new DataSetWriter()
                .text(Tag.SpecificCharacterSet, "CS", "ISO_IR 192")
                .text(Tag.ImageType, "CS", imageType)
                .text(Tag.SOPClassUID, "UI", WsiTags.SOP_CLASS)
                .text(Tag.SOPInstanceUID, "UI", sop)
                .text(Tag.StudyDate, "DA", m.acquired().format(DA)).text(Tag.SeriesDate, "DA", m.acquired().format(DA))
                .text(Tag.ContentDate, "DA", m.acquired().format(DA))
                .text(Tag.StudyTime, "TM", m.acquired().format(TM)).text(Tag.SeriesTime, "TM", m.acquired().format(TM))
                .text(Tag.ContentTime, "TM", m.acquired().format(TM))
                .text(Tag.AcquisitionDateTime, "DT", m.acquired().format(DT))
                .text(Tag.AccessionNumber, "SH", m.accessionNumber())
                .text(Tag.Modality, "CS", "SM")
                .text(Tag.Manufacturer, "LO", m.manufacturer())
                .text(Tag.ReferringPhysicianName, "PN", "")
                .text(Tag.SeriesDescription, "LO", m.seriesDescription())
                .text(Tag.ManufacturerModelName, "LO", m.modelName())
                .text(0x00089206, "CS", "VOLUME")                                   // Volumetric Properties
                .text(Tag.PatientName, "PN", m.patientName())
                .text(Tag.PatientID, "LO", m.patientId())
                .text(Tag.PatientBirthDate, "DA", m.birthDate() == null ? "" : m.birthDate().format(DA))
                .text(Tag.PatientSex, "CS", m.sex())
                .text(0x00181000, "LO", "LC-WSI-0001")                             // Device Serial Number
                .text(0x00181020, "LO", "LiverCast")                               // Software Versions
                .fd(0x00189073, 60)                                                // Acquisition Duration (s)
                .text(Tag.StudyInstanceUID, "UI", s.studyUid())
                .text(Tag.SeriesInstanceUID, "UI", s.seriesUid())
                .text(Tag.StudyID, "SH", "1")
                .integerString(Tag.SeriesNumber, 1)
                .integerString(Tag.InstanceNumber, instanceNumber)
                .text(Tag.FrameOfReferenceUID, "UI", s.frameOfReferenceUid())
                .text(Tag.PositionReferenceIndicator, "LO", "SLIDE_CORNER")
                .sequence(0x00209221, new DataSetWriter().text(0x00209164, "UI", s.dimensionsUid()))   // Dimension Organization
                .sequence(0x00209222, List.of(dimension(s.dimensionsUid(), WsiTags.ColumnPositionInTotalImagePixelMatrix, "Column Position"),
                        dimension(s.dimensionsUid(), WsiTags.RowPositionInTotalImagePixelMatrix, "Row Position")))
                .text(WsiTags.DimensionOrganizationType, "CS", "TILED_FULL")
                .us(Tag.SamplesPerPixel, 3)
                .text(Tag.PhotometricInterpretation, "CS", coding.photometric())
                .us(WsiTags.PlanarConfiguration, 0)
                .integerString(Tag.NumberOfFrames, frames)
                .us(Tag.Rows, tileHeight).us(Tag.Columns, tileWidth)
                .us(Tag.BitsAllocated, 8).us(Tag.BitsStored, 8).us(Tag.HighBit, 7).us(Tag.PixelRepresentation, 0)
                .text(0x00280301, "CS", photo ? "YES" : "NO")                      // Burned In Annotation
                .text(0x00282110, "CS", coding.lossy() ? "01" : "00")              // Lossy Image Compression
                .sequence(0x00400555, List.of())                                   // Acquisition Context (type 2, empty)
                .text(WsiTags.ContainerIdentifier, "LO", m.containerId())
                .sequence(WsiTags.IssuerOfTheContainerIdentifierSequence, List.of())
                .sequence(WsiTags.ContainerTypeCodeSequence, code("433466003", "SCT", "Microscope slide"))
                .sequence(WsiTags.SpecimenDescriptionSequence, new DataSetWriter()
                        .text(WsiTags.SpecimenIdentifier, "LO", m.specimenId())
                        .text(WsiTags.SpecimenUID, "UI", s.specimenUid())
                        .sequence(WsiTags.IssuerOfTheSpecimenIdentifierSequence, List.of())
                        .sequence(WsiTags.SpecimenPreparationSequence, List.of()))
                .fl(WsiTags.ImagedVolumeWidth, (float) (width * spacingXmm))
                .fl(WsiTags.ImagedVolumeHeight, (float) (height * spacingYmm))
                .fl(WsiTags.ImagedVolumeDepth, (float) (SECTION_THICKNESS_MM * 1000))   // µm, as the attribute's definition says
                .ulValues(WsiTags.TotalPixelMatrixColumns, width)
                .ulValues(WsiTags.TotalPixelMatrixRows, height)
                .sequence(WsiTags.TotalPixelMatrixOriginSequence, new DataSetWriter()
                        .decimals(WsiTags.XOffsetInSlideCoordinateSystem, 0).decimals(WsiTags.YOffsetInSlideCoordinateSystem, 0))
                .text(WsiTags.SpecimenLabelInImage, "CS", flavour.equals("LABEL") || flavour.equals("OVERVIEW") ? "YES" : "NO")
                .text(WsiTags.FocusMethod, "CS", "AUTO")
                .text(WsiTags.ExtendedDepthOfField, "CS", "NO")
                .decimals(WsiTags.ImageOrientationSlide, 0, -1, 0, -1, 0, 0)
                .sequence(WsiTags.OpticalPathSequence, opticalPath)
                .ulValues(WsiTags.NumberOfOpticalPaths, 1)
                .ulValues(WsiTags.TotalPixelMatrixFocalPlanes, 1)
                .sequence(WsiTags.SharedFunctionalGroupsSequence, shared);
        // Slide Label module (type 2 for a LABEL image): what the label says is not read here, so both are empty.
        if (flavour.equals("LABEL")) d.text(0x22000002, "UT", "").text(0x22000005, "LT", "");   // Label Text, Barcode Value
        if (coding.lossy()) {
            d.text(0x00282112, "DS", String.format(java.util.Locale.ROOT, "%.1f", coding.ratio()))                   // Lossy Image Compression Ratio
                    .text(0x00282114, "CS", coding.jpeg2000() ? "ISO_15444_1" : "ISO_10918_1");                      // Lossy Image Compression Method
        }
        return d;
    }

    private static DataSetWriter dimension(String organisation, int pointer, String label) {
        return new DataSetWriter().text(0x00209164, "UI", organisation).at(0x00209165, pointer)
                .at(0x00209167, WsiTags.PlanePositionSlideSequence).text(0x00209421, "LO", label);
    }

    private static DataSetWriter code(String value, String scheme, String meaning) {
        return new DataSetWriter().text(0x00080100, "SH", value).text(0x00080102, "SH", scheme).text(0x00080104, "LO", meaning);
    }

    private static byte[] header(int tag, String vr, long length) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putShort((short) 0).putInt((int) length);
        return b.array();
    }

    private static byte[] item(int tag, long length) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length);
        return b.array();
    }

    private static void writeAll(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) out.write(b);
    }
}
