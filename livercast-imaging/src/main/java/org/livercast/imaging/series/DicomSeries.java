package org.livercast.imaging.series;

import java.util.List;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.Tag;

/** One assembled series: its files in slice order, the volume (after rescale), and what was noticed on the way. */
public record DicomSeries(String seriesInstanceUid, List<DicomFile> slices, ImageVolume volume, double sliceSpacingMm,
                          List<String> warnings) {
    public DicomFile first() { return slices.get(0); }

    public String attribute(int tag) { return first().string(tag); }

    public String studyInstanceUid() { return attribute(Tag.StudyInstanceUID); }

    public String frameOfReferenceUid() { return attribute(Tag.FrameOfReferenceUID); }

    public String description() { return attribute(Tag.SeriesDescription); }

    public String modality() { return attribute(Tag.Modality); }
}
