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
                0x300A0010, 0x300A0070, 0x300A00B0, 0x300C0002, 0x300C0060, 0x30040010, 0x00089124, 0x00181002,
                // the functional groups of multi-frame images and the macros inside them
                Tag.PlaneOrientationSequence, Tag.PixelMeasuresSequence, Tag.PixelValueTransformationSequence,
                Tag.UnassignedSharedConvertedAttributesSequence, Tag.UnassignedPerFrameConvertedAttributesSequence,
                Tag.ContrastBolusAgentSequence, Tag.ContrastAdministrationProfileSequence, Tag.MRDiffusionSequence, 0x00209221,
                0x00209222, 0x00189226, 0x00209071, 0x00189006, 0x00189042, 0x00189049, 0x00189112, 0x00189125}) {
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
        for (int t : new int[] {Tag.InStackPositionNumber, Tag.TemporalPositionIndex, Tag.DimensionIndexValues}) VR.put(t, "UL");
        VR.put(0x00280009, "AT");
        VR.put(0x30060048, "IS");
        // What de-identification acts on by VR (UIDs remapped, dates shifted, names removed, text cleaned): an
        // implicit-VR file must not hide them behind UN.
        for (int t : new int[] {0x00080014, 0x00080016, 0x00080018, 0x00081150, 0x00081155, 0x0020000D, 0x0020000E, 0x00200052,
                0x00200200, 0x30060024, 0x300600C2, 0x00041511, 0x00880140, 0x0040A124, 0x00080058, 0x00281199, 0x00081195}) {
            VR.put(t, "UI");
        }
        for (int t : new int[] {0x00080012, 0x00080020, 0x00080021, 0x00080022, 0x00080023, 0x00080024, 0x00080025, 0x00100030,
                0x00400244, 0x00400250, 0x00400002, 0x00400004, 0x00321040, 0x00321050, 0x00181012, 0x30060008}) {
            VR.put(t, "DA");
        }
        for (int t : new int[] {0x0008002A, 0x00189074, 0x00189151}) VR.put(t, "DT");
        for (int t : new int[] {0x00080013, 0x00080030, 0x00080031, 0x00080032, 0x00080033, 0x00100032, 0x00181042, 0x30060009}) VR.put(t, "TM");
        for (int t : new int[] {0x00080090, 0x0008009C, 0x00081048, 0x00081050, 0x00081060, 0x00081070, 0x00100010, 0x00101001,
                0x00101005, 0x00101060, 0x00321032, 0x0040A123, 0x00400006, 0x00402008}) {
            VR.put(t, "PN");
        }
        for (int t : new int[] {0x00080070, 0x00080080, 0x00081030, 0x0008103E, 0x00081040, 0x00081090, 0x00100020,
                0x00100021, 0x00101000, 0x00102000, 0x00102110, 0x00102180, 0x00180010, 0x00181030, 0x00181000, 0x00181020, 0x00321060,
                0x00400254, 0x30060002, 0x30060004}) {
            VR.put(t, "LO");
        }
        for (int t : new int[] {0x00080050, 0x00200010, 0x00102154, 0x00081010, 0x00400253, 0x00401001}) VR.put(t, "SH");
        VR.put(0x00080081, "ST");
        for (int t : new int[] {0x00204000, 0x001021B0, 0x00104000, 0x00324000}) VR.put(t, "LT");
        for (int t : new int[] {Tag.SpecificCharacterSet, Tag.ImageType, Tag.Modality, Tag.PatientSex, 0x00280004, 0x00280301, 0x00180020,
                0x00180021, 0x00180022, 0x00180023, 0x00185100, 0x00120062}) {
            VR.put(t, "CS");
        }
        VR.put(Tag.PatientAge, "AS");
    }

    static String vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) return "UL";   // group length
        return VR.getOrDefault(tag, "UN");
    }
}
