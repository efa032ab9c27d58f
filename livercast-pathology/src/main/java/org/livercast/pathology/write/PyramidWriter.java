package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.tiff.Ifd;

/**
 * Writes a tiled pyramidal TIFF (JPEG tiles sharing one JPEGTables, YCbCr 4:2:0, MPP in the resolution tags) or an
 * Aperio-style SVS (Aperio ImageDescription, thumbnail, label and macro), streaming: level 0 is pulled from a
 * {@link TileSource} one row of tiles at a time, each level keeps only its current row of tiles, and every level is
 * built by 2×2 averaging of the one above — memory is a few tile rows, whatever the slide's size. Levels are added
 * until one fits in a single tile. Directories go at the end of the file.
 */
public final class PyramidWriter {
    private PyramidWriter() {}

    public static void write(TileSource source, Path out, SlideWriteOptions o) throws IOException {
        long estimate = source.width() * source.height() * 3 / 8;
        try (TiffWriter w = new TiffWriter(out, estimate > 3_500_000_000L)) {
            JpegTiles jpeg = new JpegTiles(o.jpegQuality());
            List<LevelStream> levels = new ArrayList<>();
            long lw = source.width();
            long lh = source.height();
            do {
                levels.add(new LevelStream(levels.size(), lw, lh, o.tileSize(), w, jpeg));
                lw = Math.max(1, (lw + 1) / 2);
                lh = Math.max(1, (lh + 1) / 2);
            } while (levels.get(levels.size() - 1).width > o.tileSize() || levels.get(levels.size() - 1).height > o.tileSize());
            for (int i = 0; i + 1 < levels.size(); i++) levels.get(i).next = levels.get(i + 1);
            LevelStream top = levels.get(0);
            int t = o.tileSize();
            for (long y = 0; y < source.height(); y += t) {
                int rows = (int) Math.min(t, source.height() - y);
                int[] strip = new int[(int) source.width() * rows];
                for (long x = 0; x < source.width(); x += t) {
                    int cols = (int) Math.min(t, source.width() - x);
                    int[] tile = source.read(x, y, cols, rows);
                    for (int r = 0; r < rows; r++) System.arraycopy(tile, r * cols, strip, (int) (r * source.width() + x), cols);
                }
                top.addRows(strip, rows);
            }
            top.flush();
            List<TiffWriter.Directory> dirs = new ArrayList<>();
            for (LevelStream l : levels) {
                dirs.add(l.directory(o, jpeg.tables(), source.width(), source.height(), w.big()));
                if (o.aperio() && l.index == 0) dirs.add(stripped(w, thumbnail(levels.get(levels.size() - 1)), "Aperio Image Library LiverCast\nthumbnail"));
            }
            if (o.aperio()) {
                // OpenSlide names an Aperio associated image by the first word of its description's second line.
                for (var e : o.associated().entrySet()) {
                    dirs.add(stripped(w, e.getValue(), "Aperio Image Library LiverCast\n" + e.getKey() + " "
                            + e.getValue().width() + "x" + e.getValue().height()));
                }
            }
            w.finish(dirs);
        }
    }

    /** An uncompressed, single-strip RGB image directory (thumbnail, label, macro). */
    private static TiffWriter.Directory stripped(TiffWriter w, RgbImage img, String description) throws IOException {
        byte[] rgb = img.rgbBytes();
        long at = w.append(rgb);
        return new TiffWriter.Directory()
                .longs(Ifd.NEW_SUBFILE_TYPE, 1)
                .longs(Ifd.IMAGE_WIDTH, img.width()).longs(Ifd.IMAGE_LENGTH, img.height())
                .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 1).shorts(Ifd.PHOTOMETRIC, 2)
                .ascii(Ifd.IMAGE_DESCRIPTION, description)
                .offsets(Ifd.STRIP_OFFSETS, w.big(), at).shorts(Ifd.SAMPLES_PER_PIXEL, 3).longs(Ifd.ROWS_PER_STRIP, img.height())
                .longs(Ifd.STRIP_BYTE_COUNTS, rgb.length).shorts(Ifd.PLANAR_CONFIGURATION, 1);
    }

    private static RgbImage thumbnail(LevelStream smallest) { return smallest.lastImage(); }

    /** One level being written: the current row of tiles, the offsets written so far, and the level below. */
    private static final class LevelStream {
        final int index;
        final long width;
        final long height;
        final int tile;
        final TiffWriter out;
        final JpegTiles jpeg;
        final int tilesAcross;
        final long[] offsets;
        final long[] counts;
        LevelStream next;
        int[] buffer;
        int bufferedRows;
        long rowsDone;
        int[] pendingPair;
        int pendingRows;
        RgbImage last;

        LevelStream(int index, long width, long height, int tile, TiffWriter out, JpegTiles jpeg) {
            this.index = index;
            this.width = width;
            this.height = height;
            this.tile = tile;
            this.out = out;
            this.jpeg = jpeg;
            this.tilesAcross = (int) ((width + tile - 1) / tile);
            int tilesDown = (int) ((height + tile - 1) / tile);
            this.offsets = new long[tilesAcross * tilesDown];
            this.counts = new long[offsets.length];
            this.buffer = new int[(int) width * tile];
        }

        /** Takes {@code n} full-width pixel rows of this level. */
        void addRows(int[] rows, int n) throws IOException {
            int w = (int) width;
            int done = 0;
            while (done < n) {
                int take = Math.min(n - done, tile - bufferedRows);
                System.arraycopy(rows, done * w, buffer, bufferedRows * w, take * w);
                bufferedRows += take;
                done += take;
                if (bufferedRows == tile || rowsDone + bufferedRows == height) writeRowOfTiles();
            }
            if (next != null) downsample(rows, n);
        }

        private void writeRowOfTiles() throws IOException {
            int w = (int) width;
            int tileRow = (int) (rowsDone / tile);
            for (int tx = 0; tx < tilesAcross; tx++) {
                int[] t = new int[tile * tile];
                java.util.Arrays.fill(t, 0xFFFFFF);
                int cols = Math.min(tile, w - tx * tile);
                for (int r = 0; r < bufferedRows; r++) System.arraycopy(buffer, r * w + tx * tile, t, r * tile, cols);
                byte[] data = jpeg.encode(t, tile, tile);
                int idx = tileRow * tilesAcross + tx;
                offsets[idx] = out.append(data);
                counts[idx] = data.length;
            }
            if (width <= tile && height <= tile) {
                int[] copy = new int[w * bufferedRows];
                System.arraycopy(buffer, 0, copy, 0, copy.length);
                last = new RgbImage(w, bufferedRows, copy);
            }
            rowsDone += bufferedRows;
            bufferedRows = 0;
        }

        /** 2×2 box average into the next level; an odd last row is kept until more rows (or the flush) come. */
        private void downsample(int[] rows, int n) throws IOException {
            int w = (int) width;
            int total = n + pendingRows;
            int[] all = rows;
            if (pendingRows > 0) {
                all = new int[total * w];
                System.arraycopy(pendingPair, 0, all, 0, w);
                System.arraycopy(rows, 0, all, w, n * w);
            }
            int pairs = total / 2;
            if (pairs > 0) next.addRows(halve(all, pairs, false), pairs);
            if (total % 2 == 1) {
                pendingPair = new int[w];
                System.arraycopy(all, (total - 1) * w, pendingPair, 0, w);
                pendingRows = 1;
            } else {
                pendingRows = 0;
            }
        }

        /** Averages row pairs (or, for the last odd row, the row with itself) and column pairs. */
        private int[] halve(int[] all, int outRows, boolean single) {
            int w = (int) width;
            int nw = (int) next.width;
            int[] out = new int[nw * outRows];
            for (int r = 0; r < outRows; r++) {
                int r0 = single ? r : 2 * r;
                int r1 = single ? r : 2 * r + 1;
                for (int x = 0; x < nw; x++) {
                    int x0 = 2 * x;
                    int x1 = Math.min(2 * x + 1, w - 1);
                    out[r * nw + x] = average(all[r0 * w + x0], all[r0 * w + x1], all[r1 * w + x0], all[r1 * w + x1]);
                }
            }
            return out;
        }

        /** Writes what is left of this level, hands an odd last row down, then flushes the levels below. */
        void flush() throws IOException {
            if (bufferedRows > 0) writeRowOfTiles();
            if (next != null) {
                if (pendingRows > 0) {
                    next.addRows(halve(pendingPair, 1, true), 1);
                    pendingRows = 0;
                }
                next.flush();
            }
        }

        RgbImage lastImage() { return last; }

        TiffWriter.Directory directory(SlideWriteOptions o, byte[] tables, long w0, long h0, boolean big) {
            double mpp = o.mpp() * Math.pow(2, index);
            TiffWriter.Directory d = new TiffWriter.Directory();
            if (index > 0) d.longs(Ifd.NEW_SUBFILE_TYPE, 1);
            d.longs(Ifd.IMAGE_WIDTH, width).longs(Ifd.IMAGE_LENGTH, height)
                    .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 7).shorts(Ifd.PHOTOMETRIC, 6)
                    .ascii(Ifd.IMAGE_DESCRIPTION, description(o, w0, h0))
                    .shorts(Ifd.SAMPLES_PER_PIXEL, 3)
                    .rational(Ifd.X_RESOLUTION, 10_000.0 / mpp).rational(Ifd.Y_RESOLUTION, 10_000.0 / mpp)
                    .shorts(Ifd.PLANAR_CONFIGURATION, 1).shorts(Ifd.RESOLUTION_UNIT, 3)
                    .ascii(Ifd.SOFTWARE, "LiverCast")
                    .longs(Ifd.TILE_WIDTH, tile).longs(Ifd.TILE_LENGTH, tile)
                    .offsets(Ifd.TILE_OFFSETS, big, offsets).offsets(Ifd.TILE_BYTE_COUNTS, big, counts)
                    .undefined(Ifd.JPEG_TABLES, tables)
                    .shorts(Ifd.YCBCR_SUBSAMPLING, 2, 2);
            if (index == 0 && o.iccProfile() != null) d.undefined(Ifd.ICC_PROFILE, o.iccProfile());
            return d;
        }

        private String description(SlideWriteOptions o, long w0, long h0) {
            if (!o.aperio()) return o.description() == null ? "LiverCast" : o.description();
            String size = index == 0 ? w0 + "x" + h0 + " [0,0 " + w0 + "x" + h0 + "]" : w0 + "x" + h0 + " -> " + width + "x" + height;
            return String.format(Locale.ROOT, "Aperio Image Library LiverCast%n%s (%dx%d) JPEG/YCbCr Q=%d|AppMag = %d|MPP = %s",
                    size, tile, tile, Math.round(o.jpegQuality() * 100), o.objectivePower(), Double.toString(o.mpp())).replace("\n", "\r\n");
        }

        private static int average(int a, int b, int c, int d) {
            int r = ((a >> 16 & 0xFF) + (b >> 16 & 0xFF) + (c >> 16 & 0xFF) + (d >> 16 & 0xFF) + 2) >> 2;
            int g = ((a >> 8 & 0xFF) + (b >> 8 & 0xFF) + (c >> 8 & 0xFF) + (d >> 8 & 0xFF) + 2) >> 2;
            int bl = ((a & 0xFF) + (b & 0xFF) + (c & 0xFF) + (d & 0xFF) + 2) >> 2;
            return r << 16 | g << 8 | bl;
        }
    }
}
