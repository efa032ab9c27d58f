package org.livercast.pathology.slide;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;
import org.livercast.pathology.tiff.TileCodecs;

/**
 * Tiled pyramidal TIFF / BigTIFF and Aperio SVS, read as OpenSlide reads them: levels are the tiled directories in
 * decreasing size (downsample = mean of the width and height ratios); Aperio's first stripped directory is the
 * thumbnail and the directories described "label" and "macro" are associated images. Region reads at a level whose
 * level-0 offset is not a whole number of level pixels are sampled bilinearly (OpenSlide paints them through cairo;
 * the two agree within 1 per channel). A Philips IntelliSite TIFF is read as OpenSlide's "philips" reader reads it
 * ({@link PhilipsMetadata}: levels in file order, their sizes and MPP from the XML, the label inside it).
 */
public final class TiffSlide implements WholeSlide, JpegTileAccess, Jpeg2000TileAccess {
    private final TiffFile tiff;
    private final List<Level> levels;
    private final Map<String, Integer> associated;
    private final Map<String, String> properties;
    private final PhilipsMetadata philips;
    private final TileCache cache = new TileCache(TileCache.DEFAULT_CAPACITY);

    private TiffSlide(TiffFile tiff) {
        this.tiff = tiff;
        List<Ifd> ifds = tiff.ifds();
        if (ifds.isEmpty()) throw new TiffException(tiff.path() + ": no image directory");
        boolean aperio = ifds.get(0).description() != null && ifds.get(0).description().startsWith("Aperio");
        this.philips = PhilipsMetadata.is(ifds.get(0)) ? PhilipsMetadata.parse(ifds.get(0).description(), tiff.path().toString()) : null;
        List<Ifd> tiled = new ArrayList<>(ifds.stream().filter(Ifd::tiled).toList());
        if (tiled.isEmpty()) throw new TiffException(tiff.path() + ": no tiled directory: not a pyramidal slide");
        this.levels = philips != null ? philipsLevels(tiff, tiled, philips) : levels(tiled);
        this.associated = new LinkedHashMap<>();
        if (philips != null) {
            // Label and macro: stripped directories described "Label…"/"Macro…", else base64 JPEGs in the XML.
            for (Ifd i : ifds) {
                String d = i.description() == null ? "" : i.description();
                if (!i.tiled() && d.startsWith("Label")) associated.putIfAbsent("label", i.index());
                if (!i.tiled() && d.startsWith("Macro")) associated.putIfAbsent("macro", i.index());
            }
        }
        if (aperio) {
            for (Ifd i : ifds) {
                if (i.tiled() || i.index() == 0) continue;
                if (i.index() == 1) {
                    associated.put("thumbnail", i.index());
                    continue;
                }
                // As OpenSlide: the name is the first word of the description's second line ("label 387x463").
                String[] lines = (i.description() == null ? "" : i.description()).split("[\r\n]+");
                if (lines.length > 1 && !lines[1].isBlank()) associated.put(lines[1].strip().split(" ")[0].toLowerCase(Locale.ROOT), i.index());
            }
        }
        this.properties = philips != null ? philipsProperties(tiff, levels, philips) : SlideProperties.of(tiff, aperio, levels);
    }

    /** Levels as OpenSlide's generic and Aperio readers take them: the tiled directories, largest first. */
    private static List<Level> levels(List<Ifd> tiled) {
        tiled.sort(Comparator.comparingLong((Ifd i) -> i.width()).reversed());
        List<Level> lv = new ArrayList<>();
        double w0 = tiled.get(0).width();
        double h0 = tiled.get(0).height();
        for (Ifd i : tiled) {
            double ds = (w0 / i.width() + h0 / i.height()) / 2;
            lv.add(new Level(lv.size(), i.width(), i.height(), ds, i.tileWidth(), i.tileHeight(), i.index()));
        }
        return List.copyOf(lv);
    }

    /**
     * Philips levels as OpenSlide takes them: the tiled directories in file order, each no larger than the one before;
     * a directory's size is padded to whole tiles, so below level 0 the downsample is the XML's pixel spacing ratio
     * (rounded to a whole number) and the size level 0's divided by it.
     */
    private static List<Level> philipsLevels(TiffFile tiff, List<Ifd> tiled, PhilipsMetadata m) {
        if (m.levelSpacingsMm().size() != tiled.size()) {
            throw new TiffException(tiff.path() + ": the Philips XML gives " + m.levelSpacingsMm().size() + " pixel spacings for " + tiled.size()
                    + " tiled directories");
        }
        List<Level> lv = new ArrayList<>();
        Ifd first = tiled.get(0);
        double[] s0 = m.levelSpacingsMm().get(0);
        for (int k = 0; k < tiled.size(); k++) {
            Ifd i = tiled.get(k);
            if (k > 0 && (i.width() > tiled.get(k - 1).width() || i.height() > tiled.get(k - 1).height())) {
                throw new TiffException(tiff.path() + ": directory " + i.index() + " is larger than the level before it");
            }
            double[] sk = m.levelSpacingsMm().get(k);
            long ds = k == 0 ? 1 : Math.round((sk[0] / s0[0] + sk[1] / s0[1]) / 2);
            long w = k == 0 ? i.width() : first.width() / ds;
            long h = k == 0 ? i.height() : first.height() / ds;
            lv.add(new Level(k, w, h, ds, i.tileWidth(), i.tileHeight(), i.index()));
        }
        return List.copyOf(lv);
    }

    private static Map<String, String> philipsProperties(TiffFile tiff, List<Level> levels, PhilipsMetadata m) {
        Map<String, String> p = new LinkedHashMap<>(SlideProperties.of(tiff, false, levels));
        p.remove("tiff.ImageDescription");                                  // the XML: its content is in philips.*
        p.putAll(m.properties());
        p.put("openslide.vendor", "philips");
        return Map.copyOf(p);
    }

    public static TiffSlide open(Path path) throws IOException { return of(TiffFile.open(path)); }

    /** The slide in an opened TIFF, which it then owns (and closes, also when this fails). */
    public static TiffSlide of(TiffFile t) throws IOException {
        try {
            return new TiffSlide(t);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    /** Level 0's InterColorProfile (tag 34675), as OpenSlide 4 gives it. */
    @Override
    public java.util.Optional<byte[]> iccProfile() {
        return java.util.Optional.ofNullable(tiff.ifds().get(levels.get(0).ifd()).bytes(Ifd.ICC_PROFILE));
    }

    @Override
    public List<String> associatedImages() {
        List<String> names = new ArrayList<>(associated.keySet());
        if (philips != null && philips.labelJpeg() != null && !names.contains("label")) names.add("label");
        if (philips != null && philips.macroJpeg() != null && !names.contains("macro")) names.add("macro");
        return List.copyOf(names);
    }

    /** A Philips slide's XML metadata, or null for other TIFFs. */
    public PhilipsMetadata philips() { return philips; }

    public TiffFile tiff() { return tiff; }

    /** A tile's index in its directory's grid (the directory's own width: a Philips level's is padded beyond the level's). */
    private static int tileIndex(Ifd ifd, int column, int row) {
        int across = (ifd.width() + ifd.tileWidth() - 1) / ifd.tileWidth();
        return row * across + column;
    }

    /** The directory index of an associated image. */
    int associatedIndex(String name) {
        Integer i = associated.get(name);
        if (i == null) throw new IllegalArgumentException("no associated image '" + name + "'");
        return i;
    }

    @Override
    public double micronsPerPixel() {
        String mpp = properties.get("openslide.mpp-x");
        if (mpp != null) return Double.parseDouble(mpp);
        Ifd first = tiff.ifds().get(levels.get(0).ifd());
        double res = first.real(Ifd.X_RESOLUTION, 0);
        long unit = first.number(Ifd.RESOLUTION_UNIT, 2);
        if (res <= 0) return Double.NaN;
        if (unit == 3) return 10_000.0 / res;
        if (unit == 2) return 25_400.0 / res;
        return Double.NaN;
    }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        Level l = level(level);
        l.checkTile(column, row);
        int[] px = cache.get(level, column, row, () -> decodeTile(l, column, row));
        return new RgbImage(l.tileWidth(), l.tileHeight(), px);
    }

    /**
     * A JPEG-compressed tile as one complete stream (the shared tables spliced in), for copying into another container
     * without decoding (a DICOM frame); null when the level is not JPEG-compressed or the tile is empty.
     */
    @Override
    public byte[] jpegTile(int level, int column, int row) throws IOException {
        Level l = level(level);
        Ifd ifd = tiff.ifds().get(l.ifd());
        if (ifd.compression() != 7) return null;
        int index = tileIndex(ifd, column, row);
        long[] offsets = ifd.numbers(Ifd.TILE_OFFSETS);
        long[] counts = ifd.numbers(Ifd.TILE_BYTE_COUNTS);
        if (index >= offsets.length || index >= counts.length || counts[index] == 0) return null;
        byte[] tile = tiff.bytes(offsets[index], counts[index], "level " + level + " tile (" + column + ", " + row + ")");
        return TileCodecs.spliceTables(ifd.bytes(Ifd.JPEG_TABLES), tile);
    }

    /** An Aperio JPEG 2000 tile (compression 33003 or 33005) as its raw codestream; null for other levels or an empty tile. */
    @Override
    public byte[] jpeg2000Tile(int level, int column, int row) throws IOException {
        Level l = level(level);
        Ifd ifd = tiff.ifds().get(l.ifd());
        if (ifd.compression() != 33003 && ifd.compression() != 33005) return null;
        int index = tileIndex(ifd, column, row);
        long[] offsets = ifd.numbers(Ifd.TILE_OFFSETS);
        long[] counts = ifd.numbers(Ifd.TILE_BYTE_COUNTS);
        if (index >= offsets.length || index >= counts.length || counts[index] == 0) return null;
        return tiff.bytes(offsets[index], counts[index], "level " + level + " tile (" + column + ", " + row + ")");
    }

    /** Aperio's 33003 holds Y, Cb, Cr components; 33005 codestreams decode to R, G, B. */
    @Override
    public boolean jpeg2000Ycbcr(int level) { return tiff.ifds().get(level(level).ifd()).compression() == 33003; }

    private int[] decodeTile(Level l, int column, int row) throws IOException {
        return decodeTile(tiff, tiff.ifds().get(l.ifd()), column, row, "level " + l.index());
    }

    /**
     * Tile (column, row) of a tiled directory, decoded to packed RGB (its tile size, padding included); an empty tile
     * (byte count 0: a scanner's region not scanned) is white. {@code what} names the directory in errors.
     */
    public static int[] decodeTile(TiffFile tiff, Ifd ifd, int column, int row, String what) throws IOException {
        int index = tileIndex(ifd, column, row);
        long[] offsets = ifd.numbers(Ifd.TILE_OFFSETS);
        long[] counts = ifd.numbers(Ifd.TILE_BYTE_COUNTS);
        String tile = what + " tile (" + column + ", " + row + ")";
        String where = tiff.path() + ": " + tile;
        if (index >= offsets.length || index >= counts.length) throw new TiffException(where + ": no offset for this tile in the directory");
        if (counts[index] == 0) {
            int[] white = new int[ifd.tileWidth() * ifd.tileHeight()];
            java.util.Arrays.fill(white, 0xFFFFFF);
            return white;
        }
        byte[] data = tiff.bytes(offsets[index], counts[index], tile);
        return TileCodecs.decode(ifd, data, ifd.tileWidth(), ifd.tileHeight(), where);
    }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        Integer idx = associated.get(name);
        if (idx == null && philips != null && (name.equals("label") || name.equals("macro"))) {
            byte[] jpeg = name.equals("label") ? philips.labelJpeg() : philips.macroJpeg();
            if (jpeg != null) {
                return JpegImages.decode(jpeg, tiff.path() + ": Philips " + name);
            }
        }
        if (idx == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associated.keySet());
        return directoryImage(tiff, tiff.ifds().get(idx), name);
    }

    /** A directory's whole image (an associated image: label, macro, thumbnail), from its strips or its tiles. */
    public static RgbImage directoryImage(TiffFile tiff, Ifd ifd, String name) throws IOException {
        int w = ifd.width();
        int h = ifd.height();
        if (ifd.tiled()) {
            int tw = ifd.tileWidth();
            int th = ifd.tileHeight();
            int[] out = new int[w * h];
            for (int r = 0; r * th < h; r++) {
                for (int c = 0; c * tw < w; c++) {
                    int[] tile = decodeTile(tiff, ifd, c, r, name);
                    int cw = Math.min(tw, w - c * tw);
                    for (int y = 0; y < th && r * th + y < h; y++) System.arraycopy(tile, y * tw, out, (r * th + y) * w + c * tw, cw);
                }
            }
            return new RgbImage(w, h, out);
        }
        return stripImage(tiff, ifd, name);
    }

    private static RgbImage stripImage(TiffFile tiff, Ifd ifd, String name) throws IOException {
        int w = ifd.width();
        int h = ifd.height();
        int rows = (int) ifd.number(Ifd.ROWS_PER_STRIP, h);
        long[] offsets = ifd.numbers(Ifd.STRIP_OFFSETS);
        long[] counts = ifd.numbers(Ifd.STRIP_BYTE_COUNTS);
        int[] out = new int[w * h];
        for (int s = 0; s < offsets.length; s++) {
            int top = s * rows;
            int n = Math.min(rows, h - top);
            if (n <= 0) break;
            byte[] data = tiff.bytes(offsets[s], counts[s], name + " strip " + s);
            int[] strip = TileCodecs.decode(ifd, data, w, n, tiff.path() + ": " + name + " strip " + s);
            System.arraycopy(strip, 0, out, top * w, n * w);
        }
        return new RgbImage(w, h, out);
    }

    private Level level(int index) {
        if (index < 0 || index >= levels.size()) throw new IllegalArgumentException("level " + index + " does not exist; the slide has " + levels.size());
        return levels.get(index);
    }

    @Override
    public void close() throws IOException { tiff.close(); }
}
