package org.livercast.pathology.slide;

import java.io.IOException;

/**
 * A slide whose tiles can be had as the JPEG streams they are stored as, so they can be copied into another container
 * (TIFF to DICOM, DICOM to TIFF) without decoding and re-encoding: no second loss, and a fraction of the time.
 */
public interface JpegTileAccess {
    /** A tile as one complete baseline JPEG stream, or null when the level is not JPEG-coded or the tile is absent. */
    byte[] jpegTile(int level, int column, int row) throws IOException;
}
