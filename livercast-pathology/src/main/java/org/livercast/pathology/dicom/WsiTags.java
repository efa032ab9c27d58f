package org.livercast.pathology.dicom;

/** The tags of the VL Whole Slide Microscopy Image IOD (PS3.3 A.32.8) that LiverCast reads and writes. */
final class WsiTags {
    private WsiTags() {}

    static final String SOP_CLASS = org.livercast.imaging.write.Uids.VL_WHOLE_SLIDE_MICROSCOPY;

    static final int ImagedVolumeWidth = 0x00480001;
    static final int ImagedVolumeHeight = 0x00480002;
    static final int ImagedVolumeDepth = 0x00480003;
    static final int TotalPixelMatrixColumns = 0x00480006;
    static final int TotalPixelMatrixRows = 0x00480007;
    static final int TotalPixelMatrixOriginSequence = 0x00480008;
    static final int SpecimenLabelInImage = 0x00480010;
    static final int FocusMethod = 0x00480011;
    static final int ExtendedDepthOfField = 0x00480012;
    static final int ImageOrientationSlide = 0x00480102;
    static final int OpticalPathSequence = 0x00480105;
    static final int OpticalPathIdentifier = 0x00480106;
    static final int OpticalPathDescription = 0x00480107;
    static final int IlluminationColorCodeSequence = 0x00480108;
    static final int ObjectiveLensPower = 0x00480112;
    static final int OpticalPathIdentificationSequence = 0x00480207;
    static final int PlanePositionSlideSequence = 0x0048021A;
    static final int ColumnPositionInTotalImagePixelMatrix = 0x0048021E;
    static final int RowPositionInTotalImagePixelMatrix = 0x0048021F;
    static final int NumberOfOpticalPaths = 0x00480302;
    static final int TotalPixelMatrixFocalPlanes = 0x00480303;
    static final int XOffsetInSlideCoordinateSystem = 0x0040072A;
    static final int YOffsetInSlideCoordinateSystem = 0x0040073A;
    static final int ZOffsetInSlideCoordinateSystem = 0x0040074A;
    static final int WholeSlideMicroscopyImageFrameTypeSequence = 0x00400710;
    static final int ContainerIdentifier = 0x00400512;
    static final int IssuerOfTheContainerIdentifierSequence = 0x00400513;
    static final int ContainerTypeCodeSequence = 0x00400518;
    static final int SpecimenDescriptionSequence = 0x00400560;
    static final int SpecimenIdentifier = 0x00400551;
    static final int SpecimenUID = 0x00400554;
    static final int IssuerOfTheSpecimenIdentifierSequence = 0x00400562;
    static final int SpecimenPreparationSequence = 0x00400610;
    static final int IlluminationTypeCodeSequence = 0x00220016;
    static final int DimensionOrganizationType = 0x00209311;
    static final int SharedFunctionalGroupsSequence = 0x52009229;
    static final int PerFrameFunctionalGroupsSequence = 0x52009230;
    static final int PixelMeasuresSequence = 0x00289110;
    static final int PlanarConfiguration = 0x00280006;
    static final int IccProfile = 0x00282000;
}
