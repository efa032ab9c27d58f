package org.livercast.pathology.vms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.livercast.pathology.tiff.TiffException;

/**
 * One uncompressed image of a Hamamatsu VMU slide (an NGR file), read as OpenSlide reads it: "GN", then the width,
 * height and column width (32-bit little-endian at bytes 4, 8 and 12) and where the pixels start (at 24). The pixels
 * are stored column by column — each column {@code columnWidth} pixels wide and the image's full height — as three
 * little-endian 16-bit samples a pixel of which 12 bits are used; the top 8 of those 12 are the pixel's value.
 * Tiles are one column wide and 64 rows high.
 */
final class NgrFile implements AutoCloseable {
    static final int TILE_HEIGHT = 64;
    private static final int BYTES_PER_PIXEL = 6;

    private final Path file;
    private final int width;
    private final int height;
    private final int columnWidth;
    private final long pixelsAt;
    private final long size;
    private final FileChannel channel;

    private NgrFile(Path file, String role) throws IOException {
        this.file = file;
        if (!Files.isRegularFile(file)) throw new TiffException(file + ": missing (" + role + ")");
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.size = channel.size();
            ByteBuffer h = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            while (h.hasRemaining()) {
                if (channel.read(h, h.position()) < 0) throw new TiffException(file + ": " + size + " bytes, shorter than an NGR header (28)");
            }
            if (h.get(0) != 'G' || h.get(1) != 'N') throw new TiffException(file + ": does not start with \"GN\"; not an NGR image (" + role + ")");
            this.width = h.getInt(4);
            this.height = h.getInt(8);
            this.columnWidth = h.getInt(12);
            this.pixelsAt = h.getInt(24);
            if (width <= 0 || height <= 0 || columnWidth <= 0 || pixelsAt <= 0) {
                throw new TiffException(file + ": NGR header gives width " + width + ", height " + height + ", column width " + columnWidth
                        + ", pixels at " + pixelsAt + "; each must be positive");
            }
            if (width % columnWidth != 0) throw new TiffException(file + ": width " + width + " is not a whole number of " + columnWidth + "-pixel columns");
            long needed = pixelsAt + (long) width * height * BYTES_PER_PIXEL;
            if (needed > size) throw new TiffException(file + ": " + size + " bytes where a " + width + "x" + height + " NGR image needs " + needed);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static NgrFile open(Path file, String role) throws IOException { return new NgrFile(file, role); }

    int width() { return width; }

    int height() { return height; }

    int columnWidth() { return columnWidth; }

    /** Tile (column, row): {@code columnWidth} × 64 packed RGB, rows below the image's end white. */
    int[] tile(int column, int row) throws IOException {
        int rows = Math.min(TILE_HEIGHT, height - row * TILE_HEIGHT);
        long at = pixelsAt + (long) row * TILE_HEIGHT * columnWidth * BYTES_PER_PIXEL + (long) column * height * columnWidth * BYTES_PER_PIXEL;
        ByteBuffer b = ByteBuffer.allocate(columnWidth * rows * BYTES_PER_PIXEL).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) throw new TiffException(file + ": cut short in tile (" + column + ", " + row + ")");
        }
        int[] px = new int[columnWidth * TILE_HEIGHT];
        java.util.Arrays.fill(px, 0xFFFFFF);
        for (int i = 0; i < columnWidth * rows; i++) {
            int r = (b.getShort(i * 6) & 0xFFFF) >>> 4 & 0xFF;
            int g = (b.getShort(i * 6 + 2) & 0xFFFF) >>> 4 & 0xFF;
            int bl = (b.getShort(i * 6 + 4) & 0xFFFF) >>> 4 & 0xFF;
            px[i] = r << 16 | g << 8 | bl;
        }
        return px;
    }

    @Override
    public void close() throws IOException { channel.close(); }
}
