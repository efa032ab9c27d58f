package org.livercast.pathology.trestle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livercast.pathology.slide.GlibNumbers;
import org.livercast.pathology.slide.JpegImages;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.LevelStorage;
import org.livercast.pathology.slide.Mosaic;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.SlideProperties;
import org.livercast.pathology.slide.TiffMosaics;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;

/**
 * A Trestle (MedScan) slide, read as OpenSlide 3.4 reads it: a tiled TIFF whose Software starts "MedScan" and whose
 * ImageDescription is "name=value;…" pairs (each a trestle.* property; "Objective Power" the objective power,
 * "Background Color" the background). Each directory is a level; its tiles overlap their right and lower neighbours
 * by the level's pair in "OverlapsXY= x0 y0 x1 y1 …", so a tile stands at (column × (tile width − x overlap), row ×
 * (tile height − y overlap)), later tiles painted over earlier ({@link Mosaic}), and the level is narrower than the
 * directory by the overlaps. The TIFF's X and Y resolution are, unusually, the microns per pixel. The glass's
 * photograph is a JPEG beside the slide: the file's name with ".Full" for its extension.
 */
public final class TrestleSlide implements WholeSlide, LevelStorage {
    static final String SOFTWARE = "MedScan";
    private static final int TILE = 256;
    private static final int WHITE = 0xFFFFFF;

    private final TiffFile tiff;
    private final List<Ifd> directories;
    private final List<Level> levels;
    private final Map<String, String> properties;
    private final int[][] overlapsByLevel;
    private final Path macro;
    private final TiffMosaics tiles;

    private TrestleSlide(TiffFile tiff) {
        this.tiff = tiff;
        Path path = tiff.path();
        Ifd first = tiff.ifds().get(0);
        String description = first.description();
        if (description == null) throw new TiffException(path + ": a Trestle slide without an ImageDescription (its properties and tile overlaps)");
        Map<String, String> fields = new LinkedHashMap<>();
        int[] overlaps = new int[0];
        Integer background = null;
        for (String pair : description.split(";", -1)) {
            String[] nv = pair.split("=", 2);
            if (nv.length == 2) fields.put(nv[0].strip(), nv[1].strip());
            if (pair.startsWith("OverlapsXY=")) overlaps = overlaps(path, pair);
            if (pair.startsWith("Background Color=")) {
                try {
                    background = Integer.parseUnsignedInt(pair.substring("Background Color=".length()).strip(), 16) & 0xFFFFFF;
                } catch (NumberFormatException e) {
                    // as OpenSlide: a background it cannot parse is not set
                }
            }
        }
        this.directories = List.copyOf(tiff.ifds());
        List<Level> lv = new ArrayList<>();
        List<Mosaic> ms = new ArrayList<>();
        this.overlapsByLevel = new int[directories.size()][];
        for (int i = 0; i < directories.size(); i++) {
            Ifd ifd = directories.get(i);
            if (!ifd.tiled()) throw new TiffException(path + ": directory " + i + " is not tiled; a Trestle slide's levels are");
            int ox = 2 * i + 1 < overlaps.length ? overlaps[2 * i] : 0;
            int oy = 2 * i + 1 < overlaps.length ? overlaps[2 * i + 1] : 0;
            overlapsByLevel[i] = new int[] {ox, oy};
            ms.add(overlapping(path, i, ifd, ox, oy, background == null ? WHITE : background));
        }
        Mosaic base = ms.get(0);
        for (int i = 0; i < ms.size(); i++) {
            Mosaic m = ms.get(i);
            double downsample = ((double) base.width() / m.width() + (double) base.height() / m.height()) / 2;
            lv.add(new Level(i, m.width(), m.height(), downsample, TILE, TILE, directories.get(i).index()));
        }
        this.levels = List.copyOf(lv);
        this.tiles = new TiffMosaics(tiff, levels, directories, ms, TILE);
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path full = path.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".Full");
        this.macro = Files.isRegularFile(full) ? full : null;
        this.properties = properties(first, fields, background);
    }

    /** "OverlapsXY= x0 y0 x1 y1 …": each level's overlap across and down, in pixels. */
    private static int[] overlaps(Path path, String field) {
        String[] values = field.substring("OverlapsXY=".length()).strip().split("\\s+");
        if (values.length == 1 && values[0].isEmpty()) return new int[0];
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                out[i] = Integer.parseInt(values[i]);
            } catch (NumberFormatException e) {
                throw new TiffException(path + ": ImageDescription OverlapsXY: '" + values[i] + "' is not a number of pixels");
            }
            if (out[i] < 0) throw new TiffException(path + ": ImageDescription OverlapsXY: a negative overlap " + out[i]);
        }
        return out;
    }

    /** A level: the directory's tiles at their advances, clipped to the directory's image, later over earlier. */
    private static Mosaic overlapping(Path path, int level, Ifd ifd, int ox, int oy, int background) {
        int tw = ifd.tileWidth();
        int th = ifd.tileHeight();
        if (ox >= tw || oy >= th) throw new TiffException(path + ": level " + level + " overlaps of " + ox + "x" + oy + " are not less than its " + tw + "x" + th + " tiles");
        long across = (ifd.width() + tw - 1) / tw;
        long down = (ifd.height() + th - 1) / th;
        long width = ifd.width() >= tw ? ifd.width() - (across - 1) * ox : ifd.width();
        long height = ifd.height() >= th ? ifd.height() - (down - 1) * oy : ifd.height();
        List<Mosaic.Part> parts = new ArrayList<>();
        for (long r = 0; r < down; r++) {
            for (long c = 0; c < across; c++) {
                int w = (int) Math.min(tw, ifd.width() - c * tw);
                int h = (int) Math.min(th, ifd.height() - r * th);
                parts.add(new Mosaic.Part(r * across + c, 0, 0, c * (tw - ox), r * (th - oy), w, h));
            }
        }
        return new Mosaic(width, height, tw, th, background, TILE, parts);
    }

    private Map<String, String> properties(Ifd first, Map<String, String> fields, Integer background) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openslide.vendor", "trestle");
        fields.forEach((k, v) -> p.put("trestle." + k, v));
        String power = fields.get("Objective Power");
        if (power != null && power.matches("-?\\d+")) p.put("openslide.objective-power", Long.toString(Long.parseLong(power)));
        if (background != null) p.put("openslide.background-color", String.format(Locale.ROOT, "%06X", background));
        p.put("tiff.ImageDescription", first.description());
        String software = first.text(Ifd.SOFTWARE);
        if (software != null) p.put("tiff.Software", software);
        // OpenSlide reads the resolutions as libtiff's floats and prints them with 17 digits; Trestle stores the MPP there.
        if (first.has(Ifd.X_RESOLUTION)) {
            String x = GlibNumbers.dtostr((float) first.real(Ifd.X_RESOLUTION, 0));
            p.put("tiff.XResolution", x);
            p.put("openslide.mpp-x", x);
        }
        if (first.has(Ifd.Y_RESOLUTION)) {
            String y = GlibNumbers.dtostr((float) first.real(Ifd.Y_RESOLUTION, 0));
            p.put("tiff.YResolution", y);
            p.put("openslide.mpp-y", y);
        }
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    /** Whether an opened TIFF is a Trestle slide: its first directory's Software starts "MedScan". */
    public static boolean is(TiffFile tiff) {
        if (tiff.ifds().isEmpty()) return false;
        String software = tiff.ifds().get(0).text(Ifd.SOFTWARE);
        return software != null && software.startsWith(SOFTWARE);
    }

    public static TrestleSlide open(Path path) throws IOException { return of(TiffFile.open(path)); }

    /** The slide in an opened TIFF, which it then owns (and closes, also when this fails). */
    public static TrestleSlide of(TiffFile t) throws IOException {
        try {
            if (!is(t)) throw new TiffException(t.path() + ": not a Trestle slide (Software does not start with " + SOFTWARE + ")");
            return new TrestleSlide(t);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    @Override
    public List<String> storage(int level) {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        Ifd ifd = directories.get(level);
        return List.of(String.format(Locale.ROOT, "directory %d: %dx%d tiles of %dx%d px overlapping by %d x %d px", ifd.index(),
                (ifd.width() + ifd.tileWidth() - 1) / ifd.tileWidth(), (ifd.height() + ifd.tileHeight() - 1) / ifd.tileHeight(), ifd.tileWidth(),
                ifd.tileHeight(), overlapsByLevel[level][0], overlapsByLevel[level][1]));
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return macro == null ? List.of() : List.of("macro"); }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException { return tiles.tile(level, column, row); }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        if (!"macro".equals(name) || macro == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associatedImages());
        return JpegImages.read(macro, "the macro of " + tiff.path());
    }

    @Override
    public void close() throws IOException { tiff.close(); }
}
