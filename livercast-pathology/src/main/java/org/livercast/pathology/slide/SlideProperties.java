package org.livercast.pathology.slide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffFile;

/** The properties OpenSlide reports for a TIFF-based slide, with Aperio's ImageDescription key=value pairs. */
public final class SlideProperties {
    private SlideProperties() {}

    static Map<String, String> of(TiffFile tiff, boolean aperio, List<Level> levels) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openslide.vendor", aperio ? "aperio" : "generic-tiff");
        Ifd first = tiff.ifds().get(levels.get(0).ifd());
        String description = tiff.ifds().get(0).description();
        if (description != null) p.put("tiff.ImageDescription", description);
        long unit = first.number(Ifd.RESOLUTION_UNIT, 0);
        if (unit == 2) p.put("tiff.ResolutionUnit", "inch");
        if (unit == 3) p.put("tiff.ResolutionUnit", "centimeter");
        if (first.has(Ifd.X_RESOLUTION)) p.put("tiff.XResolution", Double.toString(first.real(Ifd.X_RESOLUTION, 0)));
        if (first.has(Ifd.Y_RESOLUTION)) p.put("tiff.YResolution", Double.toString(first.real(Ifd.Y_RESOLUTION, 0)));
        if (aperio && description != null) {
            String[] parts = description.split("\\|");
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq <= 0) continue;
                p.put("aperio." + parts[i].substring(0, eq).strip(), parts[i].substring(eq + 1).strip());
            }
            if (p.containsKey("aperio.MPP")) {
                // OpenSlide parses the MPP as a number and prints it back shortest-form ("0.4990" -> "0.499").
                try {
                    String mpp = Double.toString(Double.parseDouble(p.get("aperio.MPP")));
                    p.put("openslide.mpp-x", mpp);
                    p.put("openslide.mpp-y", mpp);
                } catch (NumberFormatException ignored) {
                    // a malformed MPP is left out, as OpenSlide leaves it out
                }
            }
            if (p.containsKey("aperio.AppMag")) p.put("openslide.objective-power", p.get("aperio.AppMag"));
        }
        // As OpenSlide 4: the size of the ICC profile, when the pixels carry one.
        byte[] icc = first.bytes(Ifd.ICC_PROFILE);
        if (icc != null) p.put("openslide.icc-size", Integer.toString(icc.length));
        putLevels(p, levels);
        return Map.copyOf(p);
    }

    /** OpenSlide's level properties: the count, then each level's size, downsample and tile size. */
    public static void putLevels(Map<String, String> p, List<Level> levels) {
        p.put("openslide.level-count", Integer.toString(levels.size()));
        for (Level l : levels) {
            String k = "openslide.level[" + l.index() + "].";
            p.put(k + "width", Long.toString(l.width()));
            p.put(k + "height", Long.toString(l.height()));
            p.put(k + "downsample", GlibNumbers.dtostr(l.downsample())); // as OpenSlide prints it: "2", not "2.0"
            p.put(k + "tile-width", Integer.toString(l.tileWidth()));
            p.put(k + "tile-height", Integer.toString(l.tileHeight()));
        }
    }
}
