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
import org.livercast.pathology.slide.SlideProperties;
import org.livercast.pathology.slide.TileCache;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.TiffException;

/**
 * A Hamamatsu VMU slide (uncompressed, 12 bits a sample), read as OpenSlide 3.4 reads it: two levels, the image and
 * its map, each an {@link NgrFile}; BitsPerPixel must be 36 and PixelOrder RGB, as OpenSlide requires.
 */
public final class VmuSlide implements WholeSlide, LevelStorage {
    private final VmsIndexFile index;
    private final List<NgrFile> files;
    private final List<Level> levels;
    private final Map<String, String> properties;
    private final TileCache cache = new TileCache(TileCache.DEFAULT_CAPACITY * 16);

    private VmuSlide(VmsIndexFile index) throws IOException {
        this.index = index;
        String bits = index.values().get("BitsPerPixel");
        if (!"36".equals(bits == null ? null : bits.strip())) throw new TiffException(index.file() + ": BitsPerPixel = " + bits + "; a VMU slide's must be 36");
        String order = index.values().get("PixelOrder");
        if (!"RGB".equals(order == null ? null : order.strip())) throw new TiffException(index.file() + ": PixelOrder = " + order + "; a VMU slide's must be RGB");
        List<NgrFile> opened = new ArrayList<>();
        try {
            opened.add(NgrFile.open(index.images().get(0), "ImageFile of " + index.file()));
            opened.add(NgrFile.open(index.map(), "MapFile of " + index.file()));
        } catch (IOException | RuntimeException e) {
            for (NgrFile f : opened) f.close();
            throw e;
        }
        this.files = List.copyOf(opened);
        List<Level> lv = new ArrayList<>();
        NgrFile base = files.get(0);
        for (NgrFile f : files) {
            double downsample = ((double) base.width() / f.width() + (double) base.height() / f.height()) / 2;
            lv.add(new Level(lv.size(), f.width(), f.height(), downsample, f.columnWidth(), NgrFile.TILE_HEIGHT, -1));
        }
        this.levels = List.copyOf(lv);
        Map<String, String> p = new LinkedHashMap<>(index.properties());
        String mppX = index.micronsPerPixel("PhysicalWidth", base.width());
        String mppY = index.micronsPerPixel("PhysicalHeight", base.height());
        if (mppX != null) p.put("openslide.mpp-x", mppX);
        if (mppY != null) p.put("openslide.mpp-y", mppY);
        SlideProperties.putLevels(p, levels);
        this.properties = Map.copyOf(p);
    }

    public static VmuSlide open(Path vmu) throws IOException {
        VmsIndexFile index = VmsIndexFile.read(vmu);
        if (index.compressed()) throw new TiffException(vmu + ": a JPEG (VMS) slide; open it with VmsSlide");
        return new VmuSlide(index);
    }

    public VmsIndexFile index() { return index; }

    @Override
    public List<String> storage(int level) {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        Path f = level == 0 ? index.images().get(0) : index.map();
        return List.of(f.getFileName() + ": uncompressed NGR, columns of " + files.get(level).columnWidth() + " px, 12 bits a sample"
                + (level == 1 ? " (the map)" : ""));
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return index.associatedImages(); }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        Level l = levels.get(level);
        l.checkTile(column, row);
        return new RgbImage(l.tileWidth(), l.tileHeight(), cache.get(level, column, row, () -> files.get(level).tile(column, row)));
    }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException { return index.associatedImage(name); }

    @Override
    public void close() throws IOException {
        for (NgrFile f : files) f.close();
    }
}
