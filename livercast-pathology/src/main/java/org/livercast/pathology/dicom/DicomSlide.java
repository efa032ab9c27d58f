package org.livercast.pathology.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.livercast.imaging.dicom.DicomFileException;
import org.livercast.imaging.dicom.DicomObject;
import org.livercast.imaging.dicom.DicomReader;
import org.livercast.imaging.dicom.Tag;
import org.livercast.pathology.slide.Jpeg2000TileAccess;
import org.livercast.pathology.slide.JpegTileAccess;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.LevelStorage;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.SlideProperties;
import org.livercast.pathology.slide.TileCache;
import org.livercast.pathology.slide.WholeSlide;

/**
 * A whole-slide image stored as DICOM (VL Whole Slide Microscopy Image, PS3.3 A.32.8), as a scanner or a PACS exports
 * it: one series, each pyramid level an instance whose frames are its tiles, and the label and overview images
 * instances of their own. Read as OpenSlide 4 reads it: levels are the tiled VOLUME and THUMBNAIL instances in
 * decreasing size (one a size; a second copy of a level is ignored; a level split into a concatenation's parts is one
 * level), LABEL is the associated image "label" and
 * OVERVIEW "macro". Microns per pixel come from the level-0 Pixel Spacing (mm), objective power from the optical path.
 * Only a file's header is read on opening; tiles are read one frame at a time.
 */
public final class DicomSlide implements WholeSlide, JpegTileAccess, Jpeg2000TileAccess, LevelStorage {
    private final List<WsiInstance> instances;
    /** Each level's instances: one, or the parts of a concatenation (a level split over several files). */
    private final List<List<WsiInstance>> levelParts;
    private final List<Level> levels;
    private final Map<String, WsiInstance> associated;
    private final Map<String, String> properties;
    private final TileCache cache = new TileCache(TileCache.DEFAULT_CAPACITY);

    private DicomSlide(List<WsiInstance> all, String where) {
        this.instances = all;
        // A level is one instance, or the parts sharing a Concatenation UID.
        Map<String, List<WsiInstance>> groups = new LinkedHashMap<>();
        for (WsiInstance i : all) {
            if (!i.flavour.equals("VOLUME") && !i.flavour.equals("THUMBNAIL")) continue;
            String key = i.concatenation() != null ? "concatenation " + i.concatenation() : "instance " + i.data.string(Tag.SOPInstanceUID) + " " + i.path;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        if (groups.isEmpty()) throw new DicomFileException(where, Tag.ImageType, "no VOLUME instance: the series holds no pyramid level");
        List<List<WsiInstance>> pyramid = new ArrayList<>(groups.values());
        for (List<WsiInstance> parts : pyramid) parts.sort(Comparator.comparingInt(WsiInstance::frameOffset));
        pyramid.sort(Comparator.comparingLong((List<WsiInstance> g) -> g.get(0).width).reversed()
                .thenComparing(g -> g.get(0).flavour.equals("THUMBNAIL")));
        List<List<WsiInstance>> kept = new ArrayList<>();
        for (List<WsiInstance> g : pyramid) {
            WsiInstance last = kept.isEmpty() ? null : kept.get(kept.size() - 1).get(0);
            if (last == null || last.width != g.get(0).width || last.height != g.get(0).height) kept.add(List.copyOf(g));
        }
        for (List<WsiInstance> g : kept) complete(g);
        this.levelParts = List.copyOf(kept);
        double w0 = kept.get(0).get(0).width;
        double h0 = kept.get(0).get(0).height;
        List<Level> lv = new ArrayList<>();
        for (List<WsiInstance> g : kept) {
            WsiInstance i = g.get(0);
            lv.add(new Level(lv.size(), i.width, i.height, (w0 / i.width + h0 / i.height) / 2, i.tileWidth, i.tileHeight, lv.size()));
        }
        this.levels = List.copyOf(lv);
        this.associated = new LinkedHashMap<>();
        for (WsiInstance i : all) {
            if (i.flavour.equals("LABEL")) associated.putIfAbsent("label", i);
            if (i.flavour.equals("OVERVIEW")) associated.putIfAbsent("macro", i);
        }
        this.properties = properties(kept.get(0).get(0), levels);
    }

    /**
     * A concatenated level must have all its parts (In-concatenation Total Number), and when TILED_FULL a frame for
     * every tile: a missing part is named, not painted white.
     */
    private static void complete(List<WsiInstance> parts) {
        WsiInstance first = parts.get(0);
        if (first.concatenation() == null) return;
        int total = first.data.intValue(0x00209163, 0);
        if (total > parts.size()) {
            throw new DicomFileException(first.path.toString(), 0x00209163, "the concatenation has " + parts.size() + " of its " + total
                    + " parts: a part is missing");
        }
        if (!"TILED_FULL".equals(first.data.string(WsiTags.DimensionOrganizationType))) return;
        int held = 0;
        for (int r = 0; r < first.tilesDown(); r++) {
            for (int c = 0; c < first.tilesAcross(); c++) {
                final int col = c;
                final int row = r;
                if (parts.stream().anyMatch(p -> p.has(col, row))) held++;
            }
        }
        int tiles = first.tilesAcross() * first.tilesDown();
        if (held < tiles) {
            throw new DicomFileException(first.path.toString(), 0x00209161, "the concatenation's " + parts.size() + " parts hold frames for " + held
                    + " of the level's " + tiles + " tiles: a part is missing (In-concatenation Total Number "
                    + first.data.intValue(0x00209163, 0) + ")");
        }
    }

    /** The part of a level that holds the tile, or its first part when none does (then the tile is background). */
    private WsiInstance partFor(int level, int column, int row) {
        List<WsiInstance> parts = levelParts.get(level);
        for (WsiInstance p : parts) if (p.has(column, row)) return p;
        return parts.get(0);
    }

    /**
     * Opens a slide from one file or a folder (searched to any depth) of DICOM files; files of other SOP classes are
     * passed over, and a folder with more than one slide series is refused naming them.
     */
    public static DicomSlide open(Path fileOrFolder) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> s = Files.walk(fileOrFolder)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            files = List.of(fileOrFolder);
        }
        List<Path> wsi = new ArrayList<>();
        for (Path p : files) if (isWholeSlide(p)) wsi.add(p);
        if (wsi.isEmpty()) throw new DicomFileException(fileOrFolder.toString(), Tag.SOPClassUID, "no VL Whole Slide Microscopy Image (" + WsiTags.SOP_CLASS + ") here");
        return open(wsi);
    }

    /** Opens the instances of one slide series. */
    public static DicomSlide open(List<Path> instanceFiles) throws IOException {
        List<WsiInstance> all = new ArrayList<>();
        try {
            for (Path p : instanceFiles) all.add(WsiInstance.open(p));
            Map<String, List<String>> series = new TreeMap<>();
            for (WsiInstance i : all) series.computeIfAbsent(String.valueOf(i.seriesUid()), k -> new ArrayList<>()).add(i.path.getFileName().toString());
            String where = instanceFiles.get(0).getParent() == null ? instanceFiles.get(0).toString() : instanceFiles.get(0).getParent().toString();
            if (series.size() > 1) {
                throw new DicomFileException(where, Tag.SeriesInstanceUID, series.size() + " slide series where one slide was expected: " + series);
            }
            return new DicomSlide(List.copyOf(all), where);
        } catch (IOException | RuntimeException e) {
            for (WsiInstance i : all) i.close();
            throw e;
        }
    }

    /** True when the file is DICOM of the VL Whole Slide Microscopy class (reads its meta information only). */
    public static boolean isWholeSlide(Path p) throws IOException {
        DicomObject meta = DicomReader.meta(p);
        return meta != null && WsiTags.SOP_CLASS.equals(meta.string(Tag.MediaStorageSOPClassUID));
    }

    private static Map<String, String> properties(WsiInstance base, List<Level> levels) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openslide.vendor", "dicom");
        double[] spacingMm = pixelSpacingMm(base);
        if (spacingMm != null) {
            p.put("openslide.mpp-x", Double.toString(spacingMm[1] * 1000));   // Pixel Spacing is row (y) then column (x)
            p.put("openslide.mpp-y", Double.toString(spacingMm[0] * 1000));
        }
        DicomObject path = WsiInstance.first(base.data, WsiTags.OpticalPathSequence);
        if (path != null && path.string(WsiTags.ObjectiveLensPower) != null) {
            p.put("openslide.objective-power", trimNumber(path.doubleValue(WsiTags.ObjectiveLensPower, 0)));
        }
        Map<String, Integer> identifying = new LinkedHashMap<>();
        identifying.put("Manufacturer", Tag.Manufacturer);
        identifying.put("ManufacturerModelName", Tag.ManufacturerModelName);
        identifying.put("SoftwareVersions", 0x00181020);
        identifying.put("SeriesInstanceUID", Tag.SeriesInstanceUID);
        identifying.put("StudyInstanceUID", Tag.StudyInstanceUID);
        identifying.forEach((name, tag) -> {
            String v = base.data.string(tag);
            if (v != null) p.put("dicom." + name, v);
        });
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    private static String trimNumber(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    /** Pixel Spacing of the shared functional groups (or of the first frame's), in mm: row spacing, column spacing. */
    private static double[] pixelSpacingMm(WsiInstance i) {
        for (int fg : new int[] {WsiTags.SharedFunctionalGroupsSequence, WsiTags.PerFrameFunctionalGroupsSequence}) {
            DicomObject groups = WsiInstance.first(i.data, fg);
            DicomObject measures = groups == null ? null : WsiInstance.first(groups, WsiTags.PixelMeasuresSequence);
            double[] s = measures == null ? new double[0] : measures.doubles(Tag.PixelSpacing);
            if (s.length == 2 && s[0] > 0 && s[1] > 0) return s;
        }
        double widthMm = i.data.doubleValue(WsiTags.ImagedVolumeWidth, 0);
        double heightMm = i.data.doubleValue(WsiTags.ImagedVolumeHeight, 0);
        return widthMm > 0 && heightMm > 0 ? new double[] {heightMm / i.height, widthMm / i.width} : null;
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return List.copyOf(associated.keySet()); }

    /**
     * How each level is stored, for a person checking an export: its files, and for each its organisation, transfer
     * syntax, photometric interpretation and frame count ("level-0.dcm: TILED_FULL, jpeg baseline YBR_FULL_422, 30 frames").
     */
    @Override
    public List<String> storage(int level) {
        return levelParts.get(checked(level)).stream().map(i -> i.path.getFileName() + ": " + i.storage()).toList();
    }

    /** The data set of a level's instance (without pixels): its attributes for de-identification or display. */
    public DicomObject attributes(int level) { return levelParts.get(checked(level)).get(0).data; }

    /** The ICC Profile (0028,2000) of level 0's first optical path (Optical Path Sequence, 0048,0105), as OpenSlide 4 gives it. */
    @Override
    public java.util.Optional<byte[]> iccProfile() {
        for (DicomObject path : attributes(0).sequence(0x00480105)) {
            java.util.Optional<byte[]> icc = path.get(WsiTags.IccProfile).map(org.livercast.imaging.dicom.DicomElement::value).filter(v -> v.length > 0);
            if (icc.isPresent()) return icc;
        }
        return java.util.Optional.empty();
    }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        WsiInstance i = associated.get(name);
        if (i == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associated.keySet());
        if (i.tilesAcross() * i.tilesDown() != 1) {
            // A tiled label: assembled from its tiles.
            int[] out = new int[(int) (i.width * i.height)];
            for (int r = 0; r < i.tilesDown(); r++) {
                for (int c = 0; c < i.tilesAcross(); c++) {
                    int[] t = i.tile(c, r);
                    for (int y = 0; y < i.tileHeight && r * i.tileHeight + y < i.height; y++) {
                        int n = (int) Math.min(i.tileWidth, i.width - (long) c * i.tileWidth);
                        System.arraycopy(t, y * i.tileWidth, out, (int) ((r * i.tileHeight + y) * i.width + (long) c * i.tileWidth), n);
                    }
                }
            }
            return new RgbImage((int) i.width, (int) i.height, out);
        }
        int[] t = i.frame(0);
        if (i.width == i.tileWidth && i.height == i.tileHeight) return new RgbImage(i.tileWidth, i.tileHeight, t);
        int[] out = new int[(int) (i.width * i.height)];
        for (int y = 0; y < i.height; y++) System.arraycopy(t, y * i.tileWidth, out, (int) (y * i.width), (int) i.width);
        return new RgbImage((int) i.width, (int) i.height, out);
    }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        Level l = levels.get(checked(level));
        l.checkTile(column, row);
        WsiInstance i = partFor(level, column, row);
        int[] px = cache.get(level, column, row, () -> i.tile(column, row));
        return new RgbImage(l.tileWidth(), l.tileHeight(), px);
    }

    @Override
    public byte[] jpegTile(int level, int column, int row) throws IOException {
        Level l = levels.get(checked(level));
        if (column < 0 || row < 0 || column >= l.tilesAcross() || row >= l.tilesDown()) return null;
        return partFor(level, column, row).jpegFrame(column, row);
    }

    @Override
    public byte[] jpeg2000Tile(int level, int column, int row) throws IOException {
        Level l = levels.get(checked(level));
        if (column < 0 || row < 0 || column >= l.tilesAcross() || row >= l.tilesDown()) return null;
        return partFor(level, column, row).jpeg2000Frame(column, row);
    }

    @Override
    public boolean jpeg2000Ycbcr(int level) { return levelParts.get(checked(level)).get(0).jpeg2000Ycbcr(); }

    @Override
    public RgbImage readRegion(RegionRequest request) throws IOException { return Regions.read(this, request); }

    private int checked(int level) {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        return level;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (WsiInstance i : instances) {
            try {
                i.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
