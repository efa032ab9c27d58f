package org.livercast.imaging.series;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.write.Uids;

/**
 * A classic series that holds a dynamic acquisition — every slice position once per phase, told apart by Temporal
 * Position Identifier (as GE writes a multi-phase LAVA) or by Acquisition Number (as Siemens writes repeated
 * measurements) — cut into one volume a phase. Only a series whose positions repeat is cut, and only by a number that
 * leaves each part with every position once: a 2D series, whose slices each carry their own acquisition time, stays
 * whole.
 */
final class TemporalParts {
    private TemporalParts() {}

    static final int TEMPORAL_POSITION_IDENTIFIER = 0x00200100;

    /** A part: its label ("temporal position 2"; "" for a series left whole) and its files. */
    record Part(String label, List<DicomFile> files) {}

    static List<Part> of(List<DicomFile> files) {
        if (files.size() < 2 || !positionsRepeat(files)) return List.of(new Part("", files));
        for (int[] key : new int[][] {{TEMPORAL_POSITION_IDENTIFIER}, {Tag.AcquisitionNumber}}) {
            Map<String, List<DicomFile>> byValue = new LinkedHashMap<>();
            for (DicomFile f : files) byValue.computeIfAbsent(String.valueOf(f.dataSet().string(key[0])), k -> new ArrayList<>()).add(f);
            if (byValue.size() < 2 || byValue.containsKey("null")) continue;
            if (byValue.values().stream().anyMatch(TemporalParts::positionsRepeat)) continue;
            String name = key[0] == TEMPORAL_POSITION_IDENTIFIER ? "temporal position " : "acquisition ";
            List<Part> parts = new ArrayList<>();
            byValue.entrySet().stream().sorted(java.util.Comparator.comparingDouble(e -> number(e.getKey())))
                    .forEach(e -> parts.add(new Part(name + e.getKey(), e.getValue())));
            return parts;
        }
        return List.of(new Part("", files));
    }

    /**
     * A part's series: its own UID (derived from the series' and the label, the same every time) and the part named in
     * its description, so that each phase is a series of its own downstream.
     */
    static DicomSeries named(DicomSeries s, String label) {
        if (label.isEmpty()) return s;
        List<DicomElement> out = new ArrayList<>();
        String description = s.description();
        for (DicomElement e : s.attributes().elements()) {
            if (e.tag() != Tag.SeriesDescription && e.tag() != Tag.SeriesInstanceUID) out.add(e);
        }
        String uid = Uids.fromName(s.seriesInstanceUid() + "/" + label);
        out.add(text(Tag.SeriesInstanceUID, uid));
        out.add(text(Tag.SeriesDescription, (description == null ? "" : description + " ") + "(" + label + ")"));
        return new DicomSeries(uid, s.slices(), DicomObject.of(out), s.volume(), s.sliceSpacingMm(), s.warnings());
    }

    private static boolean positionsRepeat(List<DicomFile> files) {
        Set<String> seen = new HashSet<>();
        for (DicomFile f : files) if (!seen.add(java.util.Arrays.toString(f.dataSet().doubles(Tag.ImagePositionPatient)))) return true;
        return false;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    private static DicomElement text(int tag, String value) {
        byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length % 2 == 1) {
            b = java.util.Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = tag == Tag.SeriesInstanceUID ? 0 : (byte) ' ';
        }
        return new DicomElement(tag, tag == Tag.SeriesInstanceUID ? "UI" : "LO", b, false, null, null);
    }
}
