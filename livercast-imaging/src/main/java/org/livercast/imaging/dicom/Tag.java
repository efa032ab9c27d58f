package org.livercast.imaging.dicom;

import java.util.Locale;

/** The data element tags LiverCast reads or writes, as (group &lt;&lt; 16 | element). */
public final class Tag {
    private Tag() {}

    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int SeriesDate = 0x00080021;
    public static final int AcquisitionDate = 0x00080022;
    public static final int ContentDate = 0x00080023;
    public static final int StudyTime = 0x00080030;
    public static final int SeriesTime = 0x00080031;
    public static final int AcquisitionTime = 0x00080032;
    public static final int ContentTime = 0x00080033;
    public static final int AccessionNumber = 0x00080050;
    public static final int Modality = 0x00080060;
    public static final int Manufacturer = 0x00080070;
    public static final int InstitutionName = 0x00080080;
    public static final int ReferringPhysicianName = 0x00080090;
    public static final int StudyDescription = 0x00081030;
    public static final int SeriesDescription = 0x0008103E;
    public static final int ManufacturerModelName = 0x00081090;
    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientSex = 0x00100040;
    public static final int PatientAge = 0x00101010;
    public static final int ContrastBolusAgent = 0x00180010;
    public static final int BodyPartExamined = 0x00180015;
    public static final int ScanningSequence = 0x00180020;
    public static final int SequenceName = 0x00180024;
    public static final int SliceThickness = 0x00180050;
    public static final int RepetitionTime = 0x00180080;
    public static final int EchoTime = 0x00180081;
    public static final int MagneticFieldStrength = 0x00180087;
    public static final int SpacingBetweenSlices = 0x00180088;
    public static final int ProtocolName = 0x00181030;
    public static final int ContrastBolusStartTime = 0x00181042;
    public static final int DiffusionBValue = 0x00189087;
    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int StudyID = 0x00200010;
    public static final int SeriesNumber = 0x00200011;
    public static final int AcquisitionNumber = 0x00200012;
    public static final int InstanceNumber = 0x00200013;
    public static final int ImagePositionPatient = 0x00200032;
    public static final int ImageOrientationPatient = 0x00200037;
    public static final int FrameOfReferenceUID = 0x00200052;
    public static final int PositionReferenceIndicator = 0x00201040;
    public static final int SliceLocation = 0x00201041;
    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int PlanarConfiguration = 0x00280006;
    public static final int NumberOfFrames = 0x00280008;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int PixelSpacing = 0x00280030;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;
    public static final int WindowCenter = 0x00281050;
    public static final int WindowWidth = 0x00281051;
    public static final int RescaleIntercept = 0x00281052;
    public static final int RescaleSlope = 0x00281053;
    public static final int BurnedInAnnotation = 0x00280301;
    public static final int ReferencedFrameOfReferenceSequence = 0x30060010;
    public static final int StructureSetROISequence = 0x30060020;
    public static final int ROINumber = 0x30060022;
    public static final int ReferencedFrameOfReferenceUID = 0x30060024;
    public static final int ROIName = 0x30060026;
    public static final int ROIContourSequence = 0x30060039;
    public static final int ContourSequence = 0x30060040;
    public static final int ContourGeometricType = 0x30060042;
    public static final int NumberOfContourPoints = 0x30060046;
    public static final int ContourData = 0x30060050;
    public static final int ReferencedROINumber = 0x30060084;
    // Multi-frame (enhanced) images: PS3.3 C.7.6.16 functional groups and the macros LiverCast reads from them.
    public static final int AcquisitionDateTime = 0x0008002A;
    public static final int ContrastBolusAgentSequence = 0x00180012;
    public static final int FrameAcquisitionDateTime = 0x00189074;
    public static final int MRDiffusionSequence = 0x00189117;
    public static final int ContrastAdministrationProfileSequence = 0x00189340;
    public static final int StackID = 0x00209056;
    public static final int InStackPositionNumber = 0x00209057;
    public static final int FrameContentSequence = 0x00209111;
    public static final int PlanePositionSequence = 0x00209113;
    public static final int PlaneOrientationSequence = 0x00209116;
    public static final int TemporalPositionIndex = 0x00209128;
    public static final int DimensionIndexValues = 0x00209157;
    public static final int UnassignedSharedConvertedAttributesSequence = 0x00209170;
    public static final int UnassignedPerFrameConvertedAttributesSequence = 0x00209171;
    public static final int PixelMeasuresSequence = 0x00289110;
    public static final int PixelValueTransformationSequence = 0x00289145;
    public static final int SharedFunctionalGroupsSequence = 0x52009229;
    public static final int PerFrameFunctionalGroupsSequence = 0x52009230;
    public static final int PixelData = 0x7FE00010;
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    public static int group(int tag) { return tag >>> 16; }

    public static String toString(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
