package org.livercast.pathology.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Writes a slide as a NanoZoomer of the VMS era stored it: {@code NAME.vms}, the key file naming the rest; the
 * full-size image as a grid of JPEG files ({@code NAME.jpg} at (0, 0), {@code NAME(x,y).jpg} the others), each coded
 * in restart intervals one MCU row high (4:2:2, 16 × 8 MCUs); {@code NAME_map2.jpg}, the whole slide small, coded the
 * same way; {@code NAME_macro.jpg}, the glass's photograph, when the source has a macro; and {@code NAME.opt}, the
 * optimisation file: where each MCU row of each JPEG begins, one 40-byte record a row, the JPEGs' rows one after
 * another (OpenSlide 3.4 uses it instead of scanning for the markers).
 *
 * <p>The full-size image is the source's level 0, widened to whole restart intervals and heightened to whole MCU
 * rows with white (glass): every file of the grid then has the same tiles, as OpenSlide requires.
 */
public final class VmsWriter {
    /**
     * @param quality        JPEG quality, 0–1
     * @param intervalPixels widest restart interval (a tile), pixels: the widest whole number of MCUs up to this that
     *                       divides a file's MCUs across
     * @param imagePixels    widest and highest a file of the grid is (rounded down to whole intervals)
     * @param mapDownsample  the map's size against the full-size image: the source level nearest this downsample
     * @param optimisation   whether to write the optimisation file
     * @param comment        the first JPEG's comment (OpenSlide's openslide.comment), or null
     */
    public record Options(float quality, int intervalPixels, int imagePixels, double mapDownsample, boolean optimisation, String comment) {
        public static Options defaults() { return new Options(0.85f, 256, 4096, 16, true, null); }

        public Options withImagePixels(int px) { return new Options(quality, intervalPixels, px, mapDownsample, optimisation, comment); }

        public Options withoutOptimisation() { return new Options(quality, intervalPixels, imagePixels, mapDownsample, false, comment); }

        public Options withComment(String c) { return new Options(quality, intervalPixels, imagePixels, mapDownsample, optimisation, c); }
    }

    /** What was written: the grid of JPEGs, the full-size image's size and every file. */
    public record Result(int columns, int rows, long width, long height, List<Path> files) {}

    private static final int OPTIMISATION_RECORD_BYTES = 40;

    private VmsWriter() {}

    public static Result write(WholeSlide slide, Path vms, Options o) throws IOException {
        String fileName = vms.getFileName().toString();
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".vms")) throw new IllegalArgumentException(vms + ": a VMS slide's name ends in .vms");
        double mpp = slide.micronsPerPixel();
        if (!(mpp > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; a VMS records its physical size");
        String name = fileName.substring(0, fileName.length() - 4);
        Path dir = vms.toAbsolutePath().getParent();
        Level l0 = slide.levels().get(0);
        int restartMcus = Math.max(1, o.intervalPixels() / RestartIntervalJpeg.MCU_WIDTH);
        int tw = restartMcus * RestartIntervalJpeg.MCU_WIDTH;
        int th = RestartIntervalJpeg.MCU_HEIGHT;
        long width = ceilTo(l0.width(), tw);
        long height = ceilTo(l0.height(), th);
        int fileW = Math.max(tw, o.imagePixels() / tw * tw);
        int fileH = Math.max(th, o.imagePixels() / th * th);
        int columns = Math.toIntExact((width + fileW - 1) / fileW);
        int rows = Math.toIntExact((height + fileH - 1) / fileH);

        List<Path> files = new ArrayList<>();
        StringBuilder ini = new StringBuilder("[Virtual Microscope Specimen]\r\n");
        ini.append("NoLayers=1\r\nNoJpegColumns=").append(columns).append("\r\nNoJpegRows=").append(rows).append("\r\n");
        ByteBuffer optimisation = ByteBuffer.allocate(0);
        List<long[]> rowStarts = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                String jpg = name + (c == 0 && r == 0 ? "" : "(" + c + "," + r + ")") + ".jpg";
                long x = (long) c * fileW;
                long y = (long) r * fileH;
                int w = (int) Math.min(fileW, width - x);
                int h = (int) Math.min(fileH, height - y);
                Path f = dir.resolve(jpg);
                rowStarts.add(writeJpeg(f, (yy, hh) -> ScannerPixels.levelPixels(slide, l0, x, y + yy, w, hh), w, h, restartMcus, o,
                        c == 0 && r == 0 ? o.comment() : null));
                files.add(f);
                ini.append(c == 0 && r == 0 ? "ImageFile" : "ImageFile(" + c + "," + r + ")").append('=').append(jpg).append("\r\n");
            }
        }
        Path map = dir.resolve(name + "_map2.jpg");
        rowStarts.add(writeMap(slide, map, o));
        files.add(map);
        ini.append("MapFile=").append(map.getFileName()).append("\r\n");
        if (o.optimisation()) {
            Path opt = dir.resolve(name + ".opt");
            writeOptimisation(opt, rowStarts);
            files.add(opt);
            ini.append("OptimisationFile=").append(opt.getFileName()).append("\r\n");
        }
        if (slide.associatedImages().contains("macro")) {
            RgbImage macro = slide.associatedImage("macro");
            Path m = dir.resolve(name + "_macro.jpg");
            Files.write(m, JpegTiles.whole(macro.pixels(), macro.width(), macro.height(), o.quality()));
            files.add(m);
            ini.append("MacroImage=").append(m.getFileName()).append("\r\n");
        }
        String power = slide.properties().get("openslide.objective-power");
        long lens = power == null ? Math.round(10 / mpp) : Math.round(Double.parseDouble(power));
        ini.append("SourceLens=").append(lens).append("\r\n");
        ini.append("PhysicalWidth=").append(Math.round(width * mpp * 1000)).append("\r\n");
        ini.append("PhysicalHeight=").append(Math.round(height * mpp * 1000)).append("\r\n");
        ini.append("XOffsetFromSlideCentre=0\r\nYOffsetFromSlideCentre=0\r\n");
        Files.writeString(vms, ini, StandardCharsets.US_ASCII);
        files.add(0, vms);
        return new Result(columns, rows, width, height, List.copyOf(files));
    }

    /** The map: the source level nearest the asked downsample, padded with glass to whole intervals and coded like the grid's files. */
    private static long[] writeMap(WholeSlide slide, Path map, Options o) throws IOException {
        Level l = ScannerPixels.nearestLevel(slide, o.mapDownsample());
        int restartMcus = Math.max(1, o.intervalPixels() / RestartIntervalJpeg.MCU_WIDTH);
        int w = Math.toIntExact(ceilTo(l.width(), restartMcus * RestartIntervalJpeg.MCU_WIDTH));
        int h = Math.toIntExact(ceilTo(l.height(), RestartIntervalJpeg.MCU_HEIGHT));
        return writeJpeg(map, (y, hh) -> ScannerPixels.levelPixels(slide, l, 0, y, w, hh), w, h, restartMcus, o, null);
    }

    /** One JPEG file in restart intervals; returns the start of each MCU row (its first interval), from the file's first byte. */
    private static long[] writeJpeg(Path f, RestartIntervalJpeg.Rows rows, int w, int h, int restartMcus, Options o, String comment) throws IOException {
        long[] starts;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            long[] written = {0};
            byte[] com = comment == null ? null : commentSegment(comment);
            RestartIntervalJpeg.Sink sink = new RestartIntervalJpeg.Sink() {
                @Override public long position() { return written[0]; }

                @Override public void append(byte[] b) throws IOException {
                    if (written[0] == 0 && com != null) {
                        // the comment goes after SOI, before the tables
                        out.write(b, 0, 2);
                        out.write(com);
                        out.write(b, 2, b.length - 2);
                        written[0] += com.length;
                    } else {
                        out.write(b);
                    }
                    written[0] += b.length;
                }
            };
            starts = RestartIntervalJpeg.writeImage(rows, w, h, restartMcus, o.quality(), sink);
        }
        int across = (w + restartMcus * RestartIntervalJpeg.MCU_WIDTH - 1) / (restartMcus * RestartIntervalJpeg.MCU_WIDTH);
        long[] rowStarts = new long[starts.length / across];
        for (int r = 0; r < rowStarts.length; r++) rowStarts[r] = starts[r * across];
        return rowStarts;
    }

    private static byte[] commentSegment(String comment) {
        byte[] text = comment.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + text.length + 1);
        b.put((byte) 0xFF).put((byte) 0xFE).putShort((short) (2 + text.length + 1)).put(text).put((byte) 0);
        return b.array();
    }

    /** Each JPEG's MCU-row starts, one 40-byte record a row (the first 8 bytes: the offset, little-endian), in the files' order. */
    private static void writeOptimisation(Path opt, List<long[]> rowStarts) throws IOException {
        int records = rowStarts.stream().mapToInt(a -> a.length).sum();
        ByteBuffer b = ByteBuffer.allocate(records * OPTIMISATION_RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int k = 0;
        for (long[] starts : rowStarts) {
            for (long s : starts) b.putLong(k++ * OPTIMISATION_RECORD_BYTES, s);
        }
        Files.write(opt, b.array());
    }

    private static long ceilTo(long v, int m) { return (v + m - 1) / m * m; }
}
