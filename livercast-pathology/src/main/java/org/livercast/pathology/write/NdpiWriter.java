package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.livercast.pathology.ndpi.NdpiTags;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.Regions;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;

/**
 * Writes a slide as a Hamamatsu NanoZoomer exports it (NDPI): each of the slide's levels one directory holding one
 * JPEG of the whole level, coded in restart intervals of one MCU row (8 pixels) and up to {@code intervalPixels}
 * wide, with each interval's start recorded (MCU_STARTS); levels no larger than {@code singleJpegPixels} are one JPEG
 * without restart markers, as the scanner writes its small levels; the slide's macro, if it has one, as the directory
 * of source lens -1. OpenSlide reads these files as "hamamatsu" — which needs the Software tag to start with
 * "NDP.scan" (OpenSlide 3.4) or the NDPI format flag (4.0); both are written.
 *
 * <p>The level's pixels are read a band at a time from the source, so a level of any size is written in bounded
 * memory. Level sizes should be multiples of 16 × 8 where intervals are written: OpenSlide 3.4 drops a partial interval
 * at the right or bottom edge (LiverCast's reader keeps it).
 */
public final class NdpiWriter {
    /**
     * @param quality          JPEG quality, 0–1
     * @param intervalPixels   widest restart interval (a tile), pixels; the interval is the widest whole number of MCUs
     *                         up to this that divides a row's MCUs
     * @param singleJpegPixels levels of at most this many pixels are one JPEG without restart markers
     * @param recordStarts     whether to write MCU_STARTS (without, a reader scans the JPEG for its markers)
     * @param reference        the slide's reference (barcode) for the REFERENCE tag, or null
     * @param scannerProperties "key=value" pairs for the property map (tag 65449), in order
     */
    public record Options(float quality, int intervalPixels, long singleJpegPixels, boolean recordStarts, String reference,
                          Map<String, String> scannerProperties) {
        public static Options defaults() { return new Options(0.85f, 512, 1024L * 1024, true, null, Map.of()); }

        public Options withReference(String r) { return new Options(quality, intervalPixels, singleJpegPixels, recordStarts, r, scannerProperties); }

        public Options withoutRecordedStarts() { return new Options(quality, intervalPixels, singleJpegPixels, false, reference, scannerProperties); }

        public Options withSingleJpegPixels(long p) { return new Options(quality, intervalPixels, p, recordStarts, reference, scannerProperties); }

        public Options withScannerProperties(Map<String, String> p) { return new Options(quality, intervalPixels, singleJpegPixels, recordStarts, reference, p); }
    }

    private NdpiWriter() {}

    public static void write(WholeSlide slide, Path out, Options o) throws IOException { write(slide, out, o, 0); }

    /**
     * As {@link #write(WholeSlide, Path, Options)}, with {@code gapBytes} left unwritten after the header: a test's way to
     * put a small slide's data and directories beyond 4 GiB (the file is sparse), where NDPI's 64-bit offsets matter.
     */
    static void write(WholeSlide slide, Path out, Options o, long gapBytes) throws IOException {
        double mpp = slide.micronsPerPixel();
        if (!(mpp > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; NDPI records it in each directory");
        String power = slide.properties().get("openslide.objective-power");
        double lens = power == null ? Math.rint(10 / mpp) : Double.parseDouble(power); // 0.5 µm/px is a 20x scan
        Level base = slide.levels().get(0);
        try (TiffWriter w = TiffWriter.ndpi(out)) {
            w.skip(gapBytes);
            List<TiffWriter.Directory> dirs = new ArrayList<>();
            for (Level l : slide.levels()) {
                long start = w.position();
                long[] starts = writeLevel(slide, l, w, o);
                long bytes = w.position() - start;
                double downsample = (double) base.width() / l.width();
                TiffWriter.Directory d = directory(l.width(), l.height(), start, bytes, lens / downsample, mpp * downsample, o);
                if (starts != null && o.recordStarts()) {
                    long[] low = new long[starts.length];
                    long[] high = new long[starts.length];
                    boolean anyHigh = false;
                    for (int i = 0; i < starts.length; i++) {
                        low[i] = starts[i] & 0xFFFFFFFFL;
                        high[i] = starts[i] >>> 32;
                        anyHigh |= high[i] != 0;
                    }
                    d.longs(NdpiTags.MCU_STARTS, low);
                    if (anyHigh) d.longs(NdpiTags.MCU_STARTS_HIGH, high);
                }
                dirs.add(d);
            }
            if (slide.associatedImages().contains("macro")) {
                RgbImage macro = slide.associatedImage("macro");
                RestartIntervalJpeg coder = new RestartIntervalJpeg(o.quality());
                try {
                    byte[] scan = coder.interval(macro.pixels(), macro.width(), macro.height());
                    long start = w.position();
                    byte[] header = coder.header(macro.width(), macro.height(), 0);
                    w.appendContiguous(header, 0, header.length);
                    w.appendContiguous(scan, 0, scan.length);
                    w.appendContiguous(new byte[] {(byte) 0xFF, (byte) 0xD9}, 0, 2);
                    dirs.add(directory(macro.width(), macro.height(), start, w.position() - start, -1, Double.NaN, o));
                } finally {
                    coder.close();
                }
            }
            w.finish(dirs);
        }
    }

    /** One directory's tags; every NDPI directory carries the format flag, source lens and focal plane. */
    private static TiffWriter.Directory directory(long width, long height, long stripAt, long stripBytes, double sourceLens, double mpp, Options o) {
        TiffWriter.Directory d = new TiffWriter.Directory();
        d.longs(Ifd.IMAGE_WIDTH, width).longs(Ifd.IMAGE_LENGTH, height).shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 7)
                .shorts(Ifd.PHOTOMETRIC, 6).ascii(271, "Hamamatsu").ascii(272, "LiverCast synthetic NanoZoomer")
                .longs(Ifd.STRIP_OFFSETS, stripAt).shorts(Ifd.SAMPLES_PER_PIXEL, 3).longs(Ifd.ROWS_PER_STRIP, height)
                .longs(Ifd.STRIP_BYTE_COUNTS, stripBytes).shorts(Ifd.RESOLUTION_UNIT, 3)
                // OpenSlide 3.4 recognises NDPI by this prefix alone.
                .ascii(Ifd.SOFTWARE, "NDP.scan (LiverCast NDPI writer)").shorts(Ifd.YCBCR_SUBSAMPLING, 2, 2)
                .longs(NdpiTags.FORMAT_FLAG, 1).floats(NdpiTags.SOURCE_LENS, sourceLens)
                .signedLongs(NdpiTags.X_OFFSET_NM, 0).signedLongs(NdpiTags.Y_OFFSET_NM, 0).signedLongs(NdpiTags.FOCAL_PLANE, 0);
        if (mpp > 0) d.rational(Ifd.X_RESOLUTION, 10_000.0 / mpp).rational(Ifd.Y_RESOLUTION, 10_000.0 / mpp);
        if (o.reference() != null) d.ascii(NdpiTags.REFERENCE, o.reference());
        if (!o.scannerProperties().isEmpty()) {
            StringBuilder map = new StringBuilder();
            o.scannerProperties().forEach((k, v) -> map.append(k).append('=').append(v).append("\r\n"));
            d.ascii(NdpiTags.PROPERTY_MAP, map.toString());
        }
        return d;
    }

    /** Appends level {@code l} as one JPEG; returns each interval's start (from the strip's start, as NDPI records them), or null without intervals. */
    private static long[] writeLevel(WholeSlide slide, Level l, TiffWriter w, Options o) throws IOException {
        int width = Math.toIntExact(l.width());
        int height = Math.toIntExact(l.height());
        boolean single = (long) width * height <= o.singleJpegPixels();
        if (single && (width > 65_500 || height > 65_500)) {
            throw new IllegalArgumentException("level " + l.index() + " is " + width + "x" + height + ": too wide for one JPEG without restart markers");
        }
        int restartMcus = single ? 0 : RestartIntervalJpeg.restartMcus(width, o.intervalPixels());
        RestartIntervalJpeg.Sink strip = new RestartIntervalJpeg.Sink() {
            @Override public long position() { return w.position(); }

            @Override public void append(byte[] b) throws IOException { w.appendContiguous(b, 0, b.length); }
        };
        return RestartIntervalJpeg.writeImage((y, h) -> Regions.levelPixels(slide, l, 0, y, width, h), width, height, restartMcus, o.quality(), strip);
    }
}
