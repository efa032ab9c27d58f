package org.livercast.imaging.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.series.ImageVolume;

/**
 * Writes a volume as an MR Image Storage series: one Part 10 file per slice, explicit VR little endian, 16-bit
 * pixels (signed when the values need it; a rescale slope/intercept only when they are not integers), geometry from the
 * volume (Image Position/Orientation, Pixel Spacing, Slice Thickness, Spacing Between Slices), and the timing and
 * contrast attributes of {@link SeriesMetadata}.
 */
public final class MrSeriesWriter {
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss.SSS");

    private MrSeriesWriter() {}

    /** Writes the slices into {@code dir} as IM000001.dcm …; returns the files in slice order. */
    public static List<Path> write(ImageVolume v, SeriesMetadata m, Path dir) throws IOException {
        Files.createDirectories(dir);
        PixelEncoding enc = PixelEncoding.of(v.voxels());
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < v.nz(); k++) {
            // One volume of several in the series: its instances numbered on after the earlier positions'.
            int instance = m.temporalPosition() == 0 ? k + 1 : (m.temporalPosition() - 1) * v.nz() + k + 1;
            String sopUid = m.uidSeed() == null ? Uids.random()
                    : Uids.fromName(m.uidSeed() + "/" + m.seriesUid() + "/" + (m.temporalPosition() == 0 ? "" : m.temporalPosition() + "/") + k);
            byte[] file = Part10Writer.wrap(Uids.MR_IMAGE_STORAGE, sopUid, dataSet(v, m, enc, k, instance, sopUid));
            Path out = dir.resolve(String.format("IM%06d.dcm", instance));
            Files.write(out, file);
            files.add(out);
        }
        return files;
    }

    private static byte[] dataSet(ImageVolume v, SeriesMetadata m, PixelEncoding enc, int k, int instance, String sopUid) {
        double[] pos = v.toPatient(0, 0, k);
        double sliceLocation = pos[0] * v.sliceDir()[0] + pos[1] * v.sliceDir()[1] + pos[2] * v.sliceDir()[2];
        String date = m.studyDate().format(DA);
        DataSetWriter w = m.commonAttributes(sopUid)
                .text(Tag.ImageType, "CS", "ORIGINAL\\PRIMARY\\OTHER")
                .text(Tag.SOPClassUID, "UI", Uids.MR_IMAGE_STORAGE)
                .text(Tag.AcquisitionDate, "DA", date)
                .text(Tag.AcquisitionTime, "TM", m.acquisitionTime().format(TM))
                .text(Tag.ScanningSequence, "CS", m.scanningSequence())
                .text(0x00180021, "CS", "NONE")
                .text(0x00180022, "CS", "")
                .text(0x00180023, "CS", "3D")
                .decimals(Tag.SliceThickness, v.spacing()[2])
                .decimals(Tag.RepetitionTime, m.repetitionTimeMs())
                .decimals(Tag.EchoTime, m.echoTimeMs())
                .decimals(Tag.SpacingBetweenSlices, v.spacing()[2])
                .integerString(0x00180091, 1)
                .integerString(Tag.AcquisitionNumber, Math.max(1, m.temporalPosition()))
                .integerString(Tag.InstanceNumber, instance)
                .text(0x00200062, "CS", "U")                                     // Image Laterality: the liver is unpaired
                .decimals(Tag.ImagePositionPatient, pos)
                .decimals(Tag.ImageOrientationPatient, v.rowDir()[0], v.rowDir()[1], v.rowDir()[2], v.colDir()[0], v.colDir()[1], v.colDir()[2])
                .decimals(Tag.SliceLocation, sliceLocation)
                .us(Tag.SamplesPerPixel, 1)
                .text(Tag.PhotometricInterpretation, "CS", "MONOCHROME2")
                .us(Tag.Rows, v.ny()).us(Tag.Columns, v.nx())
                .decimals(Tag.PixelSpacing, v.spacing()[1], v.spacing()[0])
                .us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 16).us(Tag.HighBit, 15).us(Tag.PixelRepresentation, enc.signed() ? 1 : 0)
                .decimals(Tag.WindowCenter, enc.windowCentre()).decimals(Tag.WindowWidth, enc.windowWidth())
                .binary(Tag.PixelData, "OW", enc.slice(v, k));
        // The MR IOD has no Modality LUT: integral intensities are stored as they are, without rescale attributes
        // (dcmtk warns otherwise); only non-integral data carry a Philips-style slope/intercept.
        if (enc.slope() != 1 || enc.intercept() != 0) {
            w.decimals(Tag.RescaleIntercept, enc.intercept()).decimals(Tag.RescaleSlope, enc.slope());
        }
        if (m.temporalPosition() > 0) {
            w.integerString(0x00200100, m.temporalPosition()).integerString(0x00200105, m.temporalPositions());  // Temporal Position Identifier, of
        }
        if (m.contrastAgent() != null) {
            w.text(Tag.ContrastBolusAgent, "LO", m.contrastAgent());
            if (m.contrastStartTime() != null) w.text(Tag.ContrastBolusStartTime, "TM", m.contrastStartTime().format(TM));
        }
        return w.toBytes();
    }

}
