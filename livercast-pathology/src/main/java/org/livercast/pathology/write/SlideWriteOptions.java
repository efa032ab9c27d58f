package org.livercast.pathology.write;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.livercast.pathology.slide.RgbImage;

/**
 * How to write a slide: tile size, JPEG quality, microns per pixel at level 0, objective power, and — for the
 * Aperio-style variant — the associated images (label, macro; the thumbnail is made from the pyramid).
 */
public record SlideWriteOptions(int tileSize, float jpegQuality, double mpp, int objectivePower, boolean aperio,
                                Map<String, RgbImage> associated, String description, byte[] iccProfile) {
    public SlideWriteOptions {
        if (tileSize % 16 != 0 || tileSize < 16) throw new IllegalArgumentException("tile size " + tileSize + " must be a multiple of 16");
        if (!(jpegQuality > 0 && jpegQuality <= 1)) throw new IllegalArgumentException("JPEG quality " + jpegQuality + " must be in (0, 1]");
        if (!(mpp > 0)) throw new IllegalArgumentException("mpp " + mpp + " must be positive");
        // In the order given (label before macro, as Aperio writes them): Map.copyOf's order changes from one JVM to the
        // next, which made the same slide's bytes — and so its content hash — differ between runs.
        associated = Collections.unmodifiableMap(new LinkedHashMap<>(associated == null ? Map.of() : associated));
    }

    public static SlideWriteOptions generic(double mpp) {
        return new SlideWriteOptions(256, 0.85f, mpp, 20, false, Map.of(), "LiverCast pyramidal TIFF", null);
    }

    public static SlideWriteOptions aperio(double mpp, int objectivePower, RgbImage label, RgbImage macro) {
        Map<String, RgbImage> a = new LinkedHashMap<>();
        if (label != null) a.put("label", label);
        if (macro != null) a.put("macro", macro);
        return new SlideWriteOptions(256, 0.85f, mpp, objectivePower, true, a, null, null);
    }

    /** These options with the pixels' ICC profile (the scanner's colour characterisation) recorded in level 0. */
    public SlideWriteOptions withIccProfile(byte[] profile) {
        return new SlideWriteOptions(tileSize, jpegQuality, mpp, objectivePower, aperio, associated, description, profile);
    }
}
