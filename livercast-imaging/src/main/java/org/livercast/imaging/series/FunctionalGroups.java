package org.livercast.imaging.series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;

/**
 * The frames of a multi-frame image — Enhanced MR or CT, or their Legacy Converted forms (PS3.3 C.7.6.16): where a
 * classic series spreads a volume over one file a slice, each with its Image Position, these carry every slice as a
 * frame of one file and say what each frame is in functional groups — a macro in a frame's own Per-frame Functional
 * Groups item, or, when every frame shares it, once in the Shared Functional Groups. A reader looks in the frame's item
 * first, then in the shared one.
 */
final class FunctionalGroups {
    private FunctionalGroups() {}

    /** Whether the file is a multi-frame image described by functional groups. */
    static boolean describe(DicomObject d) {
        return d.contains(Tag.PerFrameFunctionalGroupsSequence);
    }

    /**
     * One frame as the functional groups describe it.
     *
     * @param index       the frame's place in the pixel data (0-based)
     * @param stack       its Stack ID, or null
     * @param temporal    its Temporal Position Index, or 0
     */
    record Frame(int index, double[] position, double[] orientation, double[] pixelSpacing, double sliceThickness, double slope,
                 double intercept, String stack, long temporal) {}

    /**
     * Each frame's volume, by what tells the file's volumes apart: "temporal position 2" in a dynamic series, "stack 3"
     * in a file of stacks, both when both vary; "" for every frame of a one-volume file.
     */
    static List<String> volumes(List<Frame> frames) {
        boolean stacks = frames.stream().map(f -> String.valueOf(f.stack())).distinct().count() > 1;
        boolean times = frames.stream().map(Frame::temporal).distinct().count() > 1;
        return frames.stream().map(f -> (stacks ? "stack " + f.stack() : "") + (stacks && times ? ", " : "")
                + (times ? "temporal position " + f.temporal() : "")).toList();
    }

    /** Every frame of {@code f}, in the order of its pixel data; a frame without position or orientation is refused, naming it. */
    static List<Frame> frames(DicomFile f) {
        DicomObject d = f.dataSet();
        List<DicomObject> perFrame = d.sequence(Tag.PerFrameFunctionalGroupsSequence);
        DicomObject shared = first(d.sequence(Tag.SharedFunctionalGroupsSequence));
        int declared = d.intValue(Tag.NumberOfFrames, 1);
        if (perFrame.size() != declared) {
            throw new SeriesException(f.path() + ": Number of Frames is " + declared + " but Per-frame Functional Groups has " + perFrame.size() + " items");
        }
        List<Frame> out = new ArrayList<>(perFrame.size());
        for (int i = 0; i < perFrame.size(); i++) {
            DicomObject own = perFrame.get(i);
            String frame = f.path() + " frame " + (i + 1);
            double[] position = macro(own, shared, Tag.PlanePositionSequence).doubles(Tag.ImagePositionPatient);
            if (position.length != 3) throw new SeriesException(frame + " has no Image Position (Patient) in a Plane Position Sequence");
            double[] orientation = macro(own, shared, Tag.PlaneOrientationSequence).doubles(Tag.ImageOrientationPatient);
            if (orientation.length != 6) throw new SeriesException(frame + " has no Image Orientation (Patient) in a Plane Orientation Sequence");
            DicomObject measures = macro(own, shared, Tag.PixelMeasuresSequence);
            double[] spacing = measures.doubles(Tag.PixelSpacing);
            if (spacing.length != 2) throw new SeriesException(frame + " has no Pixel Spacing in a Pixel Measures Sequence");
            DicomObject rescale = macro(own, shared, Tag.PixelValueTransformationSequence);
            DicomObject content = macro(own, shared, Tag.FrameContentSequence);
            out.add(new Frame(i, position, orientation, spacing, measures.doubleValue(Tag.SliceThickness, Double.NaN),
                    rescale.doubleValue(Tag.RescaleSlope, d.doubleValue(Tag.RescaleSlope, 1)),
                    rescale.doubleValue(Tag.RescaleIntercept, d.doubleValue(Tag.RescaleIntercept, 0)),
                    content.string(Tag.StackID), content.intValue(Tag.TemporalPositionIndex, 0)));
        }
        return out;
    }

    /**
     * The file's attributes as one data set, as a classic file would carry them, for what reads a series by its
     * attributes (phase identification, display): the top level, then — where the top level lacks them — the attributes
     * of the shared groups' macros and of the first frame's (Legacy Converted files keep the classic attributes they had in
     * Unassigned Shared/Per-frame Converted Attributes), the injection in the Enhanced Contrast/Bolus module's agent
     * sequence as Contrast/Bolus Agent and Start Time, and Acquisition Time from Acquisition DateTime.
     */
    static DicomObject flattened(DicomObject d) {
        Map<Integer, DicomElement> out = new LinkedHashMap<>();
        for (DicomElement e : d.elements()) {
            if (e.tag() != Tag.PerFrameFunctionalGroupsSequence && e.tag() != Tag.SharedFunctionalGroupsSequence) out.put(e.tag(), e);
        }
        List<DicomObject> groups = new ArrayList<>(d.sequence(Tag.SharedFunctionalGroupsSequence));
        List<DicomObject> perFrame = d.sequence(Tag.PerFrameFunctionalGroupsSequence);
        if (!perFrame.isEmpty()) groups.add(perFrame.get(0));
        for (DicomObject group : groups) {
            for (DicomElement macro : group.elements()) {
                if (!macro.isSequence() || macro.items().isEmpty()) continue;
                for (DicomElement e : macro.items().get(0).elements()) out.putIfAbsent(e.tag(), e);
            }
        }
        DicomObject agent = first(d.sequence(Tag.ContrastBolusAgentSequence));
        if (agent != EMPTY) {
            agent.get(0x00080104).ifPresent(meaning -> out.putIfAbsent(Tag.ContrastBolusAgent,
                    new DicomElement(Tag.ContrastBolusAgent, "LO", meaning.value(), false, null, null)));
            first(agent.sequence(Tag.ContrastAdministrationProfileSequence)).get(Tag.ContrastBolusStartTime)
                    .ifPresent(start -> out.putIfAbsent(Tag.ContrastBolusStartTime, start));
        }
        String acquired = d.string(Tag.AcquisitionDateTime);
        if (acquired != null && acquired.length() > 8) {
            out.putIfAbsent(Tag.AcquisitionTime, new DicomElement(Tag.AcquisitionTime, "TM", evenPadded(acquired.substring(8).replaceAll("[+-]\\d{4}$", "")), false, null, null));
        }
        return DicomObject.of(out.values());
    }

    private static final DicomObject EMPTY = DicomObject.of(List.of());

    /** A macro's item: the frame's own if it has the macro, else the shared one's, else an empty data set. */
    private static DicomObject macro(DicomObject own, DicomObject shared, int sequence) {
        DicomObject mine = first(own.sequence(sequence));
        return mine != EMPTY ? mine : first(shared.sequence(sequence));
    }

    private static DicomObject first(List<DicomObject> items) { return items.isEmpty() ? EMPTY : items.get(0); }

    private static byte[] evenPadded(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }
}
