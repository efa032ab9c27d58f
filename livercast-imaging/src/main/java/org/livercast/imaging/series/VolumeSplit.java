package org.livercast.imaging.series;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.imaging.codec.PixelDecoder;
import org.livercast.imaging.dicom.DicomElement;
import org.livercast.imaging.dicom.DicomFile;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.write.Uids;

/**
 * Splits a multi-frame file that holds several volumes — a dynamic acquisition in one object, as Philips scanners export
 * the pre-contrast, arterial, portal-venous and delayed phases; or several stacks — into one file a volume, so that each
 * is a series of its own with its own phase, as a file-a-slice export would have given them. A part keeps the file's
 * attributes with its own frames' functional groups and pixel data, its Acquisition DateTime from its first frame (phase
 * identification times it from there), the volume named in its Series Description, and UIDs derived from the file's and
 * the volume's (the same part always gets the same UIDs).
 */
public final class VolumeSplit {
    private VolumeSplit() {}

    /** A volume of a file: its label ("temporal position 2"; "" when the file is one volume) and its file. */
    public record Part(String label, DicomFile file) {}

    /** The file's volumes, in the order of their first frames; a file of one volume is one part, itself. */
    public static List<Part> split(DicomFile f) {
        if (!FunctionalGroups.describe(f.dataSet())) return List.of(new Part("", f));
        List<FunctionalGroups.Frame> frames = FunctionalGroups.frames(f);
        List<String> volumes = FunctionalGroups.volumes(frames);
        Map<String, List<Integer>> byVolume = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) byVolume.computeIfAbsent(volumes.get(i), k -> new ArrayList<>()).add(frames.get(i).index());
        if (byVolume.size() == 1) return List.of(new Part("", f));
        List<byte[]> pixelFrames = pixelFrames(f);
        List<Part> parts = new ArrayList<>();
        for (var e : byVolume.entrySet()) parts.add(new Part(e.getKey(), part(f, e.getKey(), e.getValue(), pixelFrames)));
        return parts;
    }

    private static DicomFile part(DicomFile f, String label, List<Integer> frames, List<byte[]> pixelFrames) {
        DicomObject d = f.dataSet();
        List<DicomObject> perFrame = d.sequence(Tag.PerFrameFunctionalGroupsSequence);
        List<DicomObject> mine = frames.stream().map(perFrame::get).toList();
        String frameTime = mine.get(0).sequence(Tag.FrameContentSequence).stream().map(c -> c.string(Tag.FrameAcquisitionDateTime))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        String description = d.string(Tag.SeriesDescription);
        String named = (description == null ? "" : description + " ") + "(" + label + ")";
        List<DicomElement> out = new ArrayList<>();
        for (DicomElement e : d.elements()) {
            int tag = e.tag();
            if (tag == Tag.PerFrameFunctionalGroupsSequence) out.add(new DicomElement(tag, "SQ", null, false, mine, null));
            else if (tag == Tag.NumberOfFrames) out.add(text(tag, "IS", Integer.toString(frames.size())));
            else if (tag == Tag.SOPInstanceUID || tag == Tag.SeriesInstanceUID) out.add(text(tag, "UI", Uids.fromName(d.string(tag) + "/" + label)));
            else if (tag == Tag.SeriesDescription) out.add(text(tag, "LO", named.length() > 64 ? named.substring(named.length() - 64) : named));
            else if (tag == Tag.AcquisitionDateTime && frameTime != null) out.add(text(tag, "DT", frameTime));
            else if (tag == Tag.PixelData) out.add(pixels(e, frames, pixelFrames));
            else out.add(e);
        }
        if (!d.contains(Tag.SeriesDescription)) out.add(text(Tag.SeriesDescription, "LO", named));
        return new DicomFile(f.path() + " (" + label + ")", f.meta(), DicomObject.of(out), f.transferSyntax(), f.transferSyntaxUid(), null);
    }

    /** The file's frames as stored: native frames cut from the value, compressed ones as their fragments join them. */
    private static List<byte[]> pixelFrames(DicomFile f) {
        if (f.truncated().isPresent()) throw new SeriesException(f.path() + ": file is truncated (" + f.truncation() + "); its volumes cannot be separated");
        PixelDecoder.Layout l = PixelDecoder.layout(f);
        DicomElement pd = f.dataSet().get(Tag.PixelData).orElseThrow(() -> new SeriesException(f.path() + ": no pixel data"));
        if (pd.isEncapsulated()) return PixelDecoder.framesOf(f.path(), pd.fragments(), l.frames());
        if (l.bitsAllocated() % 8 != 0) throw new SeriesException(f.path() + ": " + l.bitsAllocated() + "-bit frames cannot be separated into volumes");
        int bytes = l.rows() * l.columns() * l.samples() * (l.bitsAllocated() / 8);
        if (pd.value() == null || pd.value().length < (long) bytes * l.frames()) throw new SeriesException(f.path() + ": pixel data shorter than its frames");
        List<byte[]> out = new ArrayList<>(l.frames());
        for (int i = 0; i < l.frames(); i++) out.add(java.util.Arrays.copyOfRange(pd.value(), i * bytes, (i + 1) * bytes));
        return out;
    }

    private static DicomElement pixels(DicomElement pd, List<Integer> frames, List<byte[]> pixelFrames) {
        if (pd.isEncapsulated()) {
            List<byte[]> fragments = new ArrayList<>();
            fragments.add(new byte[0]);                                 // an empty basic offset table: a fragment a frame
            for (int i : frames) fragments.add(pixelFrames.get(i));
            return new DicomElement(pd.tag(), pd.vr(), null, pd.bigEndian(), null, fragments);
        }
        int bytes = pixelFrames.get(0).length;
        byte[] value = new byte[bytes * frames.size()];
        for (int k = 0; k < frames.size(); k++) System.arraycopy(pixelFrames.get(frames.get(k)), 0, value, k * bytes, bytes);
        return new DicomElement(pd.tag(), pd.vr(), value, pd.bigEndian(), null, null);
    }

    private static DicomElement text(int tag, String vr, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length % 2 == 1) {
            b = java.util.Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = "UI".equals(vr) ? 0 : (byte) ' ';
        }
        return new DicomElement(tag, vr, b, false, null, null);
    }
}
