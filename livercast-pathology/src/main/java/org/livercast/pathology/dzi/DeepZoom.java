package org.livercast.pathology.dzi;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.livercast.pathology.slide.ColourProfile;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RegionRequest;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Deep Zoom for OpenSeadragon: the DZI descriptor and JPEG tiles by (level, column, row), as OpenSlide's
 * DeepZoomGenerator lays them out (level N is the full image, each lower level halves it, tiles of {@code tileSize}
 * with {@code overlap} pixels on interior edges). Each tile is read from the slide level closest to its scale and
 * resized; encoded tiles are kept in a bounded least-recently-used cache. A browser shows an untagged JPEG as sRGB, so
 * a slide whose ICC profile describes another colour space (its scanner's) has its tiles converted to sRGB
 * ({@link ColourProfile}); an sRGB profile, or none, leaves the pixels as stored.
 */
public final class DeepZoom {
    private final WholeSlide slide;
    private final int tileSize;
    private final int overlap;
    private final long width;
    private final long height;
    private final int maxLevel;
    private final Map<String, byte[]> cache;
    private final ColourProfile toSrgb; // null: the pixels are shown as stored

    public DeepZoom(WholeSlide slide, int tileSize, int overlap, int cacheTiles) {
        this.slide = slide;
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.width = slide.levels().get(0).width();
        this.height = slide.levels().get(0).height();
        this.maxLevel = (int) Math.ceil(Math.log(Math.max(width, height)) / Math.log(2));
        this.toSrgb = ColourProfile.forDisplay(slide).orElse(null);
        this.cache = new LinkedHashMap<>(cacheTiles, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) { return size() > cacheTiles; }
        };
    }

    public String descriptor() {
        return String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n<Image xmlns=\"http://schemas.microsoft.com/deepzoom/2008\" "
                + "Format=\"jpeg\" Overlap=\"%d\" TileSize=\"%d\"><Size Height=\"%d\" Width=\"%d\"/></Image>%n", overlap, tileSize, height, width);
    }

    public int maxLevel() { return maxLevel; }

    /** Dimensions of a Deep Zoom level. */
    public long[] levelSize(int level) {
        double scale = Math.pow(2, maxLevel - level);
        return new long[] {Math.max(1, (long) Math.ceil(width / scale)), Math.max(1, (long) Math.ceil(height / scale))};
    }

    public byte[] tile(int level, int column, int row) throws IOException {
        if (level < 0 || level > maxLevel) throw new IllegalArgumentException("Deep Zoom level " + level + " outside 0.." + maxLevel);
        long[] size = levelSize(level);
        long x0 = (long) column * tileSize - (column > 0 ? overlap : 0);
        long y0 = (long) row * tileSize - (row > 0 ? overlap : 0);
        if (column < 0 || row < 0 || x0 >= size[0] || y0 >= size[1]) {
            throw new IllegalArgumentException("tile (" + column + ", " + row + ") is outside Deep Zoom level " + level);
        }
        String key = level + "/" + column + "_" + row;
        synchronized (cache) {
            byte[] hit = cache.get(key);
            if (hit != null) return hit;
        }
        long x1 = Math.min(size[0], (long) (column + 1) * tileSize + overlap);
        long y1 = Math.min(size[1], (long) (row + 1) * tileSize + overlap);
        int w = (int) (x1 - x0);
        int h = (int) (y1 - y0);
        double scale = Math.pow(2, maxLevel - level);
        Level src = slide.levels().get(0);
        for (Level l : slide.levels()) if (l.downsample() <= scale + 1e-9) src = l;
        double rel = scale / src.downsample();
        int sw = Math.max(1, (int) Math.ceil(w * rel));
        int sh = Math.max(1, (int) Math.ceil(h * rel));
        RgbImage region = slide.readRegion(new RegionRequest(src.index(), Math.round(x0 * scale), Math.round(y0 * scale), sw, sh));
        if (toSrgb != null) region = toSrgb.toSrgb(region);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(region.toBufferedImage(), 0, 0, w, h, null);
        g.dispose();
        byte[] jpeg = encode(out);
        synchronized (cache) {
            cache.put(key, jpeg);
        }
        return jpeg;
    }

    private static byte[] encode(BufferedImage img) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream o = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(o);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
