package org.livercast.pathology.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.DicomHeader;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.PixelDataIndex;
import org.livercast.imaging.dicom.Tag;
import org.livercast.imaging.dicom.TransferSyntax;
import org.livercast.pathology.tiff.TileCodecs;

/**
 * One instance of a DICOM whole-slide image: a pyramid level (VOLUME or THUMBNAIL, its tiles the frames), or a LABEL
 * or OVERVIEW image. Frames are located without reading them ({@link PixelDataIndex}); a tile is read and decoded on
 * demand. TILED_FULL instances store every tile, row by row, of the first focal plane and optical path first (the
 * Dimension Organization Type's definition); TILED_SPARSE ones say each frame's place in its Plane Position (Slide),
 * and a tile without a frame is background (white), as OpenSlide paints it.
 */
final class WsiInstance implements AutoCloseable {
    final Path path;
    final DicomObject data;
    /** VOLUME, THUMBNAIL, LABEL or OVERVIEW: the third value of Image Type. */
    final String flavour;
    final long width;
    final long height;
    final int tileWidth;
    final int tileHeight;
    private final TransferSyntax syntax;
    private final String photometric;
    private final boolean planar;
    private final PixelDataIndex frames;
    /** Tile (row * across + column) → frame, or -1: only the first focal plane and optical path. */
    private final int[] frameOfTile;

    private WsiInstance(Path path, DicomHeader h) throws IOException {
        this.path = path;
        this.data = h.dataSet();
        String where = path.toString();
        List<String> type = data.strings(Tag.ImageType);
        this.flavour = type.size() > 2 ? type.get(2) : "VOLUME";
        this.tileWidth = required(Tag.Columns, where);
        this.tileHeight = required(Tag.Rows, where);
        this.width = Integer.toUnsignedLong(data.intValue(WsiTags.TotalPixelMatrixColumns, tileWidth));
        this.height = Integer.toUnsignedLong(data.intValue(WsiTags.TotalPixelMatrixRows, tileHeight));
        this.syntax = h.file().transferSyntax();
        this.photometric = data.string(Tag.PhotometricInterpretation) == null ? "" : data.string(Tag.PhotometricInterpretation);
        this.planar = data.intValue(WsiTags.PlanarConfiguration, 0) == 1;
        int samples = data.intValue(Tag.SamplesPerPixel, 1);
        int bits = data.intValue(Tag.BitsAllocated, 8);
        if (bits != 8) throw new DicomFileException(where, Tag.BitsAllocated, bits + " bits; slides are 8-bit");
        if (samples != 3 && samples != 1) throw new DicomFileException(where, Tag.SamplesPerPixel, samples + " samples; slides are RGB or greyscale");
        if (syntax.codec() == TransferSyntax.Codec.UNSUPPORTED || syntax.codec() == TransferSyntax.Codec.RLE
                || syntax.codec() == TransferSyntax.Codec.JPEG_LOSSLESS || syntax.codec() == TransferSyntax.Codec.JPEG_LS) {
            throw new DicomFileException(where, Tag.TransferSyntaxUID, "transfer syntax " + h.file().transferSyntaxUid()
                    + " is not one a slide scanner writes (JPEG baseline, JPEG 2000 or native)");
        }
        int n = Math.max(1, data.intValue(Tag.NumberOfFrames, 1));
        this.frames = PixelDataIndex.open(path, h, n, tileWidth * tileHeight * samples);
        try {
            this.frameOfTile = layout(n, where);
        } catch (RuntimeException e) {
            frames.close();
            throw e;
        }
    }

    static WsiInstance open(Path path) throws IOException {
        DicomHeader h = DicomHeader.read(path);
        String sop = h.dataSet().string(Tag.SOPClassUID);
        if (!WsiTags.SOP_CLASS.equals(sop)) {
            throw new DicomFileException(path.toString(), Tag.SOPClassUID, "'" + sop + "' is not VL Whole Slide Microscopy Image Storage (" + WsiTags.SOP_CLASS + ")");
        }
        return new WsiInstance(path, h);
    }

    int tilesAcross() { return (int) ((width + tileWidth - 1) / tileWidth); }

    int tilesDown() { return (int) ((height + tileHeight - 1) / tileHeight); }

    boolean tiled() { return frameOfTile.length > 1 || width > tileWidth || height > tileHeight; }

    String seriesUid() { return data.string(Tag.SeriesInstanceUID); }

    private int[] layout(int n, String where) {
        int across = tilesAcross();
        int down = tilesDown();
        int[] map = new int[across * down];
        java.util.Arrays.fill(map, -1);
        String organisation = data.string(WsiTags.DimensionOrganizationType);
        List<DicomObject> perFrame = data.sequence(WsiTags.PerFrameFunctionalGroupsSequence);
        if ("TILED_FULL".equals(organisation) || perFrame.isEmpty()) {
            // A part of a concatenation holds the frames from its offset on; the level checks that its parts cover every tile.
            if (concatenation() == null && n < map.length) {
                throw new DicomFileException(where, Tag.NumberOfFrames, n + " frames for " + across + "x" + down + " tiles of a TILED_FULL image");
            }
            int offset = frameOffset();
            for (int f = 0; f < n && offset + f < map.length; f++) map[offset + f] = f;
            return map;
        }
        if (perFrame.size() != n) throw new DicomFileException(where, WsiTags.PerFrameFunctionalGroupsSequence, perFrame.size() + " items for " + n + " frames");
        // Of several focal planes or optical paths, the first frame's: one plane makes one image.
        String firstPlane = null;
        for (int f = 0; f < n; f++) {
            DicomObject pos = first(perFrame.get(f), WsiTags.PlanePositionSlideSequence);
            if (pos == null) throw new DicomFileException(where, WsiTags.PlanePositionSlideSequence, "frame " + (f + 1) + " of a TILED_SPARSE image has no position");
            String plane = pos.string(WsiTags.ZOffsetInSlideCoordinateSystem) + "/" + opticalPath(perFrame.get(f));
            if (firstPlane == null) firstPlane = plane;
            if (!plane.equals(firstPlane)) continue;
            int col = pos.intValue(WsiTags.ColumnPositionInTotalImagePixelMatrix, 0) - 1;   // 1-based, top-left pixel of the frame
            int row = pos.intValue(WsiTags.RowPositionInTotalImagePixelMatrix, 0) - 1;
            if (col < 0 || row < 0 || col % tileWidth != 0 || row % tileHeight != 0 || col >= width || row >= height) {
                throw new DicomFileException(where, WsiTags.PlanePositionSlideSequence, "frame " + (f + 1) + " at column " + (col + 1) + ", row " + (row + 1)
                        + " is not on the " + tileWidth + "x" + tileHeight + " tile grid of a " + width + "x" + height + " image");
            }
            map[(row / tileHeight) * across + col / tileWidth] = f;
        }
        return map;
    }

    private static String opticalPath(DicomObject frame) {
        DicomObject o = first(frame, WsiTags.OpticalPathIdentificationSequence);
        return o == null ? "" : String.valueOf(o.string(WsiTags.OpticalPathIdentifier));
    }

    static DicomObject first(DicomObject d, int sequence) {
        List<DicomObject> s = d.sequence(sequence);
        return s.isEmpty() ? null : s.get(0);
    }

    /** How this instance stores its frames: organisation, transfer syntax, photometric interpretation, frame count. */
    String storage() {
        String organisation = data.string(WsiTags.DimensionOrganizationType);
        return (organisation == null ? "no dimension organisation" : organisation) + ", " + syntax.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + " " + photometric + ", " + frames.frames() + (frames.frames() == 1 ? " frame" : " frames");
    }

    /** Whether this instance holds a frame for the tile (a sparse image or a concatenation part may not). */
    boolean has(int column, int row) { return frameOfTile[row * tilesAcross() + column] >= 0; }

    /** How many tiles this instance holds a frame for. */
    int tilesHeld() {
        int n = 0;
        for (int f : frameOfTile) if (f >= 0) n++;
        return n;
    }

    /** A tile's packed RGB; a tile without a frame here is white (background, as OpenSlide paints a sparse image's). */
    int[] tile(int column, int row) throws IOException {
        int f = frameOfTile[row * tilesAcross() + column];
        if (f < 0) {
            int[] white = new int[tileWidth * tileHeight];
            java.util.Arrays.fill(white, 0xFFFFFF);
            return white;
        }
        return frame(f);
    }

    /** The Concatenation UID (0020,9161) when this instance is one part of a level split over several, else null. */
    String concatenation() { return data.string(0x00209161); }

    /** Concatenation Frame Offset Number (0020,9228): how many of the level's frames come before this part's. */
    int frameOffset() { return Math.max(0, data.intValue(0x00209228, 0)); }

    /** A tile's frame as stored when it is baseline JPEG, else null (another coding, or no frame there). */
    byte[] jpegFrame(int column, int row) throws IOException {
        if (syntax.codec() != TransferSyntax.Codec.JPEG_BASELINE) return null;
        int f = frameOfTile[row * tilesAcross() + column];
        return f < 0 ? null : frames.frame(f);
    }

    /** A tile's frame as stored when it is a JPEG 2000 codestream, else null (another coding, or no frame there). */
    byte[] jpeg2000Frame(int column, int row) throws IOException {
        if (syntax.codec() != TransferSyntax.Codec.JPEG_2000) return null;
        int f = frameOfTile[row * tilesAcross() + column];
        return f < 0 ? null : frames.frame(f);
    }

    /**
     * Whether this instance's JPEG 2000 frames decode to Y, Cb, Cr (Photometric YBR_FULL, no colour transform in the
     * codestream); YBR_RCT and YBR_ICT say the codestream's own transform gives R, G, B back, as RGB does.
     */
    boolean jpeg2000Ycbcr() { return photometric.equals("YBR_FULL") || photometric.equals("YBR_FULL_422"); }

    int[] frame(int f) throws IOException {
        byte[] b = frames.frame(f);
        String where = path + ": frame " + (f + 1);
        int samples = data.intValue(Tag.SamplesPerPixel, 1);
        return switch (syntax.codec()) {
            case NATIVE -> samples == 1 ? grey(b) : planar ? planarRgb(b) : interleavedRgb(b, where);
            case JPEG_BASELINE, JPEG_EXTENDED -> TileCodecs.decodeJpeg(b, tileWidth, tileHeight, where);
            case JPEG_2000 -> TileCodecs.decodeJpeg2000(b, tileWidth, tileHeight, jpeg2000Ycbcr(), where);
            default -> throw new DicomFileException(path.toString(), Tag.TransferSyntaxUID, "cannot decode " + syntax);
        };
    }

    private int[] interleavedRgb(byte[] b, String where) {
        if ("YBR_FULL".equals(photometric)) return ybrFull(b);
        int[] out = new int[tileWidth * tileHeight];
        for (int i = 0; i < out.length; i++) out[i] = (b[3 * i] & 0xFF) << 16 | (b[3 * i + 1] & 0xFF) << 8 | (b[3 * i + 2] & 0xFF);
        return out;
    }

    private int[] planarRgb(byte[] b) {
        int n = tileWidth * tileHeight;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = (b[i] & 0xFF) << 16 | (b[n + i] & 0xFF) << 8 | (b[2 * n + i] & 0xFF);
        return out;
    }

    private int[] grey(byte[] b) {
        int[] out = new int[tileWidth * tileHeight];
        boolean invert = "MONOCHROME1".equals(photometric);
        for (int i = 0; i < out.length; i++) {
            int v = invert ? 255 - (b[i] & 0xFF) : b[i] & 0xFF;
            out[i] = v << 16 | v << 8 | v;
        }
        return out;
    }

    /** Native YBR_FULL (PS3.3 C.7.6.3.1.2): the JFIF conversion back to RGB. */
    private int[] ybrFull(byte[] b) {
        int[] out = new int[tileWidth * tileHeight];
        for (int i = 0; i < out.length; i++) {
            double y = b[3 * i] & 0xFF;
            double cb = (b[3 * i + 1] & 0xFF) - 128;
            double cr = (b[3 * i + 2] & 0xFF) - 128;
            out[i] = clamp(y + 1.402 * cr) << 16 | clamp(y - 0.344136 * cb - 0.714136 * cr) << 8 | clamp(y + 1.772 * cb);
        }
        return out;
    }

    private static int clamp(double v) { return (int) Math.max(0, Math.min(255, Math.round(v))); }

    private int required(int tag, String where) {
        int v = data.intValue(tag, -1);
        if (v <= 0) throw new DicomFileException(where, tag, "missing or not positive");
        return v;
    }

    @Override
    public void close() throws IOException { frames.close(); }
}
