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

    /** Microns per pixel at level 0: the vendor's MPP, else the TIFF resolution tags (cm or inch), else NaN. */
    double micronsPerPixel();

    @Override
    void close() throws IOException;
}
