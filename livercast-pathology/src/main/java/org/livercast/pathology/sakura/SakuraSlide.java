package org.livercast.pathology.sakura;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.livercast.pathology.slide.GlibNumbers;
import org.livercast.pathology.slide.JpegFrameHeader;
import org.livercast.pathology.slide.JpegImages;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.LevelStorage;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.SlideProperties;
import org.livercast.pathology.slide.TileCache;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.TileCodecs;
import org.livercast.pathology.tiff.TiffException;

/**
 * A Sakura VisionTek slide (.svslide), read as OpenSlide 3.4 reads it: an SQLite database. Its table
 * DataManagerSQLiteConfigXPO names the table of blobs (id, data): "++MagicBytes" is "SVGigaPixelImage", "Header" the
 * tile size, width, height and (at byte 16) the number of focal planes (32-bit little-endian), and each tile is three
 * greyscale JPEGs, red, green and blue, under ids {@code T;x|y;downsample;colour;plane} ({@link TileId}): its level is
 * its downsample (a power of 2), its place in level-0 pixels; the middle focal plane is read. (OpenSlide 4 reads the
 * same ids from the table {@code tile}, which the scanner also writes.) The slide's and the scan's records give sakura.* properties, MPP (ResolutionMmPerPix × 1000) and objective
 * power; the label, the macro (the overview scan) and the thumbnail are JPEG blobs. Reads go through one connection,
 * one at a time.
 */
public final class SakuraSlide implements WholeSlide, LevelStorage {
    static final String MAGIC = "SVGigaPixelImage";
    public static final String EXTENSION = ".svslide";

    private final Path file;
    private final Connection db;
    private final String blobTable;
    private final List<Level> levels;
    private final List<java.util.Set<Long>> tiles; // per level: (row << 32 | column) of the tiles stored (their red ids)
    private int focalPlane;
    private final Map<String, String> properties;
    private final Map<String, String> associatedSql = new LinkedHashMap<>();
    private final TileCache cache = new TileCache(TileCache.DEFAULT_CAPACITY);
    private final PreparedStatement blob;

    private SakuraSlide(Path file) throws IOException {
        this.file = file;
        try {
            // read-only, by the plain path (a URI would need a name with spaces, '?' or '#' escaped)
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            this.db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new TiffException(file + ": not an SQLite database (" + e.getMessage() + "); a Sakura slide is one", e);
        }
        try {
            this.blobTable = blobTable();
            String magic = text("SELECT data FROM " + blobTable + " WHERE id = '++MagicBytes'");
            if (!MAGIC.equals(magic)) throw new TiffException(file + ": ++MagicBytes is '" + magic + "', not " + MAGIC + "; not a Sakura slide");
            ByteBuffer header = ByteBuffer.wrap(bytes("SELECT data FROM " + blobTable + " WHERE id = 'Header'", "the Header blob")).order(ByteOrder.LITTLE_ENDIAN);
            if (header.remaining() < 20) {
                throw new TiffException(file + ": the Header blob has " + header.remaining() + " bytes, not the 20 of tile size, width, height and focal planes");
            }
            long tileSize = Integer.toUnsignedLong(header.getInt(0));
            long width = Integer.toUnsignedLong(header.getInt(4));
            long height = Integer.toUnsignedLong(header.getInt(8));
            int focalPlanes = header.getInt(16);
            if (tileSize == 0 || tileSize > 8192) throw new TiffException(file + ": Header gives a tile size of " + tileSize);
            this.levels = new ArrayList<>();
            this.tiles = new ArrayList<>();
            readTiles((int) tileSize, width, height, focalPlanes);
            this.properties = readProperties();
            for (String[] a : new String[][] {
                    {"label", "SELECT Image FROM SVScannedImageDataXPO JOIN SVSlideDataXPO ON SVSlideDataXPO.m_labelScan = SVScannedImageDataXPO.OID"},
                    {"macro", "SELECT Image FROM SVScannedImageDataXPO JOIN SVSlideDataXPO ON SVSlideDataXPO.m_overviewScan = SVScannedImageDataXPO.OID"},
                    {"thumbnail", "SELECT ThumbnailImage FROM SVHRScanDataXPO JOIN SVSlideDataXPO ON SVHRScanDataXPO.ParentSlide = SVSlideDataXPO.OID"}}) {
                if (associatedDimensions(a[1]) != null) associatedSql.put(a[0], a[1]);
            }
            this.blob = db.prepareStatement("SELECT data FROM " + blobTable + " WHERE id = ?");
        } catch (SQLException e) {
            close(db);
            throw new TiffException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(db);
            throw e;
        }
    }

    public static SakuraSlide open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing");
        return new SakuraSlide(file);
    }

    /** Whether {@code path} is named as a Sakura slide. */
    public static boolean named(Path path) { return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION); }

    /** The quoted name of the table of blobs: DataManagerSQLiteConfigXPO's one row. */
    private String blobTable() throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT quote(TableName) FROM DataManagerSQLiteConfigXPO"); ResultSet r = s.executeQuery()) {
            if (!r.next()) throw new TiffException(file + ": DataManagerSQLiteConfigXPO names no table of blobs");
            String name = r.getString(1);
            if (r.next()) throw new TiffException(file + ": DataManagerSQLiteConfigXPO names more than one table of blobs");
            return name;
        } catch (SQLException e) {
            throw new TiffException(file + ": no DataManagerSQLiteConfigXPO table (" + e.getMessage() + "); not a Sakura slide", e);
        }
    }

    /**
     * Levels from the tile ids of the table of blobs, as OpenSlide 3.4 finds them: "T;x|y;downsample;colour;focal plane"
     * (x, y in level-0 pixels), one level per downsample seen in focal plane 0, {@code width / downsample} wide, tiles
     * read from the middle focal plane. Other ids (the magic, the header, a tile's hash ending in '#') are not tiles.
     */
    private void readTiles(int tileSize, long width, long height, int focalPlanes) throws SQLException {
        int chosen = focalPlanes / 2 + focalPlanes % 2 - 1;
        this.focalPlane = Math.max(0, chosen);
        TreeMap<Long, java.util.Set<Long>> byDownsample = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id FROM " + blobTable); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String id = r.getString(1);
                long[] t = TileId.parse(file, id);
                if (t == null) continue;
                long x = t[0], y = t[1], downsample = t[2];
                int colour = (int) t[3];
                long plane = t[4];
                if (plane == 0 && !byDownsample.containsKey(downsample)) {
                    if ((downsample & (downsample - 1)) != 0) throw new TiffException(file + ": tile " + id + " at downsample " + downsample + ", not a power of 2");
                    byDownsample.put(downsample, new java.util.HashSet<>());
                }
                java.util.Set<Long> present = byDownsample.get(downsample);
                if (present != null && plane == focalPlane && colour == 0 && x % (tileSize * downsample) == 0 && y % (tileSize * downsample) == 0) {
                    present.add(y / (tileSize * downsample) << 32 | x / (tileSize * downsample));
                }
            }
        }
        if (byDownsample.isEmpty()) throw new TiffException(file + ": no tiles (no id \"T;x|y;downsample;colour;plane\" in " + blobTable + ")");
        for (Map.Entry<Long, java.util.Set<Long>> e : byDownsample.entrySet()) {
            long d = e.getKey();
            levels.add(new Level(levels.size(), width / d, height / d, d, tileSize, tileSize, -1));
            tiles.add(e.getValue());
        }
    }

    private Map<String, String> readProperties() throws SQLException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openslide.vendor", "sakura");
        String[][] columns = {{"SVSlideDataXPO", "SlideId"}, {"SVSlideDataXPO", "Date"}, {"SVSlideDataXPO", "Description"}, {"SVSlideDataXPO", "Creator"},
                {"SVSlideDataXPO", "DiagnosisCode"}, {"SVSlideDataXPO", "Keywords"}, {"SVHRScanDataXPO", "ScanId"}, {"SVHRScanDataXPO", "ResolutionMmPerPix"},
                {"SVHRScanDataXPO", "NominalLensMagnification"}, {"SVHRScanDataXPO", "FocussingMethod"}};
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.length; i++) sql.append(i == 0 ? "" : ", ").append(columns[i][0]).append('.').append(columns[i][1]);
        sql.append(" FROM SVSlideDataXPO JOIN SVHRScanDataXPO ON SVHRScanDataXPO.ParentSlide == SVSlideDataXPO.OID");
        try (PreparedStatement s = db.prepareStatement(sql.toString()); ResultSet r = s.executeQuery()) {
            if (r.next()) {
                for (int i = 0; i < columns.length; i++) {
                    String key = "sakura." + columns[i][1];
                    if (columns[i][1].equals("ResolutionMmPerPix") || columns[i][1].equals("NominalLensMagnification")) {
                        p.put(key, GlibNumbers.dtostr(r.getDouble(i + 1)));
                    } else {
                        String v = r.getString(i + 1);
                        if (v != null && !v.isEmpty()) p.put(key, v);
                    }
                }
                double mmpp = r.getDouble(8);
                p.put("openslide.mpp-x", GlibNumbers.dtostr(mmpp * 1000));
                p.put("openslide.mpp-y", GlibNumbers.dtostr(mmpp * 1000));
                p.put("openslide.objective-power", GlibNumbers.dtostr(r.getDouble(9)));
            }
        } catch (SQLException e) {
            // as OpenSlide: a slide without these records has no such properties
        }
        try {
            String version = text("SELECT data FROM " + blobTable + " WHERE id = '++VersionBytes'");
            if (version != null) p.put("sakura.VersionBytes", version);
        } catch (SQLException e) {
            // absent: no version property
        }
        SlideProperties.putLevels(p, levels);
        return Map.copyOf(p);
    }

    private String text(String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            if (!r.next()) return null;
            byte[] b = r.getBytes(1);
            return b == null ? null : new String(b, StandardCharsets.UTF_8);
        }
    }

    private byte[] bytes(String sql, String what) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            if (!r.next() || r.getBytes(1) == null) throw new TiffException(file + ": no " + what);
            return r.getBytes(1);
        }
    }

    /** An associated image's JPEG size, or null where the query gives no image (its absence is not an error, as in OpenSlide). */
    private int[] associatedDimensions(String sql) {
        try {
            byte[] jpeg = bytes(sql, "image");
            JpegFrameHeader f = JpegFrameHeader.of(jpeg, file.toString());
            return new int[] {f.width(), f.height()};
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    public Path file() { return file; }

    @Override
    public List<String> storage(int level) {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        Level l = levels.get(level);
        return List.of(String.format(Locale.ROOT, "table %s: %d of %d tiles stored at downsample %d, each 3 greyscale JPEGs (red, green, blue), focal plane %d",
                blobTable, tiles.get(level).size(), (long) l.tilesAcross() * l.tilesDown(), Math.round(l.downsample()), focalPlane));
    }

    @Override public List<Level> levels() { return levels; }

    @Override public Map<String, String> properties() { return properties; }

    @Override public List<String> associatedImages() { return List.copyOf(associatedSql.keySet()); }

    @Override
    public RgbImage associatedImage(String name) throws IOException {
        String sql = associatedSql.get(name);
        if (sql == null) throw new IllegalArgumentException("no associated image '" + name + "'; this slide has " + associatedImages());
        byte[] jpeg;
        synchronized (db) {
            try {
                jpeg = bytes(sql, "the " + name + " image");
            } catch (SQLException e) {
                throw new TiffException(file + ": the " + name + " image: " + e.getMessage(), e);
            }
        }
        return JpegImages.decode(jpeg, file + " (" + name + ")");
    }

    @Override
    public RgbImage readTile(int level, int column, int row) throws IOException {
        if (level < 0 || level >= levels.size()) throw new IllegalArgumentException("level " + level + " does not exist; the slide has " + levels.size());
        Level l = levels.get(level);
        l.checkTile(column, row);
        return new RgbImage(l.tileWidth(), l.tileHeight(), cache.get(level, column, row, () -> decode(l, column, row)));
    }

    /** A tile from its three greyscale JPEGs; a tile not stored (glass never scanned) is white. */
    private int[] decode(Level l, int column, int row) throws IOException {
        int n = l.tileWidth() * l.tileHeight();
        int[] px = new int[n];
        long d = Math.round(l.downsample());
        if (!tiles.get(l.index()).contains((long) row << 32 | column)) {
            java.util.Arrays.fill(px, 0xFFFFFF);
            return px;
        }
        for (int c = 0; c < 3; c++) {
            String id = TileId.of((long) column * l.tileWidth() * d, (long) row * l.tileHeight() * d, d, c, focalPlane);
            String where = file + ": tile " + id + " (level " + l.index() + ", tile (" + column + ", " + row + "))";
            byte[] jpeg;
            synchronized (db) {
                try {
                    blob.setString(1, id);
                    try (ResultSet r = blob.executeQuery()) {
                        if (!r.next() || r.getBytes(1) == null) throw new TiffException(where + ": no such blob; the tile's other colours are stored");
                        jpeg = r.getBytes(1);
                    }
                } catch (SQLException e) {
                    throw new TiffException(where + ": " + e.getMessage(), e);
                }
            }
            int[] grey = TileCodecs.decodeJpeg(jpeg, l.tileWidth(), l.tileHeight(), where);
            int shift = 16 - 8 * c;
            for (int i = 0; i < n; i++) px[i] |= (grey[i] & 0xFF) << shift;
        }
        return px;
    }

    @Override
    public RgbImage readRegion(RegionRequest r) throws IOException { return Regions.read(this, r); }

    @Override
    public void close() throws IOException {
        synchronized (db) {
            try {
                if (blob != null) blob.close();
            } catch (SQLException e) {
                // closing the connection below closes it too
            }
            close(db);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing more to release
        }
    }
}
