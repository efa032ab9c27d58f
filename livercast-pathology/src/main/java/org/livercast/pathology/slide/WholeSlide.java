package org.livercast.pathology.slide;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A whole-slide image: a pyramid of levels read tile by tile or region by region, OpenSlide-style properties, and
 * associated images (label, macro, thumbnail). Implementations are thread-safe for reads. Use in try-with-resources.
 */
public interface WholeSlide extends AutoCloseable {
    List<Level> levels();

    /** OpenSlide-compatible properties: openslide.vendor, openslide.mpp-x/-y, openslide.objective-power, and the format's own. */
    Map<String, String> properties();

    List<String> associatedImages();

    RgbImage associatedImage(String name) throws IOException;

    /** A whole tile at (column, row) of a level, including any padding beyond the level's edge. */
    RgbImage readTile(int level, int column, int row) throws IOException;

    RgbImage readRegion(RegionRequest request) throws IOException;

    /** Microns per pixel at level 0: the format's MPP as OpenSlide's openslide.mpp-x gives it (a TIFF's reader also tries its resolution tags), else NaN. */
    default double micronsPerPixel() {
        String mpp = properties().get("openslide.mpp-x");
        return mpp == null ? Double.NaN : Double.parseDouble(mpp);
    }

    /**
     * The ICC profile of the pixels (the scanner's colour characterisation: a TIFF's InterColorProfile, a DICOM optical
     * path's ICC Profile), if the slide has one; {@link ColourProfile#toSrgb} applies it.
     */
    default java.util.Optional<byte[]> iccProfile() { return java.util.Optional.empty(); }

    @Override
    void close() throws IOException;
}
