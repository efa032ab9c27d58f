package org.livercast.pathology.slide;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffFile;

/**
 * De-identifies a copy of a slide: the label and macro images go (pixels zeroed, directories unlinked, see
 * {@link AssociatedImageRemover}); text tags that can carry identity are scrubbed in place — an Aperio description
 * keeps only its first line's geometry and the scanner fields on an allow-list (AppMag, MPP, …), dropping Filename,
 * Date, Time, User, Barcode and the rest; a generic description is cleaned of the patient's identifiers; DateTime,
 * Artist, HostComputer, DocumentName and PageName are blanked. Values are overwritten with NULs past the new text, so
 * offsets do not move and OpenSlide reads the result as before.
 */
public final class SlideDeidentifier {
    private static final int DOCUMENT_NAME = 269;
    private static final int PAGE_NAME = 285;
    private static final int DATE_TIME = 306;
    private static final int ARTIST = 315;
    private static final int HOST_COMPUTER = 316;
    private static final Set<String> APERIO_KEEP = Set.of("AppMag", "MPP", "StripeWidth", "OriginalWidth",
            "OriginalHeight", "Exposure Time", "Exposure Scale", "Gamma", "Focus Offset", "Left", "Top", "LineCameraSkew",
            "LineAreaXOffset", "LineAreaYOffset", "Filtered", "ICC Profile");
    public static final Set<String> ASSOCIATED_REMOVED = Set.of("label", "macro");

    public record Result(List<String> imagesRemoved, Map<String, Integer> actions) {}

    private SlideDeidentifier() {}

    /** @param cleaner removes the patient's known identifiers from free text */
    public static Result deidentify(Path in, Path out, UnaryOperator<String> cleaner) throws IOException {
        List<String> removed = AssociatedImageRemover.remove(in, out, ASSOCIATED_REMOVED);
        Map<String, Integer> actions = new TreeMap<>();
        if (!removed.isEmpty()) actions.put("associated image removed", removed.size());
        List<long[]> writes = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        try (TiffFile t = TiffFile.open(out)) {
            for (Ifd ifd : t.ifds()) {
                for (int tag : new int[] {Ifd.IMAGE_DESCRIPTION, DOCUMENT_NAME, PAGE_NAME, DATE_TIME, ARTIST, HOST_COMPUTER}) {
                    String v = ifd.text(tag);
                    if (v == null || v.isEmpty()) continue;
                    String scrubbed = tag == Ifd.IMAGE_DESCRIPTION ? description(v, cleaner) : "";
                    if (scrubbed.equals(v)) continue;
                    long[] at = t.valueLocation(ifd, tag);
                    if (at == null) continue;
                    byte[] b = new byte[(int) at[1]];
                    byte[] s = scrubbed.getBytes(StandardCharsets.ISO_8859_1);
                    System.arraycopy(s, 0, b, 0, Math.min(s.length, b.length - 1));
                    writes.add(at);
                    values.add(b);
                    actions.merge(tag == Ifd.IMAGE_DESCRIPTION ? "description scrubbed" : "TIFF text tag blanked", 1, Integer::sum);
                }
            }
        }
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
            for (int i = 0; i < writes.size(); i++) ch.write(ByteBuffer.wrap(values.get(i)), writes.get(i)[0]);
            ch.force(true);
        }
        return new Result(removed, actions);
    }

    /** An Aperio description keeps its header line and allowed key = value fields; anything else is only cleaned. */
    static String description(String d, UnaryOperator<String> cleaner) {
        if (!d.startsWith("Aperio")) return cleaner.apply(d);
        String[] parts = d.split("\\|");
        StringBuilder s = new StringBuilder(cleaner.apply(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) continue;
            String key = parts[i].substring(0, eq).strip();
            if (APERIO_KEEP.contains(key)) s.append('|').append(parts[i]);
        }
        return s.toString();
    }
}
