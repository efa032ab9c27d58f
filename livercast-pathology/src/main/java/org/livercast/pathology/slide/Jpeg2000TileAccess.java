package org.livercast.pathology.slide;

import java.io.IOException;

/**
 * A slide whose tiles can be had as the JPEG 2000 codestreams they are stored as (a DICOM slide's JPEG 2000 frames),
 * so they can be copied into an Aperio-style TIFF (compression 33003 or 33005) without decoding and re-encoding.
 */
public interface Jpeg2000TileAccess {
    /** A tile as one raw JPEG 2000 codestream, or null when the level is not JPEG 2000-coded or the tile is absent. */
    byte[] jpeg2000Tile(int level, int column, int row) throws IOException;

    /**
     * Whether the level's codestreams hold Y, Cb, Cr components with no colour transform in them (Aperio's 33003);
     * false when decoding them gives R, G, B (33005).
     */
    boolean jpeg2000Ycbcr(int level);
}
