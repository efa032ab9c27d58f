package org.livercast.pathology.ventana;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Mosaic;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.SlideProperties;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.slide.TiffMosaics;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;
import org.w3c.dom.Element;

/**
 * A Roche Ventana BIF (or Ventana TIFF), read as OpenSlide reads it. The first directory's XMP packet is the iScan
 * description (its attributes become {@code ventana.*}; Magnification and ScanRes give objective power and MPP); the
 * directories described {@code level=N mag=M} are the levels (downsample: level 0's magnification over the level's);
 * "Label Image" is the associated image "macro" (a photograph of the whole glass) and "Thumbnail" the thumbnail.
 *
 * <p>In a BIF, level 0's XMP packet (EncodeInfo) says how its overlapping tiles are stitched ({@link BifStitching}):
 * every tile is placed at its area's position plus its column and row times the slide's advance, later tiles over earlier
 * where they overlap; a tile of a higher level holds the downsample × downsample level-0 tiles below it side by side,
 * each part placed where its level-0 tile is. The level's size is what its tiles cover. Without EncodeInfo (a Ventana
 * TIFF) the tiles abut. Served in tiles of 256 pixels composed by {@link Mosaic} on white (OpenSlide: transparent).
 */
public final class VentanaSlide implements WholeSlide {
    static final int TILE = 256;
    private static final int WHITE = 0xFFFFFF;

    private final TiffFile tiff;
    private final List<Level> levels;
    private final List<Ifd> directories;
    private final Map<String, Integer> associated = new LinkedHashMap<>();
    private final Map<String, String> properties;
    private final TiffMosaics tiles;

    private VentanaSlide(TiffFile tiff) {
        this.tiff = tiff;
        String where = tiff.path().toString();
        Element iScan = VentanaXml.iScan(VentanaXml.parse(tiff.ifds().get(0).bytes(Ifd.XMP_PACKET), where + ": directory 0"));
        if (iScan == null) throw new TiffException(where + ": directory 0's XMP packet has no iScan element");

        List<Ifd> dirs = new ArrayList<>();
        List<Double> magnifications = new ArrayList<>();
        for (Ifd ifd : tiff.ifds()) {
            String d = ifd.description();
            if (d == null) continue;
            if (d.contains("level=")) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String pair : d.split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                String dir = where + ": directory " + ifd.index() + " ('" + d + "')";
                if (!fields.containsKey("level") || !fields.containsKey("mag")) throw new TiffException(dir + ": no level= or mag= field");
                long level;
                double mag;
                try {
                    level = Long.parseLong(fields.get("level"));
                    mag = Double.parseDouble(fields.get("mag"));
                } catch (NumberFormatException e) {
                    throw new TiffException(dir + ": level or magnification is not a number");
                }
                if (level != dirs.size()) throw new TiffException(dir + ": level " + level + " where level " + dirs.size() + " comes next");
                if (!magnifications.isEmpty() && mag >= magnifications.get(magnifications.size() - 1)) {
                    throw new TiffException(dir + ": magnification " + mag + " is not below the previous level's");
                }
                if (!ifd.tiled()) throw new TiffException(dir + ": a level that is not tiled");
                if (!dirs.isEmpty() && (ifd.tileWidth() != dirs.get(0).tileWidth() || ifd.tileHeight() != dirs.get(0).tileHeight())) {
                    throw new TiffException(dir + ": tiles of " + ifd.tileWidth() + "x" + ifd.tileHeight() + " where level 0's are "
                            + dirs.get(0).tileWidth() + "x" + dirs.get(0).tileHeight());
                }
                dirs.add(ifd);
                magnifications.add(mag);
            } else if (d.equals("Label Image") || d.equals("Label_Image")) {
                associated.put("macro", ifd.index());
            } else if (d.equals("Thumbnail")) {
                associated.put("thumbnail", ifd.index());
            }
        }
        if (dirs.isEmpty()) throw new TiffException(where + ": no pyramid level (no directory described 'level=N mag=M')");
        this.directories = List.copyOf(dirs);

        Ifd level0 = dirs.get(0);
        // Level 0's own XMP packet is its EncodeInfo; a Ventana TIFF has none (or, when level 0 is the first directory,
        // only the iScan description): its tiles abut.
        byte[] xmp = level0.bytes(Ifd.XMP_PACKET);
        org.w3c.dom.Document encodeInfo = xmp == null ? null : VentanaXml.parse(xmp, where + ": level 0");
        if (encodeInfo != null && level0.index() == 0 && VentanaXml.iScan(encodeInfo) != null) encodeInfo = null;
        BifStitching stitching = encodeInfo == null ? null
                : BifStitching.parse(encodeInfo, level0.tileWidth(), level0.tileHeight(), where + ": level 0's EncodeInfo");
        if (stitching != null && stitching.areas().isEmpty()) throw new TiffException(where + ": level 0's EncodeInfo has no scanned area");
        List<Level> lv = new ArrayList<>();
        List<Mosaic> ms = new ArrayList<>();
        for (int k = 0; k < dirs.size(); k++) {
            double downsample = magnifications.get(0) / magnifications.get(k);
            Mosaic m = stitching == null ? abutting(dirs.get(k)) : stitched(stitching, dirs.get(k), downsample, level0);
            lv.add(new Level(k, m.width(), m.height(), downsample, TILE, TILE, dirs.get(k).index()));
            ms.add(m);
        }
        this.levels = List.copyOf(lv);
        this.tiles = new TiffMosaics(tiff, levels, directories, ms, TILE);
        this.properties = properties(iScan, stitching, level0);
    }

    /** A Ventana TIFF's level: its tiles side by side, as any tiled TIFF's. */
    private static Mosaic abutting(Ifd ifd) {
        int tw = ifd.tileWidth();
        int th = ifd.tileHeight();
        long across = (ifd.width() + tw - 1) / tw;
        List<Mosaic.Part> parts = new ArrayList<>();
        for (long r = 0; r * th < ifd.height(); r++) {
            for (long c = 0; c < across; c++) {
                parts.add(new Mosaic.Part(r * across + c, 0, 0, c * tw, r * th, (int) Math.min(tw, ifd.width() - c * tw), (int) Math.min(th, ifd.height() - r * th)));
            }
        }
        return new Mosaic(ifd.width(), ifd.height(), tw, th, WHITE, TILE, parts);
    }

    /**
     * A BIF level: each level-0 tile of each area becomes the part of this level's tile that holds it (downsample ×
     * downsample level-0 tiles a tile), placed where the level-0 tile stands over the downsample, in the order of the
     * level-0 grid (rows, then columns); the level is as large as its parts reach.
     */
    private static Mosaic stitched(BifStitching s, Ifd ifd, double downsample, Ifd level0) {
        int tw = ifd.tileWidth();
        int th = ifd.tileHeight();
        long per = (long) downsample;
        double partW = tw / downsample;
        double partH = th / downsample;
        double advanceX = s.advanceX() / downsample;
        double advanceY = s.advanceY() / downsample;
        long across = (ifd.width() + tw - 1) / tw;
        Map<Long, Mosaic.Part> grid = new java.util.TreeMap<>();
        double right = Double.NEGATIVE_INFINITY;
        double bottom = Double.NEGATIVE_INFINITY;
        for (BifStitching.Area a : s.areas()) {
            double offsetX = (a.x() - a.startColumn() * s.advanceX()) / downsample;
            double offsetY = (a.y() - a.startRow() * s.advanceY()) / downsample;
            for (long row = a.startRow(); row < a.startRow() + a.rows(); row++) {
                for (long col = a.startColumn(); col < a.startColumn() + a.columns(); col++) {
                    double x = col * advanceX + offsetX;
                    double y = row * advanceY + offsetY;
                    right = Math.max(right, x + partW);
                    bottom = Math.max(bottom, y + partH);
                    long tileCol = col / per;
                    long tileRow = row / per;
                    int srcX = (int) Math.round(col % per * partW);
                    int srcY = (int) Math.round(row % per * partH);
                    // Pixels beyond the directory's image edge are not painted (OpenSlide clips the tile there).
                    int w = (int) Math.min(Math.ceil(partW), ifd.width() - tileCol * tw - srcX);
                    int h = (int) Math.min(Math.ceil(partH), ifd.height() - tileRow * th - srcY);
                    if (w <= 0 || h <= 0) continue;
                    grid.put(row << 32 | col, new Mosaic.Part(tileRow * across + tileCol, srcX, srcY, x, y, w, h));
                }
            }
        }
        return new Mosaic((long) Math.ceil(right), (long) Math.ceil(bottom), tw, th, WHITE, TILE, List.copyOf(grid.values()));
    }

    private Map<String, String> properties(Element iScan, BifStitching s, Ifd level0) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openslide.vendor", "ventana");
        var attributes = iScan.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            var a = attributes.item(i);
            if (!a.getNodeValue().isEmpty()) p.put("ventana." + a.getNodeName(), a.getNodeValue());
        }
        try {
            p.put("openslide.objective-power", Long.toString(Long.parseLong(p.getOrDefault("ventana.Magnification", "").strip())));
        } catch (NumberFormatException notWhole) {
            // OpenSlide copies only a whole-number magnification
        }
        try {
            String mpp = Double.toString(Double.parseDouble(p.getOrDefault("ventana.ScanRes", "").strip()));
            p.put("openslide.mpp-x", mpp);
            p.put("openslide.mpp-y", mpp);
        } catch (NumberFormatException none) {
            // no MPP
        }
        if (s != null) {
            for (int i = 0; i < s.areas().size(); i++) {
                BifStitching.Area a = s.areas().get(i);
                p.put("openslide.region[" + i + "].x", Long.toString((long) (s.advanceX() * a.startColumn())));
                p.put("openslide.region[" + i + "].y", Long.toString((long) (s.advanceY() * a.startRow())));
                p.put("openslide.region[" + i + "].width", Long.toString((long) Math.ceil(s.advanceX() * (a.columns() - 1) + level0.tileWidth())));
                p.put("openslide.region[" + i + "].height", Long.toString((long) Math.ceil(s.advanceY() * (a.rows() - 1) + level0.tileHeight())));
            }
        }
        String description = level0.description();
        if (description != null) p.put("tiff.ImageDescription", description);
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    /** Whether an opened TIFF is a Ventana slide: its first directory's XMP packet holds an iScan element. */
    public static boolean is(TiffFile tiff) { return !tiff.ifds().isEmpty() && VentanaXml.isIScan(tiff.ifds().get(0).bytes(Ifd.XMP_PACKET)); }

    public static VentanaSlide open(Path path) throws IOException { return of(TiffFile.open(path)); }

    /** The slide in an opened BIF, which it then owns (and closes, also when this fails). */
    public static VentanaSlide of(TiffFile t) throws IOException {
        try {
            if (!is(t)) throw new TiffException(t.path() + ": not a Ventana slide (no iScan XML in the first directory's XMP packet)");
            return new VentanaSlide(t);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return List.copyOf(associated.keySet()); }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException { return tiles.tile(level, column, row); }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        Integer idx = associated.get(name);
        if (idx == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associatedImages());
        return TiffSlide.directoryImage(tiff, tiff.ifds().get(idx), name);
    }

    @Override
    public void close() throws IOException { tiff.close(); }
}
