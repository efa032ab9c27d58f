package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;

/**
 * Writes a slide as a Roche Ventana scanner stores it (BIF, a BigTIFF): each scanned area (AOI) photographed as a grid of
 * tiles that overlap their neighbours, kept whole in level 0 on a TIFF grid from the area's origin; the stitcher's
 * joints between neighbours (overlap and confidence, tiles numbered in a serpentine from the bottom left) and the areas'
 * positions in level 0's XMP packet (EncodeInfo); each higher level a tile per downsample × downsample tiles of level 0,
 * side by side and reduced (so its parts, like level 0's tiles, overlap once placed). The first directory is the "Label
 * Image" (the glass's photograph) carrying the iScan description; a "Thumbnail" follows if the slide has one.
 *
 * <p>The joints' overlaps vary about {@code overlapPixels}, their confidence-weighted mean exactly it, so a reader that
 * places tiles by the mean advance (OpenSlide) puts each tile where its pixels were taken (to the nearest pixel where the
 * mean is a fraction, as a stage's steps are whole pixels).
 */
public final class VentanaBifWriter {
    /** A scanned area: a rectangle of the source's level-0 pixels. */
    public record Area(long x, long y, long width, long height) {}

    /**
     * @param tilePixels    side of a tile (the camera's field as stored)
     * @param overlapPixels mean overlap of neighbouring tiles, a whole or half pixel; tilePixels − overlapPixels is the advance
     * @param areas         the scanned areas (null: the whole slide); their grids must not share tiles
     * @param unscannedArea also list an area the scanner skipped (AOIScanned="0"), as slides with several tissue sections do
     */
    public record Options(int tilePixels, double overlapPixels, List<Area> areas, boolean unscannedArea, float quality) {
        public static Options defaults() { return new Options(1024, 32, null, false, 0.9f); }

        public Options withTiles(int px, double overlap) { return new Options(px, overlap, areas, unscannedArea, quality); }

        public Options withAreas(List<Area> a, boolean unscanned) { return new Options(tilePixels, overlapPixels, List.copyOf(a), unscanned, quality); }
    }

    private VentanaBifWriter() {}

    /** An area on the level-0 TIFF grid: its first tile, its tiles, and where its top-left tile's pixels were taken. */
    private record Placed(Area area, long startColumn, long startRow, long columns, long rows) {}

    public static void write(WholeSlide slide, Path out, Options o) throws IOException {
        Level l0 = slide.levels().get(0);
        int t = o.tilePixels();
        double advance = t - o.overlapPixels();
        if (advance <= 0 || advance > t) throw new IllegalArgumentException("overlap " + o.overlapPixels() + " leaves no advance on tiles of " + t);
        if (o.overlapPixels() * 2 != Math.rint(o.overlapPixels() * 2)) throw new IllegalArgumentException("overlap " + o.overlapPixels() + " is not a whole or half pixel");
        int step = (int) advance;
        List<Area> areas = o.areas() != null ? o.areas() : List.of(new Area(0, 0, l0.width(), l0.height()));
        List<Placed> placed = new ArrayList<>();
        Map<Long, Placed> owner = new HashMap<>();
        for (Area a : areas) {
            Placed p = new Placed(a, a.x() / step, a.y() / step, tiles(a.width(), t, step), tiles(a.height(), t, step));
            for (long r = p.startRow(); r < p.startRow() + p.rows(); r++) {
                for (long c = p.startColumn(); c < p.startColumn() + p.columns(); c++) {
                    if (owner.put(r << 32 | c, p) != null) throw new IllegalArgumentException("areas " + areas + " share tile (" + c + ", " + r + ") of the grid");
                }
            }
            placed.add(p);
        }
        long across = placed.stream().mapToLong(p -> p.startColumn() + p.columns()).max().orElseThrow();
        long down = placed.stream().mapToLong(p -> p.startRow() + p.rows()).max().orElseThrow();
        int levels = 1;
        while (Math.max(across, down) > (1L << (levels - 1))) levels++;
        double mpp = slide.micronsPerPixel();
        if (Double.isNaN(mpp)) throw new IllegalArgumentException("the slide has no MPP; a BIF records its scan resolution");
        double magnification = Double.parseDouble(slide.properties().getOrDefault("openslide.objective-power", "20"));

        List<TiffWriter.Directory> dirs = new ArrayList<>();
        try (TiffWriter w = new TiffWriter(out, true)) {
            RgbImage label = slide.associatedImages().contains("macro") ? slide.associatedImage("macro")
                    : slide.associatedImages().contains("label") ? slide.associatedImage("label") : new RgbImage(1, 1, new int[] {ScannerPixels.WHITE});
            dirs.add(strips(w, label, "Label Image").undefined(Ifd.XMP_PACKET, iScan(magnification, mpp).getBytes(StandardCharsets.UTF_8)));
            if (slide.associatedImages().contains("thumbnail")) dirs.add(strips(w, slide.associatedImage("thumbnail"), "Thumbnail"));

            JpegTiles jpeg = new JpegTiles(o.quality());
            List<long[]> offsets = new ArrayList<>();
            List<long[]> counts = new ArrayList<>();
            for (int k = 0; k < levels; k++) {
                long n = ceilDiv(across, 1L << k) * ceilDiv(down, 1L << k);
                offsets.add(new long[(int) n]);
                counts.add(new long[(int) n]);
            }
            Pyramid pyramid = new Pyramid(slide, l0, t, advance, owner, across, down, w, jpeg, offsets, counts);
            long top = 1L << (levels - 1);
            for (long r = 0; r < ceilDiv(down, top); r++) {
                for (long c = 0; c < ceilDiv(across, top); c++) pyramid.tile(levels - 1, c, r);
            }
            for (int k = 0; k < levels; k++) {
                long ds = 1L << k;
                TiffWriter.Directory d = new TiffWriter.Directory()
                        .ascii(Ifd.IMAGE_DESCRIPTION, String.format(Locale.ROOT, "level=%d mag=%s quality=%d", k, number(magnification / ds), Math.round(o.quality() * 100)))
                        .longs(Ifd.IMAGE_WIDTH, ceilDiv(across, ds) * t).longs(Ifd.IMAGE_LENGTH, ceilDiv(down, ds) * t)
                        .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 7).shorts(Ifd.PHOTOMETRIC, 6).shorts(Ifd.SAMPLES_PER_PIXEL, 3)
                        .longs(Ifd.TILE_WIDTH, t).longs(Ifd.TILE_LENGTH, t).offsets(Ifd.TILE_OFFSETS, true, offsets.get(k))
                        .offsets(Ifd.TILE_BYTE_COUNTS, true, counts.get(k)).undefined(Ifd.JPEG_TABLES, jpeg.tables()).shorts(Ifd.YCBCR_SUBSAMPLING, 2, 2);
                if (k == 0) d.undefined(Ifd.XMP_PACKET, encodeInfo(placed, t, advance, o).getBytes(StandardCharsets.UTF_8));
                dirs.add(d);
            }
            w.finish(dirs);
        }
    }

    /** Tiles along an axis so that they cover {@code extent} pixels, {@code advance} apart. */
    private static long tiles(long extent, int tile, int advance) { return extent <= tile ? 1 : ceilDiv(extent - tile, advance) + 1; }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    private static String number(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    private static TiffWriter.Directory strips(TiffWriter w, RgbImage img, String description) throws IOException {
        long at = w.append(img.rgbBytes());
        return new TiffWriter.Directory().longs(Ifd.IMAGE_WIDTH, img.width()).longs(Ifd.IMAGE_LENGTH, img.height())
                .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 1).shorts(Ifd.PHOTOMETRIC, 2).ascii(Ifd.IMAGE_DESCRIPTION, description)
                .offsets(Ifd.STRIP_OFFSETS, true, at).shorts(Ifd.SAMPLES_PER_PIXEL, 3).longs(Ifd.ROWS_PER_STRIP, img.height())
                .offsets(Ifd.STRIP_BYTE_COUNTS, true, img.rgbBytes().length);
    }

    /** The scanner's pyramid, tile by tile: a level-k tile from the four level-(k−1) tiles it holds. */
    private record Pyramid(WholeSlide slide, Level l0, int tile, double advance, Map<Long, Placed> owner, long across, long down, TiffWriter w,
                           JpegTiles jpeg, List<long[]> offsets, List<long[]> counts) {
        int[] tile(int k, long c, long r) throws IOException {
            long levelAcross = ceilDiv(across, 1L << k);
            if (c >= levelAcross || r >= ceilDiv(down, 1L << k)) return null;
            int[] pixels;
            if (k == 0) {
                Placed p = owner.get(r << 32 | c);
                if (p == null) {
                    pixels = new int[tile * tile];
                    java.util.Arrays.fill(pixels, ScannerPixels.WHITE);
                } else {
                    long x = Math.round(p.area().x() + (c - p.startColumn()) * advance);
                    long y = Math.round(p.area().y() + (r - p.startRow()) * advance);
                    pixels = ScannerPixels.levelPixels(slide, l0, x, y, tile, tile);
                }
            } else {
                pixels = ScannerPixels.halve(new int[][] {tile(k - 1, 2 * c, 2 * r), tile(k - 1, 2 * c + 1, 2 * r), tile(k - 1, 2 * c, 2 * r + 1),
                        tile(k - 1, 2 * c + 1, 2 * r + 1)}, tile);
            }
            byte[] coded = jpeg.encode(pixels, tile, tile);
            int index = (int) (r * levelAcross + c);
            offsets.get(k)[index] = w.append(coded);
            counts.get(k)[index] = coded.length;
            return pixels;
        }
    }

    private static String iScan(double magnification, double mpp) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><iScan Magnification=\"" + number(magnification) + "\" ScanRes=\"" + mpp
                + "\" ScannerModel=\"VENTANA DP 200 (LiverCast)\" BuildVersion=\"1.0\" Mode=\"Brightfield\" FocusQuality=\"3\"/>";
    }

    /**
     * Level 0's EncodeInfo: each area's size in tiles, position (Pos-Y up from below every area), origin on the TIFF grid,
     * and the joints RIGHT and UP between its neighbouring tiles, their overlaps alternating one pixel about the mean
     * (equal confidence: the mean is exact).
     */
    private static String encodeInfo(List<Placed> placed, int tile, double advance, Options o) {
        // Heights as a reader computes them from the mean advance (whole pixels, truncated).
        long base = placed.stream().mapToLong(p -> p.area().y() + (long) ((p.rows() - 1) * advance + tile)).max().orElseThrow();
        StringBuilder info = new StringBuilder();
        StringBuilder origins = new StringBuilder();
        int aoi = 0;
        for (Placed p : placed) {
            long height = (long) ((p.rows() - 1) * advance + tile);
            info.append("<ImageInfo AOIScanned=\"1\" AOIIndex=\"").append(aoi).append("\" Width=\"").append(tile).append("\" Height=\"").append(tile)
                    .append("\" NumRows=\"").append(p.rows()).append("\" NumCols=\"").append(p.columns()).append("\" Pos-X=\"").append(p.area().x())
                    .append("\" Pos-Y=\"").append(base - p.area().y() - height).append("\">");
            long rights = p.rows() * (p.columns() - 1);
            long i = 0;
            for (long r = 0; r < p.rows(); r++) {
                for (long c = 0; c + 1 < p.columns(); c++) joint(info, "RIGHT", number(p, c, r), number(p, c + 1, r), o.overlapPixels() + about(i++, rights), 1);
            }
            long ups = p.columns() * (p.rows() - 1);
            i = 0;
            for (long c = 0; c < p.columns(); c++) {
                for (long r = 1; r < p.rows(); r++) joint(info, "UP", number(p, c, r), number(p, c, r - 1), o.overlapPixels() + about(i++, ups), 1);
            }
            info.append("</ImageInfo>");
            origins.append("<AOI").append(aoi).append(" OriginX=\"").append(p.startColumn() * tile).append("\" OriginY=\"").append(p.startRow() * tile).append("\"/>");
            aoi++;
        }
        if (o.unscannedArea()) {
            info.append("<ImageInfo AOIScanned=\"0\" AOIIndex=\"").append(aoi).append("\" Width=\"").append(tile).append("\" Height=\"").append(tile)
                    .append("\" NumRows=\"1\" NumCols=\"1\" Pos-X=\"0\" Pos-Y=\"0\"/>");
            origins.append("<AOI").append(aoi).append(" OriginX=\"0\" OriginY=\"0\"/>");
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><EncodeInfo Ver=\"2\"><SlideStitchInfo>" + info + "</SlideStitchInfo><AoiOrigin>" + origins
                + "</AoiOrigin></EncodeInfo>";
    }

    /** The i-th of n joints' deviation from the mean overlap: +1, −1, … and 0 for an odd last, so they sum to 0. */
    private static int about(long i, long n) { return n % 2 == 1 && i == n - 1 ? 0 : i % 2 == 0 ? 1 : -1; }

    private static void joint(StringBuilder s, String direction, long tile1, long tile2, double overlap, int confidence) {
        boolean right = direction.equals("RIGHT");
        s.append("<TileJointInfo FlagJoined=\"1\" Direction=\"").append(direction).append("\" Tile1=\"").append(tile1).append("\" Tile2=\"").append(tile2)
                .append("\" OverlapX=\"").append(right ? number(overlap) : "0").append("\" OverlapY=\"").append(right ? "0" : number(overlap))
                .append("\" Confidence=\"").append(confidence).append("\"/>");
    }

    /** The scanner's number for tile (column, row) of an area (rows from the top): from 1, serpentine from the bottom left. */
    private static long number(Placed p, long column, long row) {
        long fromBottom = p.rows() - 1 - row;
        long c = fromBottom % 2 == 1 ? p.columns() - 1 - column : column;
        return fromBottom * p.columns() + c + 1;
    }
}
