package org.livercast.pathology.ndpi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.LevelStorage;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.ScaledLevels;
import org.livercast.pathology.slide.SlideProperties;
import org.livercast.pathology.slide.TileCache;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;
import org.livercast.pathology.tiff.TiffException;
import org.livercast.pathology.tiff.TiffFile;
import org.livercast.pathology.tiff.TileCodecs;

/**
 * A Hamamatsu NDPI slide (NanoZoomer), read as OpenSlide reads it. Each pyramid level is one directory holding the
 * whole level as a single JPEG; its restart intervals are the tiles — one MCU row high, the interval's MCUs wide —
 * each decoded alone by the level's header with the frame size set to one interval. A level without restart markers
 * (the scanner's small levels) is one tile. The directory with source lens -1 is the associated image "macro"; the
 * focus map (-2) and other focal planes are not read.
 *
 * <p>The levels are OpenSlide's: each directory the scanner wrote and, between and below them, the same directory at
 * 1/2, 1/4 and 1/8 by the JPEG decoder's scaled DCT ({@link ScaledLevels}), where a stored level of that size is not
 * there already — a NanoZoomer stores levels 4× apart, so its 1/2 and 1/8 come from here.
 */
public final class NdpiSlide implements WholeSlide, LevelStorage {
    /** The largest level decoded as one tile when it has no restart markers: 16k × 16k pixels, 1 GiB of RGB. */
    static final long MAX_SINGLE_TILE_PIXELS = 1L << 28;

    private final TiffFile tiff;
    private final List<Level> levels;
    private final List<ScaledLevels.Source> sources;
    private final List<LevelJpeg> jpegs;
    private final Integer macroIfd;
    private final Map<String, String> properties;
    private final TileCache cache;

    /** One level's JPEG: its header patched to one interval, and where each interval lies. */
    private record LevelJpeg(byte[] intervalHeader, RestartIndex index, long stripOffset, long stripBytes, JpegHeader header) {}

    private NdpiSlide(TiffFile tiff) throws IOException {
        this.tiff = tiff;
        Path path = tiff.path();
        List<Ifd> pyramid = new ArrayList<>();
        Integer macro = null;
        for (Ifd ifd : tiff.ifds()) {
            double lens = ifd.real(NdpiTags.SOURCE_LENS, Double.NaN);
            if (Double.isNaN(lens)) throw new TiffException(path + ": directory " + ifd.index() + " has no NDPI source lens (tag 65421)");
            if (lens == -1 && macro == null) macro = ifd.index();
            if (lens > 0 && ifd.number(NdpiTags.FOCAL_PLANE, 0) == 0) pyramid.add(ifd);
        }
        if (pyramid.isEmpty()) throw new TiffException(path + ": no NDPI pyramid level (no directory with a positive source lens in focal plane 0)");
        pyramid.sort(Comparator.comparingLong((Ifd i) -> i.width()).reversed());
        for (int i = 1; i < pyramid.size(); i++) {
            if (pyramid.get(i).width() == pyramid.get(i - 1).width()) {
                throw new TiffException(path + ": directories " + pyramid.get(i - 1).index() + " and " + pyramid.get(i).index()
                        + " are both " + pyramid.get(i).width() + " pixels wide in focal plane 0; which is the level is unclear");
            }
        }
        this.macroIfd = macro;
        List<ScaledLevels.Stored> stored = new ArrayList<>();
        List<LevelJpeg> jp = new ArrayList<>();
        long smallestTile = Long.MAX_VALUE;
        for (Ifd ifd : pyramid) {
            int index = stored.size();
            String where = path + ": directory " + ifd.index() + " (stored level " + index + ")";
            if (ifd.compression() != 7 && ifd.compression() != 6) throw new TiffException(where + ": compression " + ifd.compression() + " is not JPEG");
            long[] offsets = ifd.numbers(Ifd.STRIP_OFFSETS);
            long[] counts = ifd.numbers(Ifd.STRIP_BYTE_COUNTS);
            if (offsets.length != 1 || counts.length != 1) throw new TiffException(where + ": " + offsets.length + " strips, not the one JPEG NDPI stores");
            long rowsPerStrip = ifd.number(Ifd.ROWS_PER_STRIP, ifd.height());
            if (rowsPerStrip < ifd.height()) throw new TiffException(where + ": rows per strip " + rowsPerStrip + " is less than the height " + ifd.height());
            JpegHeader header = JpegHeader.parse(tiff.bytes(offsets[0], Math.min(counts[0], 1 << 16), where + " JPEG header"), where);
            int w = ifd.width();
            int h = ifd.height();
            int tw;
            int th;
            RestartIndex index2 = null;
            if (header.restartMcus() == 0) {
                if ((long) w * h > MAX_SINGLE_TILE_PIXELS) {
                    throw new TiffException(where + ": a " + w + "x" + h + " JPEG without restart markers is too large to decode as one tile");
                }
                tw = w;
                th = h;
            } else {
                int mcusPerRow = (w + header.mcuWidth() - 1) / header.mcuWidth();
                if (header.restartMcus() > mcusPerRow || mcusPerRow % header.restartMcus() != 0) {
                    throw new TiffException(where + ": a restart interval of " + header.restartMcus() + " MCUs does not divide the " + mcusPerRow
                            + " MCUs of a row, so intervals are not tiles");
                }
                tw = header.mcuWidth() * header.restartMcus();
                th = header.mcuHeight();
                int intervals = (mcusPerRow / header.restartMcus()) * ((h + th - 1) / th);
                index2 = new RestartIndex(tiff::bytes, where, offsets[0] + header.bytes().length, offsets[0] + counts[0], intervals,
                        recordedStarts(ifd, offsets[0], intervals));
            }
            smallestTile = Math.min(smallestTile, (long) tw * th);
            stored.add(new ScaledLevels.Stored(w, h, tw, th, ifd.index()));
            jp.add(new LevelJpeg(header.withFrameSize(tw, th), index2, offsets[0], counts[0], header));
        }
        List<Level> lv = new ArrayList<>();
        this.sources = ScaledLevels.of(stored, lv);
        this.levels = List.copyOf(lv);
        this.jpegs = List.copyOf(jp);
        // Keep as many pixels as a slide of 256-pixel tiles keeps: NDPI's tiles are thin (often 16 rows).
        this.cache = new TileCache((int) Math.max(TileCache.DEFAULT_CAPACITY, TileCache.DEFAULT_CAPACITY * 65_536L / smallestTile));
        this.properties = properties(tiff, levels);
    }

    /** MCU_STARTS (+ the high halves) as absolute offsets, or null when absent or of the wrong count. */
    private static long[] recordedStarts(Ifd ifd, long stripOffset, int intervals) {
        long[] low = ifd.numbers(NdpiTags.MCU_STARTS);
        if (low.length != intervals) return null;
        long[] high = ifd.numbers(NdpiTags.MCU_STARTS_HIGH);
        long[] out = new long[intervals];
        for (int i = 0; i < intervals; i++) out[i] = stripOffset + (low[i] | (high.length == intervals ? high[i] << 32 : 0));
        return out;
    }

    private static Map<String, String> properties(TiffFile tiff, List<Level> levels) {
        Map<String, String> p = new LinkedHashMap<>();
        Ifd first = tiff.ifds().get(0);
        p.put("openslide.vendor", "hamamatsu");
        for (var t : Map.of(Ifd.IMAGE_DESCRIPTION, "ImageDescription", 271, "Make", 272, "Model", Ifd.SOFTWARE, "Software", 306, "DateTime").entrySet()) {
            String v = first.text(t.getKey());
            if (v != null) p.put("tiff." + t.getValue(), v);
        }
        long unit = first.number(Ifd.RESOLUTION_UNIT, 2);
        if (unit == 2) p.put("tiff.ResolutionUnit", "inch");
        if (unit == 3) p.put("tiff.ResolutionUnit", "centimeter");
        double xres = first.real(Ifd.X_RESOLUTION, 0);
        double yres = first.real(Ifd.Y_RESOLUTION, 0);
        if (first.has(Ifd.X_RESOLUTION)) p.put("tiff.XResolution", Double.toString(xres));
        if (first.has(Ifd.Y_RESOLUTION)) p.put("tiff.YResolution", Double.toString(yres));
        // As OpenSlide: MPP only from centimetre resolutions.
        if (unit == 3 && xres > 0) p.put("openslide.mpp-x", number(10_000.0 / xres));
        if (unit == 3 && yres > 0) p.put("openslide.mpp-y", number(10_000.0 / yres));
        double lens = first.real(NdpiTags.SOURCE_LENS, Double.NaN);
        if (!Double.isNaN(lens)) {
            p.put("hamamatsu.SourceLens", number(lens));
            p.put("openslide.objective-power", number(lens));
        }
        if (first.has(NdpiTags.X_OFFSET_NM)) p.put("hamamatsu.XOffsetFromSlideCentre", Long.toString(signed(first.number(NdpiTags.X_OFFSET_NM, 0))));
        if (first.has(NdpiTags.Y_OFFSET_NM)) p.put("hamamatsu.YOffsetFromSlideCentre", Long.toString(signed(first.number(NdpiTags.Y_OFFSET_NM, 0))));
        String reference = first.text(NdpiTags.REFERENCE);
        if (reference != null) p.put("hamamatsu.Reference", reference);
        String map = first.text(NdpiTags.PROPERTY_MAP);
        if (map != null) {
            for (String record : map.split("\r\n")) {
                int eq = record.indexOf('=');
                if (eq > 0 && eq < record.length() - 1) p.put("hamamatsu." + record.substring(0, eq), record.substring(eq + 1));
            }
        }
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    /** A signed 32-bit value the TIFF reader returned as a type it reads unsigned (SLONG is read signed already). */
    private static long signed(long v) { return v > Integer.MAX_VALUE ? (int) v : v; }

    /** A number as OpenSlide prints it: shortest form, no ".0" on whole numbers. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    public static NdpiSlide open(Path path) throws IOException { return of(TiffFile.open(path)); }

    /** The slide in an opened NDPI file, which it then owns (and closes, also when this fails). */
    public static NdpiSlide of(TiffFile t) throws IOException {
        try {
            if (!t.ndpi()) throw new TiffException(t.path() + ": not a Hamamatsu NDPI file (no NDPI format flag or NDP.scan software tag)");
            return new NdpiSlide(t);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return macroIfd == null ? List.of() : List.of("macro"); }

    /** Whether level {@code level}'s interval starts come from the file (MCU_STARTS) rather than a scan; false when it has one tile. */
    public boolean recordedIntervalStarts(int level) throws IOException {
        RestartIndex index = jpegs.get(sources.get(checked(level).index()).stored()).index();
        return index != null && index.usesRecordedStarts();
    }

    /** How level {@code level} is stored, in words: its directory, JPEG and restart intervals (for `slide info`). */
    @Override
    public List<String> storage(int level) {
        Level l = checked(level);
        ScaledLevels.Source source = sources.get(level);
        LevelJpeg j = jpegs.get(source.stored());
        String jpeg = String.format(java.util.Locale.ROOT, "directory %d: one JPEG of %,d bytes, MCU %dx%d", l.ifd(), j.stripBytes(),
                j.header().mcuWidth(), j.header().mcuHeight());
        if (source.denominator() > 1) jpeg += ", decoded at 1/" + source.denominator() + " (the decoder's scaled DCT)";
        if (j.index() == null) return List.of(jpeg + ", no restart markers (decoded whole)");
        return List.of(String.format(java.util.Locale.ROOT, "%s, restart intervals of %d MCUs (%d tiles, starts %s)", jpeg, j.header().restartMcus(),
                l.tilesAcross() * l.tilesDown(), j.index().usesRecordedStarts() ? "recorded in MCU_STARTS" : "found by scanning the JPEG"));
    }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        Level l = checked(level);
        l.checkTile(column, row);
        int[] px = cache.get(level, column, row, () -> decode(l, column, row));
        return new RgbImage(l.tileWidth(), l.tileHeight(), px);
    }

    private int[] decode(Level l, int column, int row) throws IOException {
        ScaledLevels.Source source = sources.get(l.index());
        LevelJpeg j = jpegs.get(source.stored());
        int d = source.denominator();
        // the stored tile's size: a scaled level's tile is the stored one at 1/d
        int tw = l.tileWidth() * d;
        int th = l.tileHeight() * d;
        String where = tiff.path() + ": level " + l.index() + " (directory " + l.ifd() + (d > 1 ? " at 1/" + d : "") + ") tile (" + column + ", " + row + ")";
        if (j.index() == null) {
            byte[] whole = tiff.bytes(j.stripOffset(), j.stripBytes(), "level " + l.index() + " JPEG");
            // The frame may give 0 or a placeholder for a dimension JPEG cannot hold; the directory's size is the truth.
            byte[] stream = JpegHeader.stream(j.intervalHeader(), Arrays.copyOfRange(whole, j.intervalHeader().length, whole.length), false);
            return TileCodecs.decodeJpegScaled(stream, tw, th, d, where);
        }
        byte[] data = j.index().interval(row * l.tilesAcross() + column);
        return TileCodecs.decodeJpegScaled(JpegHeader.stream(j.intervalHeader(), data, true), tw, th, d, where);
    }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        if (!"macro".equals(name) || macroIfd == null) {
            throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associatedImages());
        }
        Ifd ifd = tiff.ifds().get(macroIfd);
        long[] offsets = ifd.numbers(Ifd.STRIP_OFFSETS);
        long[] counts = ifd.numbers(Ifd.STRIP_BYTE_COUNTS);
        if (offsets.length != 1 || counts.length != 1) throw new TiffException(tiff.path() + ": macro (directory " + macroIfd + ") is not one JPEG strip");
        byte[] jpeg = tiff.bytes(offsets[0], counts[0], "macro JPEG");
        return new RgbImage(ifd.width(), ifd.height(), TileCodecs.decodeJpeg(jpeg, ifd.width(), ifd.height(), tiff.path() + ": macro"));
    }

    private Level checked(int index) {
        if (index < 0 || index >= levels.size()) throw new IllegalArgumentException("level " + index + " does not exist; the slide has " + levels.size());
        return levels.get(index);
    }

    @Override
    public void close() throws IOException { tiff.close(); }
}
