package org.livercast.pathology.write;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.livercast.pathology.sakura.TileId;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Writes a slide as a Sakura VisionTek scanner stores it (.svslide): an SQLite database whose table of blobs holds the
 * magic, the header (tile size, width, height, focal planes) and each tile as three greyscale JPEGs — red, green, blue —
 * under ids {@code T;x|y;downsample;colour;plane}, also listed in the {@code tile} table by downsample, level-0 position
 * and colour (where OpenSlide 4 looks them up); the slide's and the scan's records (slide id,
 * description, creator, resolution, lens); the label and the overview (macro) as scanned images and the thumbnail.
 * The levels are the source's whose downsample is a power of 2 (as Sakura's are), each cut into square tiles.
 */
public final class SakuraWriter {
    /**
     * @param tilePixels   side of a tile
     * @param quality      JPEG quality of each channel, 0–1
     * @param slideId      the slide's id (the label's text: a pathology number), or ""
     * @param description  free text the operator typed, or ""
     */
    public record Options(int tilePixels, float quality, String slideId, String description) {
        public static Options defaults() { return new Options(256, 0.9f, "", ""); }

        public Options withIdentifiers(String id, String text) { return new Options(tilePixels, quality, id, text); }

        public Options withTiles(int px) { return new Options(px, quality, slideId, description); }
    }

    private static final String BLOB_TABLE = "SVTileStore";

    private SakuraWriter() {}

    /** Writes {@code slide} to {@code out} (replaced if it exists); returns the number of levels written. */
    public static int write(WholeSlide slide, Path out, Options o) throws IOException {
        double mpp = slide.micronsPerPixel();
        if (!(mpp > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; a Sakura slide records its resolution");
        Files.deleteIfExists(out);
        Level l0 = slide.levels().get(0);
        int levels = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out.toAbsolutePath())) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                s.executeUpdate("CREATE TABLE DataManagerSQLiteConfigXPO (OID INTEGER PRIMARY KEY, TableName TEXT)");
                s.executeUpdate("INSERT INTO DataManagerSQLiteConfigXPO (OID, TableName) VALUES (1, '" + BLOB_TABLE + "')");
                s.executeUpdate("CREATE TABLE " + BLOB_TABLE + " (id TEXT PRIMARY KEY, data BLOB)");
                s.executeUpdate("CREATE TABLE tile (OID INTEGER PRIMARY KEY, TILEID TEXT, PYRAMIDLEVEL INTEGER, COLUMNINDEX INTEGER, ROWINDEX INTEGER,"
                        + " COLORINDEX INTEGER)");
                s.executeUpdate("CREATE TABLE SVSlideDataXPO (OID INTEGER PRIMARY KEY, SlideId TEXT, Date TEXT, Description TEXT, Creator TEXT,"
                        + " DiagnosisCode TEXT, Keywords TEXT, m_labelScan INTEGER, m_overviewScan INTEGER)");
                s.executeUpdate("CREATE TABLE SVHRScanDataXPO (OID INTEGER PRIMARY KEY, ParentSlide INTEGER, ScanId TEXT, ResolutionMmPerPix REAL,"
                        + " NominalLensMagnification REAL, FocussingMethod TEXT, ThumbnailImage BLOB, Date TEXT, Name TEXT, Description TEXT)");
                s.executeUpdate("CREATE TABLE SVScannedImageDataXPO (OID INTEGER PRIMARY KEY, Image BLOB)");
            }
            try (PreparedStatement blob = db.prepareStatement("INSERT INTO " + BLOB_TABLE + " (id, data) VALUES (?, ?)");
                 PreparedStatement tile = db.prepareStatement("INSERT INTO tile (TILEID, PYRAMIDLEVEL, COLUMNINDEX, ROWINDEX, COLORINDEX) VALUES (?, ?, ?, ?, ?)")) {
                blob.setString(1, "++MagicBytes");
                blob.setString(2, "SVGigaPixelImage");
                blob.executeUpdate();
                blob.setString(1, "++VersionBytes");
                blob.setString(2, "1.0.0");
                blob.executeUpdate();
                blob.setString(1, "Header");
                // tile size, width, height, (unused), focal planes: one
                blob.setBytes(2, ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(o.tilePixels()).putInt((int) l0.width()).putInt((int) l0.height())
                        .putInt(0).putInt(1).array());
                blob.executeUpdate();
                ImageWriter jpeg = ImageIO.getImageWritersByFormatName("jpeg").next();
                try {
                    for (Level l : slide.levels()) {
                        long d = Math.round(l.downsample());
                        if ((d & (d - 1)) != 0 || Math.abs(l.downsample() - d) > 0.01 * d) continue; // Sakura's levels are powers of 2
                        writeLevel(slide, l, d, o, jpeg, blob, tile);
                        levels++;
                    }
                } finally {
                    jpeg.dispose();
                }
            }
            writeRecords(slide, db, mpp, o);
            db.commit();
        } catch (SQLException e) {
            throw new IOException(out + ": " + e.getMessage(), e);
        }
        return levels;
    }

    private static void writeLevel(WholeSlide slide, Level l, long d, Options o, ImageWriter jpeg, PreparedStatement blob, PreparedStatement tile)
            throws IOException, SQLException {
        int ts = o.tilePixels();
        for (long ty = 0; ty * ts < l.height(); ty++) {
            for (long tx = 0; tx * ts < l.width(); tx++) {
                int w = (int) Math.min(ts, l.width() - tx * ts);
                int h = (int) Math.min(ts, l.height() - ty * ts);
                int[] inside = Regions.levelPixels(slide, l, tx * ts, ty * ts, w, h);
                for (int c = 0; c < 3; c++) {
                    // beyond the level's edge the tile's last row and column are repeated, as a JPEG pads
                    BufferedImage grey = new BufferedImage(ts, ts, BufferedImage.TYPE_BYTE_GRAY);
                    byte[] g = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
                    int shift = 16 - 8 * c;
                    for (int y = 0; y < ts; y++) {
                        for (int x = 0; x < ts; x++) g[y * ts + x] = (byte) (inside[Math.min(y, h - 1) * w + Math.min(x, w - 1)] >> shift);
                    }
                    String id = TileId.of(tx * ts * d, ty * ts * d, d, c, 0);
                    blob.setString(1, id);
                    blob.setBytes(2, encode(jpeg, grey, o.quality()));
                    blob.executeUpdate();
                    tile.setString(1, id);
                    tile.setLong(2, d);
                    tile.setLong(3, tx * ts * d);
                    tile.setLong(4, ty * ts * d);
                    tile.setInt(5, c);
                    tile.executeUpdate();
                }
            }
        }
    }

    private static byte[] encode(ImageWriter jpeg, BufferedImage img, float quality) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            jpeg.setOutput(out);
            ImageWriteParam p = jpeg.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            jpeg.write(null, new IIOImage(img, null, null), p);
        }
        return bytes.toByteArray();
    }

    /** The slide's and the scan's records, the label and overview as scanned images, the thumbnail. */
    private static void writeRecords(WholeSlide slide, Connection db, double mpp, Options o) throws SQLException, IOException {
        Integer label = scannedImage(slide, db, "label", 1);
        Integer overview = scannedImage(slide, db, "macro", 2);
        try (PreparedStatement s = db.prepareStatement("INSERT INTO SVSlideDataXPO (OID, SlideId, Date, Description, Creator, DiagnosisCode, Keywords,"
                + " m_labelScan, m_overviewScan) VALUES (1, ?, '2026-06-30', ?, 'LiverCast', '', '', ?, ?)")) {
            s.setString(1, o.slideId());
            s.setString(2, o.description());
            if (label == null) s.setNull(3, java.sql.Types.INTEGER);
            else s.setInt(3, label);
            if (overview == null) s.setNull(4, java.sql.Types.INTEGER);
            else s.setInt(4, overview);
            s.executeUpdate();
        }
        String power = slide.properties().get("openslide.objective-power");
        double lens = power == null ? Math.rint(10 / mpp) : Double.parseDouble(power);
        try (PreparedStatement s = db.prepareStatement("INSERT INTO SVHRScanDataXPO (OID, ParentSlide, ScanId, ResolutionMmPerPix, NominalLensMagnification,"
                + " FocussingMethod, ThumbnailImage, Date, Name, Description) VALUES (1, 1, 'HR1', ?, ?, 'Auto', ?, '2026-06-30', 'HR', '')")) {
            s.setDouble(1, mpp / 1000);
            s.setDouble(2, lens);
            Level small = slide.levels().get(slide.levels().size() - 1);
            RgbImage thumb = slide.readRegion(new org.livercast.pathology.slide.RegionRequest(small.index(), 0, 0, (int) small.width(), (int) small.height()));
            s.setBytes(3, JpegTiles.whole(thumb.pixels(), thumb.width(), thumb.height(), 0.9f));
            s.executeUpdate();
        }
    }

    private static Integer scannedImage(WholeSlide slide, Connection db, String name, int oid) throws SQLException, IOException {
        if (!slide.associatedImages().contains(name)) return null;
        RgbImage img = slide.associatedImage(name);
        try (PreparedStatement s = db.prepareStatement("INSERT INTO SVScannedImageDataXPO (OID, Image) VALUES (?, ?)")) {
            s.setInt(1, oid);
            s.setBytes(2, JpegTiles.whole(img.pixels(), img.width(), img.height(), 0.9f));
            s.executeUpdate();
        }
        return oid;
    }
}
