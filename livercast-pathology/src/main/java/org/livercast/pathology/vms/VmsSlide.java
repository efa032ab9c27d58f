package org.livercast.pathology.vms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.livercast.pathology.tiff.TileCodecs;
import org.livercast.pathology.tiff.TiffException;

/**
 * A Hamamatsu VMS slide (the NanoZoomer's format before NDPI), read as OpenSlide 3.4 reads it. The .vms names a grid
 * of JPEG files that together are the full-size image, a map (the whole slide, small) and the macro photograph. Each
 * JPEG's restart intervals are its tiles ({@link IntervalJpegFile}); the grid's files share one tile size and are
 * placed side by side. The levels are the grid and the map, each also at 1/2, 1/4 and 1/8 by the decoder's scaled
 * DCT ({@link ScaledLevels}), as OpenSlide gives them — level for level, pixel for pixel. Other focal planes
 * ({@code ImageFile(z,x,y)}, z ≠ 0) are not read. The optimisation file, when there is one, says where each MCU row
 * begins ({@link OptimisationFile}): a tile is found by scanning its row, not the file up to it; without one, a file
 * is scanned forward only as far as the tiles asked for (as OpenSlide does); where a record proves wrong, the whole
 * file is scanned for its restart markers once.
 */
public final class VmsSlide implements WholeSlide, LevelStorage {
    private final VmsIndexFile index;
    private final List<IntervalJpegFile> grid;
    private final IntervalJpegFile map;
    private final int fileAcross; // tiles across one grid file (all but the last column)
    private final int fileDown;
    private final List<Level> levels;
    private final List<ScaledLevels.Source> sources;
    private final Map<String, String> properties;
    private final TileCache cache;

    private VmsSlide(VmsIndexFile index) throws IOException {
        this.index = index;
        List<IntervalJpegFile> files = new ArrayList<>();
        IntervalJpegFile mapFile = null;
        try {
            for (int i = 0; i < index.images().size(); i++) {
                files.add(IntervalJpegFile.open(index.images().get(i), "ImageFile of column " + i % index.columns() + ", row " + i / index.columns() + " in " + index.file()));
            }
            mapFile = IntervalJpegFile.open(index.map(), "MapFile of " + index.file());
        } catch (IOException | RuntimeException e) {
            for (IntervalJpegFile f : files) f.close();
            throw e;
        }
        this.grid = List.copyOf(files);
        this.map = mapFile;
        recordRowStarts();
        IntervalJpegFile first = grid.get(0);
        this.fileAcross = first.across();
        this.fileDown = first.down();
        long width = 0;
        long height = 0;
        for (int c = 0; c < index.columns(); c++) width += file(c, 0).width();
        for (int r = 0; r < index.rows(); r++) height += file(0, r).height();
        checkGrid(first);
        List<ScaledLevels.Stored> stored = List.of(new ScaledLevels.Stored(width, height, first.tileWidth(), first.tileHeight(), -1),
                new ScaledLevels.Stored(map.width(), map.height(), map.tileWidth(), map.tileHeight(), -1));
        List<Level> lv = new ArrayList<>();
        this.sources = ScaledLevels.of(stored, lv);
        this.levels = List.copyOf(lv);
        // Keep as many pixels as a slide of 256-pixel tiles keeps: these tiles are one MCU row high. Counted in level 0's
        // tiles: counted in the smallest scaled level's (32 x 1 px) the cache would hold half a gigabyte of level 0.
        long tilePixels = (long) first.tileWidth() * first.tileHeight();
        this.cache = new TileCache((int) Math.max(TileCache.DEFAULT_CAPACITY, TileCache.DEFAULT_CAPACITY * 65_536L / tilePixels));
        this.properties = properties(width, height);
    }

    /**
     * The optimisation file's row starts for each file it records — the grid's files row after row, then the map — read
     * when the file's first tile is (opening a slide reads none of it).
     */
    private void recordRowStarts() {
        List<IntervalJpegFile> all = new ArrayList<>(grid);
        all.add(map);
        long first = 0;
        for (IntervalJpegFile f : all) {
            long from = first;
            f.recordRowStarts(() -> OptimisationFile.rowStarts(index.optimisation(), from, f.down()));
            first += f.down();
        }
    }

    /** Bytes read from the grid's file at (column, row) so far. */
    long bytesRead(int column, int row) { return file(column, row).bytesRead(); }

    /** Whether every file's tiles are found from the optimisation file's row starts (none failed a check). */
    boolean usesOptimisationFile() {
        return grid.stream().allMatch(IntervalJpegFile::usesRecordedStarts) && map.usesRecordedStarts();
    }

    /** The grid's files share the tile size; all but the last column are whole intervals wide, all but the last row whole intervals high. */
    private void checkGrid(IntervalJpegFile first) {
        for (int r = 0; r < index.rows(); r++) {
            for (int c = 0; c < index.columns(); c++) {
                IntervalJpegFile f = file(c, r);
                if (f.tileWidth() != first.tileWidth() || f.tileHeight() != first.tileHeight()) {
                    throw new TiffException(f.file() + ": tiles (restart intervals) of " + f.tileWidth() + "x" + f.tileHeight() + " where " + first.file()
                            + " has " + first.tileWidth() + "x" + first.tileHeight() + "; a VMS image's files share one tile size");
                }
                if (f.width() != file(c, 0).width() || f.height() != file(0, r).height()) {
                    throw new TiffException(f.file() + ": " + f.width() + "x" + f.height() + " does not line up with the images beside it in the grid of " + index.file());
                }
                if (c + 1 < index.columns() && (f.across() != fileAcross || f.width() != (long) fileAcross * f.tileWidth())) {
                    throw new TiffException(f.file() + ": " + f.width() + " pixels wide, not " + fileAcross + " whole tiles of " + f.tileWidth()
                            + "; only the last column of a VMS grid may end in part of a tile");
                }
                if (r + 1 < index.rows() && (f.down() != fileDown || f.height() != (long) fileDown * f.tileHeight())) {
                    throw new TiffException(f.file() + ": " + f.height() + " pixels high, not " + fileDown + " whole tiles of " + f.tileHeight()
                            + "; only the last row of a VMS grid may end in part of a tile");
                }
            }
        }
    }

    private IntervalJpegFile file(int column, int row) { return grid.get(row * index.columns() + column); }

    private Map<String, String> properties(long width, long height) {
        Map<String, String> p = new LinkedHashMap<>(index.properties());
        String comment = grid.get(0).comment();
        if (comment != null) p.put("openslide.comment", comment);
        String mppX = index.micronsPerPixel("PhysicalWidth", width);
        String mppY = index.micronsPerPixel("PhysicalHeight", height);
        if (mppX != null) p.put("openslide.mpp-x", mppX);
        if (mppY != null) p.put("openslide.mpp-y", mppY);
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    public static VmsSlide open(Path vms) throws IOException {
        VmsIndexFile index = VmsIndexFile.read(vms);
        if (!index.compressed()) throw new TiffException(vms + ": an uncompressed (VMU) slide; open it with VmuSlide");
        return new VmsSlide(index);
    }

    /** The .vms and the files it names. */
    public VmsIndexFile index() { return index; }

    @Override
    public List<String> storage(int level) {
        Level l = checked(level);
        ScaledLevels.Source s = sources.get(level);
        String scale = s.denominator() > 1 ? ", decoded at 1/" + s.denominator() + " (the decoder's scaled DCT)" : "";
        IntervalJpegFile f = s.stored() == 0 ? grid.get(0) : map;
        String intervals = String.format(java.util.Locale.ROOT, "restart intervals of %dx%d px%s", f.tileWidth(), f.tileHeight(), scale);
        boolean recorded = s.stored() == 0 ? grid.stream().allMatch(IntervalJpegFile::usesRecordedStarts) : map.usesRecordedStarts();
        intervals += recorded ? ", row starts from " + index.optimisation().getFileName() : ", starts found by scanning each JPEG forward";
        if (s.stored() == 1) return List.of(map.file().getFileName() + ": the map, " + map.width() + "x" + map.height() + ", " + intervals);
        return List.of(String.format(java.util.Locale.ROOT, "%d x %d JPEG files (%s … %s), %s; %d tiles", index.columns(), index.rows(),
                grid.get(0).file().getFileName(), grid.get(grid.size() - 1).file().getFileName(), intervals, (long) l.tilesAcross() * l.tilesDown()));
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return index.associatedImages(); }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        Level l = checked(level);
        l.checkTile(column, row);
        int[] px = cache.get(level, column, row, () -> decode(l, column, row));
        return new RgbImage(l.tileWidth(), l.tileHeight(), px);
    }

    private int[] decode(Level l, int column, int row) throws IOException {
        ScaledLevels.Source s = sources.get(l.index());
        IntervalJpegFile f;
        int c = column;
        int r = row;
        if (s.stored() == 0) {
            int fc = Math.min(column / fileAcross, index.columns() - 1);
            int fr = Math.min(row / fileDown, index.rows() - 1);
            f = file(fc, fr);
            c = column - fc * fileAcross;
            r = row - fr * fileDown;
        } else {
            f = map;
        }
        String where = f.file() + ": tile (" + c + ", " + r + ") for level " + l.index();
        return TileCodecs.decodeJpegScaled(f.tile(c, r), f.tileWidth(), f.tileHeight(), s.denominator(), where);
    }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException { return index.associatedImage(name); }

    private Level checked(int index) {
        if (index < 0 || index >= levels.size()) throw new IllegalArgumentException("level " + index + " does not exist; the slide has " + levels.size());
        return levels.get(index);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (IntervalJpegFile f : grid) {
            try {
                f.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        map.close();
        if (first != null) throw first;
    }
}
