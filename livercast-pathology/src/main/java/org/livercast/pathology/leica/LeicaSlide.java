package org.livercast.pathology.leica;

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
import org.livercast.pathology.slide.TileCache;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;

/**
 * A Leica SCN slide, read as OpenSlide reads it: a level spans the whole collection (the glass) at the resolution of the
 * main images' directories of that rank, and each brightfield main image (a scanned region) is placed at its offset; the
 * macro image (the glass's photograph) is the associated image "macro". A level is served in tiles of 256 pixels
 * composed from the main images' own tiles.
 *
 * <p>Outside the main images the glass is white here, where OpenSlide gives transparent pixels (black once alpha is
 * dropped): white is what tissue detection and tiling take as background. An offset that is not a whole number of a
 * level's pixels loses its fraction, as OpenSlide 3.4 places it. The tiles are composed by {@link Mosaic}.
 */
public final class LeicaSlide implements WholeSlide {
    static final int TILE = 256;
    private static final int WHITE = 0xFFFFFF;

    /** One main image's directory within a level, at its place in the level's pixels. */
    private record Area(Ifd ifd, double x, double y, long width, long height) {}

    private final TiffFile tiff;
    private final ScnCollection scn;
    private final List<Level> levels;
    private final List<List<Area>> areas;
    private final List<Mosaic> mosaics;
    private final Integer macroIfd;
    private final Map<String, String> properties;
    private final TileCache composed = new TileCache(TileCache.DEFAULT_CAPACITY);
    private final TileCache areaTiles = new TileCache(TileCache.DEFAULT_CAPACITY);

    private LeicaSlide(TiffFile tiff) {
        this.tiff = tiff;
        String where = tiff.path().toString();
        this.scn = ScnCollection.parse(tiff.ifds().get(0).description(), where);
        List<ScnCollection.Image> main = scn.images().stream().filter(i -> !i.macro() && i.brightfield()).toList();
        if (main.isEmpty()) throw new TiffException(where + ": no brightfield main image in the SCN collection");
        ScnCollection.Image first = main.get(0);
        for (ScnCollection.Image i : main) {
            if (i.dimensions().size() != first.dimensions().size() || !java.util.Objects.equals(i.objective(), first.objective())) {
                throw new TiffException(where + ": main images of different objectives or pyramids cannot be composed into one slide");
            }
        }
        List<Level> lv = new ArrayList<>();
        List<List<Area>> ar = new ArrayList<>();
        for (int k = 0; k < first.dimensions().size(); k++) {
            final int rank = k;
            double nmPerPx = main.stream().mapToDouble(i -> i.nmPerPixel(rank)).min().orElseThrow();
            long w = (long) Math.ceil(scn.widthNm() / nmPerPx);
            long h = (long) Math.ceil(scn.heightNm() / nmPerPx);
            List<Area> inLevel = new ArrayList<>();
            for (ScnCollection.Image i : main) {
                ScnCollection.Dimension d = i.dimensions().get(k);
                if (d.ifd() < 0 || d.ifd() >= tiff.ifds().size() || !tiff.ifds().get(d.ifd()).tiled()) {
                    throw new TiffException(where + ": SCN dimension names directory " + d.ifd() + ", which is not a tiled directory of the file");
                }
                // Whole level pixels, the fraction dropped: OpenSlide 3.4 places a main image so (LeicaScnTest).
                inLevel.add(new Area(tiff.ifds().get(d.ifd()), Math.floor(i.offsetXNm() / nmPerPx), Math.floor(i.offsetYNm() / nmPerPx), d.width(), d.height()));
            }
            double ds = lv.isEmpty() ? 1 : ((double) lv.get(0).width() / w + (double) lv.get(0).height() / h) / 2;
            lv.add(new Level(k, w, h, ds, TILE, TILE, first.dimensions().get(k).ifd()));
            ar.add(List.copyOf(inLevel));
        }
        this.levels = List.copyOf(lv);
        this.areas = List.copyOf(ar);
        List<Mosaic> ms = new ArrayList<>();
        for (int k = 0; k < lv.size(); k++) ms.add(mosaic(lv.get(k), ar.get(k), where));
        this.mosaics = List.copyOf(ms);
        this.macroIfd = scn.images().stream().filter(i -> i.macro() && i.brightfield() && !i.dimensions().isEmpty())
                .map(i -> i.dimensions().get(0).ifd()).findFirst().orElse(null);
        this.properties = properties(first);
    }

    private Map<String, String> properties(ScnCollection.Image first) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openslide.vendor", "leica");
        putIf(p, "leica.barcode", scn.barcode());
        putIf(p, "leica.aperture", first.aperture());
        putIf(p, "leica.creation-date", first.created());
        putIf(p, "leica.device-model", first.deviceModel());
        putIf(p, "leica.device-version", first.deviceVersion());
        putIf(p, "leica.illumination-source", first.illumination());
        putIf(p, "leica.objective", first.objective());
        if (first.objective() != null) {
            try {
                p.put("openslide.objective-power", Long.toString(Long.parseLong(first.objective())));
            } catch (NumberFormatException notWhole) {
                // OpenSlide copies only a whole-number objective
            }
        }
        Ifd base = areas.get(0).get(0).ifd();
        long unit = base.number(Ifd.RESOLUTION_UNIT, 2);
        if (unit == 2) p.put("tiff.ResolutionUnit", "inch");
        if (unit == 3) p.put("tiff.ResolutionUnit", "centimeter");
        if (base.has(Ifd.X_RESOLUTION)) p.put("tiff.XResolution", Double.toString(base.real(Ifd.X_RESOLUTION, 0)));
        if (base.has(Ifd.Y_RESOLUTION)) p.put("tiff.YResolution", Double.toString(base.real(Ifd.Y_RESOLUTION, 0)));
        if (unit == 3 && base.real(Ifd.X_RESOLUTION, 0) > 0) p.put("openslide.mpp-x", Double.toString(10_000.0 / base.real(Ifd.X_RESOLUTION, 0)));
        if (unit == 3 && base.real(Ifd.Y_RESOLUTION, 0) > 0) p.put("openslide.mpp-y", Double.toString(10_000.0 / base.real(Ifd.Y_RESOLUTION, 0)));
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    private static void putIf(Map<String, String> p, String key, String value) { if (value != null && !value.isEmpty()) p.put(key, value); }

    /** Whether the first directory's description is a Leica SCN collection. */
    public static boolean is(TiffFile tiff) {
        String d = tiff.ifds().isEmpty() ? null : tiff.ifds().get(0).description();
        return d != null && d.contains(ScnCollection.NAMESPACE);
    }

    public static LeicaSlide open(Path path) throws IOException { return of(TiffFile.open(path)); }

    /** The slide in an opened SCN file, which it then owns (and closes, also when this fails). */
    public static LeicaSlide of(TiffFile t) throws IOException {
        try {
            if (!is(t)) throw new TiffException(t.path() + ": not a Leica SCN file (no SCN collection in the first description)");
            return new LeicaSlide(t);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** The barcode the SCN records (decoded), or null. */
    public String barcode() { return scn.barcode(); }

    /** The barcode an SCN file's collection records (decoded), or null, without opening the slide. */
    public static String barcode(TiffFile tiff) { return ScnCollection.parse(tiff.ifds().get(0).description(), tiff.path().toString()).barcode(); }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return macroIfd == null ? List.of() : List.of("macro"); }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        Level l = levels.get(level);
        l.checkTile(column, row);
        return new RgbImage(TILE, TILE, composed.get(level, column, row, () -> mosaics.get(level).tile(column, row,
                key -> areaTile(tiff.ifds().get((int) (key >>> 40)), (int) (key & 0xFFFFF), (int) (key >>> 20 & 0xFFFFF)))));
    }

    /** A level: white glass, then each main image's tiles placed at the image's offset (its tiles abut). */
    private static Mosaic mosaic(Level level, List<Area> inLevel, String where) {
        int tw = inLevel.get(0).ifd().tileWidth();
        int th = inLevel.get(0).ifd().tileHeight();
        List<Mosaic.Part> parts = new ArrayList<>();
        for (Area a : inLevel) {
            if (a.ifd().tileWidth() != tw || a.ifd().tileHeight() != th) {
                throw new TiffException(where + ": main images of level " + level.index() + " have tiles of different sizes (directories "
                        + inLevel.get(0).ifd().index() + " and " + a.ifd().index() + ")");
            }
            for (long ty = 0; ty * th < a.height(); ty++) {
                for (long tx = 0; tx * tw < a.width(); tx++) {
                    parts.add(new Mosaic.Part(imageKey(a.ifd().index(), tx, ty), 0, 0, a.x() + tx * tw, a.y() + ty * th,
                            (int) Math.min(tw, a.width() - tx * tw), (int) Math.min(th, a.height() - ty * th)));
                }
            }
        }
        return new Mosaic(level.width(), level.height(), tw, th, WHITE, TILE, parts);
    }

    /** A main image's tile named in one number: its directory, row and column. */
    private static long imageKey(int ifd, long column, long row) { return (long) ifd << 40 | row << 20 | column; }

    private int[] areaTile(Ifd ifd, int column, int row) throws IOException {
        return areaTiles.get(ifd.index(), column, row, () -> TiffSlide.decodeTile(tiff, ifd, column, row, "directory " + ifd.index()));
    }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        if (!"macro".equals(name) || macroIfd == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associatedImages());
        return TiffSlide.directoryImage(tiff, tiff.ifds().get(macroIfd), "macro");
    }

    @Override
    public void close() throws IOException { tiff.close(); }
}
