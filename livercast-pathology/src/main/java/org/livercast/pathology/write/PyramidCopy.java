package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.pathology.slide.Jpeg2000TileAccess;
import org.livercast.pathology.slide.JpegFrameHeader;
import org.livercast.pathology.slide.JpegTileAccess;
import org.livercast.pathology.slide.ColourProfile;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TileCodecs;

/**
 * Writes a slide's own pyramid (its levels and tiles as they are, no resampling) as an Aperio-style tiled TIFF that
 * TiffSlide and OpenSlide read: how a DICOM whole-slide image enters the store. A level whose every tile is a JPEG
 * stream of one colour coding ({@link JpegTileAccess}) is copied tile for tile, each a complete stream, with the TIFF's
 * Photometric and YCbCrSubSampling saying what the streams hold; a level of JPEG 2000 codestreams
 * ({@link Jpeg2000TileAccess}) is copied as Aperio stores them (33003 or 33005); any other level (native, tiles absent)
 * is decoded and JPEG-coded at {@code quality}. No associated image is written: the label and macro of the source stay
 * behind, which is what de-identification wants.
 */
public final class PyramidCopy {
    private PyramidCopy() {}

    /** What a copy did: levels whose tiles were copied as stored, levels decoded and JPEG-coded again. */
    public record Result(int levelsCopied, int levelsCodedAgain) {}

    public static Result write(WholeSlide slide, Path out, float quality) throws IOException {
        int copied = 0;
        double mpp = slide.micronsPerPixel();
        if (!(mpp > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; the copy must keep it");
        String power = slide.properties().get("openslide.objective-power");
        Level base = slide.levels().get(0);
        long bytes = 0;
        for (Level l : slide.levels()) bytes += l.width() * l.height() * 3 / 8;
        try (TiffWriter w = new TiffWriter(out, bytes > 3_500_000_000L)) {
            List<TiffWriter.Directory> dirs = new ArrayList<>();
            for (Level l : slide.levels()) {
                JpegFrameHeader coding = copyable(slide, l);
                boolean jpeg2000 = coding == null && jpeg2000Copyable(slide, l);
                JpegTiles encoder = coding == null && !jpeg2000 ? new JpegTiles(quality) : null;
                if (encoder == null) copied++;
                // A level coded again keeps its tiles where TIFF allows them; NDPI's restart intervals (8 rows) and odd
                // sizes become 256-pixel tiles.
                boolean retile = encoder != null && !l.storableTiles();
                int tw = retile ? RETILED_PIXELS : l.tileWidth();
                int th = retile ? RETILED_PIXELS : l.tileHeight();
                int across = (int) ((l.width() + tw - 1) / tw);
                int down = (int) ((l.height() + th - 1) / th);
                long[] offsets = new long[across * down];
                long[] counts = new long[across * down];
                for (int r = 0; r < down; r++) {
                    for (int c = 0; c < across; c++) {
                        byte[] tile;
                        if (coding != null) {
                            tile = ((JpegTileAccess) slide).jpegTile(l.index(), c, r);
                        } else if (jpeg2000) {
                            tile = ((Jpeg2000TileAccess) slide).jpeg2000Tile(l.index(), c, r);
                        } else {
                            int[] px = retile ? Regions.levelPixels(slide, l, (long) c * tw, (long) r * th, tw, th) : slide.readTile(l.index(), c, r).pixels();
                            byte[] abbreviated = encoder.encode(px, tw, th);      // first: the first tile sets the tables
                            tile = TileCodecs.spliceTables(encoder.tables(), abbreviated);
                        }
                        int i = r * across + c;
                        offsets[i] = w.append(tile);
                        counts[i] = tile.length;
                    }
                }
                // JPEG 2000 codestreams go in as Aperio stores them: 33003 for Y, Cb, Cr components, 33005 for R, G, B.
                int compression = jpeg2000 ? (((Jpeg2000TileAccess) slide).jpeg2000Ycbcr(l.index()) ? 33003 : 33005) : 7;
                boolean rgb = jpeg2000 || coding != null && coding.rgb();
                double levelMpp = mpp * base.width() / l.width();
                TiffWriter.Directory d = new TiffWriter.Directory();
                if (l.index() > 0) d.longs(Ifd.NEW_SUBFILE_TYPE, 1);
                d.longs(Ifd.IMAGE_WIDTH, l.width()).longs(Ifd.IMAGE_LENGTH, l.height())
                        .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, compression).shorts(Ifd.PHOTOMETRIC, rgb ? 2 : 6)
                        .ascii(Ifd.IMAGE_DESCRIPTION, description(l, base, mpp, power, tw, th))
                        .shorts(Ifd.SAMPLES_PER_PIXEL, 3)
                        .rational(Ifd.X_RESOLUTION, 10_000.0 / levelMpp).rational(Ifd.Y_RESOLUTION, 10_000.0 / levelMpp)
                        .shorts(Ifd.PLANAR_CONFIGURATION, 1).shorts(Ifd.RESOLUTION_UNIT, 3)
                        .ascii(Ifd.SOFTWARE, "LiverCast")
                        .longs(Ifd.TILE_WIDTH, tw).longs(Ifd.TILE_LENGTH, th)
                        .offsets(Ifd.TILE_OFFSETS, w.big(), offsets).offsets(Ifd.TILE_BYTE_COUNTS, w.big(), counts);
                if (!rgb) d.shorts(Ifd.YCBCR_SUBSAMPLING, coding == null ? 2 : coding.horizontalSampling(), coding == null ? 2 : coding.verticalSampling());
                // The pixels' colour characterisation travels with them (it describes the scanner, not the patient).
                if (l.index() == 0) ColourProfile.usableProfile(slide).ifPresent(icc -> d.undefined(Ifd.ICC_PROFILE, icc));
                dirs.add(d);
            }
            w.finish(dirs);
        }
        return new Result(copied, slide.levels().size() - copied);
    }

    /** Tile size of a level coded again when its own tiles do not suit a TIFF. */
    static final int RETILED_PIXELS = 256;

    /** The coding every tile of the level shares when all are JPEG streams (then they are copied); else null. */
    private static JpegFrameHeader copyable(WholeSlide slide, Level l) throws IOException {
        if (!(slide instanceof JpegTileAccess access) || l.tileWidth() % 16 != 0 || l.tileHeight() % 16 != 0) return null;
        JpegFrameHeader first = null;
        for (int r = 0; r < l.tilesDown(); r++) {
            for (int c = 0; c < l.tilesAcross(); c++) {
                byte[] t = access.jpegTile(l.index(), c, r);
                if (t == null) return null;
                JpegFrameHeader h = JpegFrameHeader.of(t, "level " + l.index() + " tile (" + c + ", " + r + ")");
                if (h.width() != l.tileWidth() || h.height() != l.tileHeight()) return null;
                if (first == null) first = h;
                else if (h.rgb() != first.rgb() || h.horizontalSampling() != first.horizontalSampling() || h.verticalSampling() != first.verticalSampling()) return null;
            }
        }
        return first;
    }

    /** Whether every tile of the level is a JPEG 2000 codestream that can be copied as it is. */
    private static boolean jpeg2000Copyable(WholeSlide slide, Level l) throws IOException {
        if (!(slide instanceof Jpeg2000TileAccess access)) return false;
        for (int r = 0; r < l.tilesDown(); r++) {
            for (int c = 0; c < l.tilesAcross(); c++) if (access.jpeg2000Tile(l.index(), c, r) == null) return false;
        }
        return true;
    }

    /** Aperio's description, so the objective power and MPP travel with the copy as they do with a scanner's SVS. */
    private static String description(Level l, Level base, double mpp, String power, int tw, int th) {
        String size = l.index() == 0 ? base.width() + "x" + base.height() + " [0,0 " + base.width() + "x" + base.height() + "]"
                : base.width() + "x" + base.height() + " -> " + l.width() + "x" + l.height();
        return String.format(Locale.ROOT, "Aperio Image Library LiverCast%n%s (%dx%d) JPEG/YCbCr%s|MPP = %s", size, tw, th,
                power == null ? "" : "|AppMag = " + power, Double.toString(mpp)).replace("\n", "\r\n");
    }
}
