package org.livercast.imaging.dicom;

import java.util.HashMap;
import java.util.Map;

/**
 * VRs of the tags implicit-VR files leave unstated. Only tags whose VR changes how they are parsed or read
 * (sequences, binary numbers) need to be here; anything else is kept as bytes and read as text on request.
 */
final class Dictionary {
    private Dictionary() {}

    private static final Map<Integer, String> VR = new HashMap<>();

    static {
        for (int t : new int[] {Tag.SamplesPerPixel, Tag.PlanarConfiguration, Tag.Rows, Tag.Columns, Tag.BitsAllocated,
                Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation, 0x00280106, 0x00280107}) {
            VR.put(t, "US");
        }
        for (int t : new int[] {Tag.ReferencedFrameOfReferenceSequence, Tag.StructureSetROISequence, Tag.ROIContourSequence,
                Tag.ContourSequence, 0x30060012, 0x30060014, 0x30060016, 0x30060080, 0x300600B0, 0x30060200, 0x00081115,
                0x00081140, 0x00081199, 0x00082112, 0x00089215, 0x00540016, 0x00082218, 0x00400260, 0x00400275,
                0x52009229, 0x52009230, 0x00209111, 0x00209113, 0x00280028, 0x0040A730, 0x0040A043, 0x0040A168,
                0x300A0010, 0x300A0070, 0x300A00B0, 0x300C0002, 0x300C0060, 0x30040010, 0x00089124, 0x00181002}) {
            VR.put(t, "SQ");
        }
        VR.put(Tag.PixelData, "OW");
        for (int t : new int[] {Tag.NumberOfFrames, Tag.SeriesNumber, Tag.InstanceNumber, Tag.AcquisitionNumber}) VR.put(t, "IS");
        for (int t : new int[] {Tag.SliceThickness, Tag.PixelSpacing, Tag.ImagePositionPatient, Tag.ImageOrientationPatient,
                Tag.RescaleSlope, Tag.RescaleIntercept, Tag.SpacingBetweenSlices, Tag.SliceLocation, Tag.RepetitionTime,
                Tag.EchoTime}) {
            VR.put(t, "DS");
        }
        VR.put(Tag.ContourData, "DS");
        VR.put(0x3004000C, "DS");
        VR.put(0x30040014, "CS");
        VR.put(0x00181063, "DS");
        VR.put(Tag.DiffusionBValue, "FD");
        VR.put(0x00280009, "AT");
        VR.put(0x30060048, "IS");
    }

    static String vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) return "UL";   // group length
        return VR.getOrDefault(tag, "UN");
    }
}
