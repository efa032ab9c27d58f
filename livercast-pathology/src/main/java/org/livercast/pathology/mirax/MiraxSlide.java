package org.livercast.pathology.mirax;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.livercast.pathology.slide.JpegImages;
import org.livercast.pathology.slide.KeyFile;
import org.livercast.pathology.slide.JpegFrameHeader;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Mosaic;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.SlideProperties;
import org.livercast.pathology.slide.TileCache;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.TileCodecs;
import org.livercast.pathology.tiff.TiffException;

/**
 * A 3DHISTECH MIRAX slide (.mrxs), read as OpenSlide reads it: the {@code .mrxs} file names the slide, and the folder
 * beside it of the same name holds Slidedat.ini (the slide's description), Index.dat (where each image lies) and the
 * data files (the images: JPEG, PNG or 24-bit BMP). Levels are the zoom levels; each is served in tiles of 256 pixels
 * composed from the stored images placed as {@link MiraxLayout} says, on the slide's fill colour (OpenSlide leaves
 * what no image covers transparent and gives the fill colour as openslide.background-color). The macro, label and
 * preview are the associated images "macro", "label" and "thumbnail". Properties: every Slidedat.ini value as
 * {@code mirax.GROUP.KEY}, with OpenSlide's vendor, objective power, MPP and background colour.
 */
public final class MiraxSlide implements WholeSlide {
    static final int TILE = 256;
    public static final String EXTENSION = ".mrxs";
    static final String SLIDEDAT = "Slidedat.ini";
    private static final String MISSING_SLIDEDAT = "a MIRAX slide's folder holds its Slidedat.ini";

    private static final String GENERAL = "GENERAL";
    private static final String HIERARCHICAL = "HIERARCHICAL";
    private static final String DATAFILE = "DATAFILE";
    static final String ZOOM_LEVEL = "Slide zoom level";
    static final String SCAN_DATA_LAYER = "Scan data layer";
    static final String POSITION_BUFFER = "VIMSLIDE_POSITION_BUFFER";
    static final String STITCHING_LAYER = "StitchingIntensityLayer";
    /** OpenSlide's associated image names, the Scan data layer value that holds each, and the key giving its format. */
    static final String[][] ASSOCIATED = {
        {"macro", "ScanDataLayer_SlideThumbnail", "THUMBNAIL_IMAGE_TYPE"},
        {"label", "ScanDataLayer_SlideBarcode", "BARCODE_IMAGE_TYPE"},
        {"thumbnail", "ScanDataLayer_SlidePreview", "PREVIEW_IMAGE_TYPE"},
    };

    private final Path mrxs;
    private final KeyFile ini;
    private final MiraxIndex index;
    private final List<Path> dataFiles;
    private final FileChannel[] channels;
    /** Each zoom level's section of Slidedat.ini: its images' size, format and fill colour. */
    private final List<MiraxLayout.Section> sections;
    private final List<Level> levels;
    private final List<Mosaic> mosaics;
    /** Each zoom level's stored images, as the index lists them. */
    private final List<List<MiraxIndex.ImageRecord>> images;
    private final Map<String, MiraxIndex.DataRecord> associated = new LinkedHashMap<>();
    private final Map<String, String> properties;
    private final TileCache composed = new TileCache(TileCache.DEFAULT_CAPACITY);
    private final TileCache decoded;

    private MiraxSlide(Path mrxs) throws IOException {
        this.mrxs = mrxs;
        Path folder = folder(mrxs);
        this.ini = KeyFile.read(folder.resolve(SLIDEDAT), MISSING_SLIDEDAT);
        String slideId = ini.required(GENERAL, "SLIDE_ID");
        int imagesAcross = positive(GENERAL, "IMAGENUMBER_X");
        int imagesDown = positive(GENERAL, "IMAGENUMBER_Y");
        int objective = ini.integer(GENERAL, "OBJECTIVE_MAGNIFICATION");
        int divisions = ini.integer(GENERAL, "CameraImageDivisionsPerSide", 1);
        if (divisions <= 0) throw new TiffException(ini.file() + ": [GENERAL] CameraImageDivisionsPerSide = " + divisions + " is not positive");

        int hierCount = positive(HIERARCHICAL, "HIER_COUNT");
        int nonhierCount = ini.integer(HIERARCHICAL, "NONHIER_COUNT");
        if (nonhierCount < 0) throw new TiffException(ini.file() + ": [HIERARCHICAL] NONHIER_COUNT is negative");
        int zoomHier = -1;
        for (int i = 0; i < hierCount && zoomHier < 0; i++) if (ZOOM_LEVEL.equals(ini.required(HIERARCHICAL, "HIER_" + i + "_NAME"))) zoomHier = i;
        if (zoomHier != 0) {
            throw new TiffException(ini.file() + ": [HIERARCHICAL] " + (zoomHier < 0 ? "names no '" + ZOOM_LEVEL + "'" : "has '" + ZOOM_LEVEL + "' as HIER_" + zoomHier + ", not HIER_0"));
        }
        int zoomLevels = positive(HIERARCHICAL, "HIER_0_COUNT");
        List<MiraxLayout.Section> sections = new ArrayList<>();
        for (int k = 0; k < zoomLevels; k++) sections.add(section(ini.required(HIERARCHICAL, "HIER_0_VAL_" + k + "_SECTION"), k));

        int files = positive(DATAFILE, "FILE_COUNT");
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < files; i++) paths.add(folder.resolve(ini.required(DATAFILE, "FILE_" + i)));
        this.dataFiles = List.copyOf(paths);
        this.channels = new FileChannel[files];

        try {
            this.index = MiraxIndex.read(folder.resolve(ini.required(HIERARCHICAL, "INDEXFILE")), slideId);
            List<List<MiraxIndex.ImageRecord>> records = new ArrayList<>();
            for (int k = 0; k < zoomLevels; k++) {
                List<MiraxIndex.ImageRecord> level = index.images(k);
                for (MiraxIndex.ImageRecord r : level) dataFile(r.fileNumber(), "zoom level " + k + " image " + r.imageIndex());
                records.add(level);
            }

            int concat0 = 1 << sections.get(0).concatExponent();
            int photosAcross = imagesAcross / divisions;
            int photos = photosAcross * (imagesDown / divisions);
            int vimslide = nonhierOffset(nonhierCount, POSITION_BUFFER, null);
            int stitching = vimslide < 0 ? nonhierOffset(nonhierCount, STITCHING_LAYER, null) : -1;
            int[] positions;
            if (vimslide >= 0 || stitching >= 0) {
                MiraxIndex.DataRecord r = index.data(Math.max(vimslide, stitching));
                String where = dataFile(r.fileNumber(), "the camera positions") + " at " + r.offset();
                positions = CameraPositions.parse(bytes(r, "the camera positions"), stitching >= 0, photos, concat0, where);
            } else {
                MiraxLayout.Section s0 = sections.get(0);
                positions = CameraPositions.nominal(photosAcross, photos, s0.imageWidth() * divisions, s0.imageHeight() * divisions, s0.overlapX(), s0.overlapY());
            }
            boolean subdivide = vimslide >= 0 || stitching >= 0 || sections.get(0).overlapX() != 0 || sections.get(0).overlapY() != 0;
            this.images = List.copyOf(records);
            this.sections = List.copyOf(sections);
            List<MiraxLayout.LevelLayout> layouts = MiraxLayout.of(imagesAcross, imagesDown, divisions, sections, records, positions, subdivide, ini.file().toString());

            for (String[] a : ASSOCIATED) {
                int record = nonhierOffset(nonhierCount, SCAN_DATA_LAYER, a[1]);
                if (record < 0) continue;
                String section = nonhierSection(nonhierCount, a[1]);
                String format = ini.required(section, a[2]);
                if (!"JPEG".equals(format)) throw new TiffException(ini.file() + ": [" + section + "] " + a[2] + " = " + format + ": only JPEG associated images are read");
                MiraxIndex.DataRecord r = index.data(record);
                dataFile(r.fileNumber(), "the " + a[0] + " image");
                associated.put(a[0], r);
            }

            List<Level> lv = new ArrayList<>();
            List<Mosaic> ms = new ArrayList<>();
            for (MiraxLayout.LevelLayout l : layouts) {
                lv.add(new Level(l.index(), l.width(), l.height(), l.downsample(), TILE, TILE, -1));
                MiraxLayout.Section s = l.section();
                ms.add(new Mosaic(l.width(), l.height(), s.imageWidth(), s.imageHeight(), s.fillRgb(), TILE, l.parts()));
            }
            this.levels = List.copyOf(lv);
            this.mosaics = List.copyOf(ms);
            MiraxLayout.Section s0 = sections.get(0);
            this.decoded = new TileCache(Math.max(4, TileCache.DEFAULT_CAPACITY * TILE * TILE / (s0.imageWidth() * s0.imageHeight())));
            this.properties = properties(objective, s0);
        } catch (IOException | RuntimeException e) {
            close();                                          // the data files opened to read the positions
            throw e;
        }
    }

    /** The folder beside {@code file.mrxs}: {@code file}. */
    public static Path folder(Path mrxs) {
        String name = mrxs.getFileName().toString();
        return mrxs.resolveSibling(name.substring(0, name.length() - EXTENSION.length()));
    }

    /** Whether {@code path} is a MIRAX slide: a .mrxs file with a folder of the same name holding Slidedat.ini. */
    public static boolean is(Path path) {
        String name = path.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(EXTENSION) && Files.isRegularFile(path) && Files.isRegularFile(folder(path).resolve(SLIDEDAT));
    }

    public static MiraxSlide open(Path mrxs) throws IOException {
        if (!mrxs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION)) throw new TiffException(mrxs + ": not a MIRAX slide (.mrxs)");
        if (!Files.isRegularFile(mrxs)) throw new TiffException(mrxs + ": missing");
        return new MiraxSlide(mrxs);
    }

    /**
     * What identifies the patient in a MIRAX slide's description, without opening its images: the slide's name (the
     * scanner's operator types the case number, at times the name) and the barcode's value.
     */
    public static List<String> identifiers(Path mrxs) throws IOException {
        KeyFile ini = KeyFile.read(folder(mrxs).resolve(SLIDEDAT), MISSING_SLIDEDAT);
        List<String> out = new ArrayList<>();
        String name = ini.value(GENERAL, "SLIDE_NAME");
        if (name != null && !name.isBlank()) out.add(name);
        for (Map<String, String> g : ini.groups().values()) {
            String barcode = g.get("BARCODE_VALUE");
            if (barcode != null && !barcode.isBlank()) out.add(barcode);
        }
        return out;
    }

    private int positive(String group, String key) {
        int v = ini.integer(group, key);
        if (v <= 0) throw new TiffException(ini.file() + ": [" + group + "] " + key + " = " + v + " is not positive");
        return v;
    }

    private MiraxLayout.Section section(String name, int k) {
        int exponent = ini.integer(name, "IMAGE_CONCAT_FACTOR");
        if (exponent < 0 || k > 0 && exponent == 0) throw new TiffException(ini.file() + ": [" + name + "] IMAGE_CONCAT_FACTOR = " + exponent + " for zoom level " + k);
        String format = ini.required(name, "IMAGE_FORMAT");
        MiraxLayout.ImageFormat f;
        try {
            f = MiraxLayout.ImageFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new TiffException(ini.file() + ": [" + name + "] IMAGE_FORMAT = " + format + " is not JPEG, PNG or BMP24");
        }
        int bgr = ini.integer(name, "IMAGE_FILL_COLOR_BGR");
        int rgb = (bgr << 16 & 0xFF0000) | (bgr & 0xFF00) | (bgr >> 16 & 0xFF);
        int w = positive(name, "DIGITIZER_WIDTH");
        int h = positive(name, "DIGITIZER_HEIGHT");
        return new MiraxLayout.Section(name, exponent, ini.real(name, "OVERLAP_X"), ini.real(name, "OVERLAP_Y"), ini.real(name, "MICROMETER_PER_PIXEL_X"),
                ini.real(name, "MICROMETER_PER_PIXEL_Y"), rgb, f, w, h);
    }

    /**
     * The flat number of a non-hierarchical record: the values of the NONHIER names before it counted, then — when
     * {@code value} is given — its place among its name's values; -1 when absent.
     */
    private int nonhierOffset(int nonhierCount, String name, String value) {
        int offset = 0;
        for (int i = 0; i < nonhierCount; i++) {
            int count = positive(HIERARCHICAL, "NONHIER_" + i + "_COUNT");
            if (name.equals(ini.required(HIERARCHICAL, "NONHIER_" + i + "_NAME"))) {
                if (value == null) return offset;
                for (int j = 0; j < count; j++) if (value.equals(ini.required(HIERARCHICAL, "NONHIER_" + i + "_VAL_" + j))) return offset + j;
                return -1;
            }
            offset += count;
        }
        return -1;
    }

    private String nonhierSection(int nonhierCount, String value) {
        for (int i = 0; i < nonhierCount; i++) {
            for (int j = 0; j < positive(HIERARCHICAL, "NONHIER_" + i + "_COUNT"); j++) {
                if (value.equals(ini.value(HIERARCHICAL, "NONHIER_" + i + "_VAL_" + j))) return ini.required(HIERARCHICAL, "NONHIER_" + i + "_VAL_" + j + "_SECTION");
            }
        }
        throw new IllegalStateException(value);
    }

    private Path dataFile(int number, String what) {
        if (number >= dataFiles.size()) throw new TiffException(index() + ": " + what + " is in data file " + number + "; [DATAFILE] lists " + dataFiles.size());
        return dataFiles.get(number);
    }

    private String index() { return ini.file().resolveSibling(ini.required(HIERARCHICAL, "INDEXFILE")).toString(); }

    private Map<String, String> properties(int objective, MiraxLayout.Section s0) {
        Map<String, String> p = new LinkedHashMap<>();
        ini.groups().forEach((g, keys) -> keys.forEach((k, v) -> p.put("mirax." + g + "." + k, v)));
        p.put("openslide.vendor", "mirax");
        p.put("openslide.objective-power", Integer.toString(objective));
        p.put("openslide.mpp-x", Double.toString(s0.mppX()));
        p.put("openslide.mpp-y", Double.toString(s0.mppY()));
        p.put("openslide.background-color", String.format(Locale.ROOT, "%06X", s0.fillRgb()));
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return List.copyOf(associated.keySet()); }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        levels.get(level).checkTile(column, row);
        return new RgbImage(TILE, TILE, composed.get(level, column, row, () -> compose(level, column, row)));
    }

    /** A level tile: the fill colour, then each part reaching into it, in painting order. */
    private int[] compose(int level, int column, int row) throws IOException {
        List<MiraxIndex.ImageRecord> records = images.get(level);
        return mosaics.get(level).tile(column, row, n -> image(level, (int) n, records.get((int) n)));
    }

    private int[] image(int level, int n, MiraxIndex.ImageRecord r) throws IOException {
        MiraxLayout.Section s = sections.get(level);
        return decoded.get(level, n & 0xFFFFFF, n >>> 24, () -> {
            String what = "zoom level " + level + " image " + r.imageIndex();
            String where = dataFile(r.fileNumber(), what) + " at " + r.offset() + " (" + what + ")";
            return decode(bytes(new MiraxIndex.DataRecord(r.offset(), r.length(), r.fileNumber()), what), s.format(), s.imageWidth(), s.imageHeight(), where);
        });
    }

    private static int[] decode(byte[] b, MiraxLayout.ImageFormat format, int w, int h, String where) throws IOException {
        if (format == MiraxLayout.ImageFormat.JPEG) {
            JpegFrameHeader f;
            try {
                f = JpegFrameHeader.of(b, where);
            } catch (IllegalArgumentException e) {
                throw new TiffException(e.getMessage(), e);
            }
            if (f.width() != w || f.height() != h) throw new TiffException(where + ": a " + f.width() + "x" + f.height() + " JPEG where the level's images are " + w + "x" + h);
            return TileCodecs.decodeJpeg(b, w, h, where);
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(b));
        if (img == null) throw new TiffException(where + ": not a readable " + format + " image");
        if (img.getWidth() != w || img.getHeight() != h) throw new TiffException(where + ": a " + img.getWidth() + "x" + img.getHeight() + " image where the level's images are " + w + "x" + h);
        return RgbImage.of(img).pixels();
    }

    /** A record's bytes from its data file (positional reads: safe from several threads). */
    private byte[] bytes(MiraxIndex.DataRecord r, String what) throws IOException {
        Path file = dataFile(r.fileNumber(), what);
        FileChannel ch = channel(r.fileNumber());
        if (r.offset() + r.length() > ch.size()) {
            throw new TiffException(file + ": " + what + " at " + r.offset() + " (" + r.length() + " bytes) runs beyond the file's " + ch.size() + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate(r.length());
        while (buf.hasRemaining()) {
            if (ch.read(buf, r.offset() + buf.position()) < 0) throw new TiffException(file + ": " + what + " cut short");
        }
        return buf.array();
    }

    private FileChannel channel(int number) throws IOException {
        synchronized (channels) {
            if (channels[number] == null) {
                Path file = dataFiles.get(number);
                if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing ([DATAFILE] FILE_" + number + " of " + ini.file() + ")");
                channels[number] = FileChannel.open(file, StandardOpenOption.READ);
            }
            return channels[number];
        }
    }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        MiraxIndex.DataRecord r = associated.get(name);
        if (r == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associatedImages());
        byte[] b = bytes(r, "the " + name + " image");
        return JpegImages.decode(b, dataFiles.get(r.fileNumber()) + " at " + r.offset() + " (" + name + ")");
    }

    /** The slide's .mrxs file. */
    public Path file() { return mrxs; }

    @Override
    public void close() throws IOException {
        synchronized (channels) {
            for (FileChannel c : channels) if (c != null) c.close();
        }
    }
}
