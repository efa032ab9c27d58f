package org.livercast.imaging.rtstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;

/** The regions of an RT Structure Set: name, and closed planar contours as patient-space (LPS, mm) polygons. */
public record RtStruct(String frameOfReferenceUid, List<Roi> rois) {
    public record Roi(int number, String name, List<double[][]> contours) {}

    public static RtStruct of(DicomFile f) {
        DicomObject d = f.dataSet();
        if (!"RTSTRUCT".equals(d.string(Tag.Modality))) throw new DicomFileException(f.path(), Tag.Modality, "is not RTSTRUCT");
        Map<Integer, String> names = new LinkedHashMap<>();
        String frame = null;
        for (DicomObject roi : d.sequence(Tag.StructureSetROISequence)) {
            names.put(roi.intValue(Tag.ROINumber, -1), roi.string(Tag.ROIName));
            if (frame == null) frame = roi.string(Tag.ReferencedFrameOfReferenceUID);
        }
        List<Roi> rois = new ArrayList<>();
        for (DicomObject rc : d.sequence(Tag.ROIContourSequence)) {
            int number = rc.intValue(Tag.ReferencedROINumber, -1);
            List<double[][]> contours = new ArrayList<>();
            for (DicomObject c : rc.sequence(Tag.ContourSequence)) {
                String type = c.string(Tag.ContourGeometricType);
                double[] xyz = c.doubles(Tag.ContourData);
                if (xyz.length % 3 != 0) throw new DicomFileException(f.path(), Tag.ContourData, "has " + xyz.length + " values, not triplets");
                if (type != null && !type.equals("CLOSED_PLANAR")) continue;
                double[][] points = new double[xyz.length / 3][];
                for (int i = 0; i < points.length; i++) points[i] = new double[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]};
                contours.add(points);
            }
            rois.add(new Roi(number, names.getOrDefault(number, "ROI " + number), contours));
        }
        return new RtStruct(frame, rois);
    }

    public Roi roi(String name) {
        return rois.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ROI '" + name + "'; the structure set has " + rois.stream().map(Roi::name).toList()));
    }
}
