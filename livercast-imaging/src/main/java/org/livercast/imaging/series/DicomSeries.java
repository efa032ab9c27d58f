package org.livercast.imaging.series;

import java.util.List;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;

/**
 * One assembled series: its files in slice order (one file for a multi-frame image), the volume (after rescale), and what
 * was noticed on the way.
 *
 * @param attributes the series' attributes as one data set, for what reads a series by them (phase identification,
 *                   display): a classic series' first slice; a multi-frame file's top level with the contents of its
 *                   functional groups lifted out ({@link FunctionalGroups#flattened})
 */
public record DicomSeries(String seriesInstanceUid, List<DicomFile> slices, DicomObject attributes, ImageVolume volume, double sliceSpacingMm,
                          List<String> warnings) {
    public DicomFile first() { return slices.get(0); }

    public String attribute(int tag) { return attributes.string(tag); }

    public String studyInstanceUid() { return attribute(Tag.StudyInstanceUID); }

    public String frameOfReferenceUid() { return attribute(Tag.FrameOfReferenceUID); }

    public String description() { return attribute(Tag.SeriesDescription); }

    public String modality() { return attribute(Tag.Modality); }
}
