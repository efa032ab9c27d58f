package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;

/**
 * Writes a slide as a Hamamatsu VMU (uncompressed): {@code NAME.vmu}; {@code NAME.ngr}, level 0, and
 * {@code NAME_map.ngr}, a smaller level, as NGR images — "GN", width, height, column width, where the pixels start, then
 * the pixels column by column, three little-endian 16-bit samples a pixel of which 12 bits are used (an 8-bit value
 * {@code v} is stored as {@code v × 4095 / 255}, which reads back as {@code v}); and the macro as a JPEG. Uncompressed:
 * six bytes a pixel, for tests and small slides.
 */
public final class VmuWriter {
    private static final int HEADER_BYTES = 32;
    private static final int ROWS_A_READ = 256;

    private VmuWriter() {}

    /**
     * @param columnWidth   pixels a stored column is wide (a tile's width; level widths are cut to whole columns)
     * @param mapDownsample the map is the source level nearest this downsample
     */
    public static List<Path> write(WholeSlide slide, Path vmu, int columnWidth, double mapDownsample) throws IOException {
        String fileName = vmu.getFileName().toString();
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".vmu")) throw new IllegalArgumentException(vmu + ": a VMU slide's name ends in .vmu");
        double mpp = slide.micronsPerPixel();
        if (!(mpp > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; a VMU records its physical size");
        String name = fileName.substring(0, fileName.length() - 4);
        Path dir = vmu.toAbsolutePath().getParent();
        Level l0 = slide.levels().get(0);
        Level map = ScannerPixels.nearestLevel(slide, mapDownsample);
        List<Path> files = new ArrayList<>();
        files.add(vmu);
        Path image = dir.resolve(name + ".ngr");
        long width = writeNgr(slide, l0, image, columnWidth);
        files.add(image);
        Path mapFile = dir.resolve(name + "_map.ngr");
        writeNgr(slide, map, mapFile, Math.min(columnWidth, (int) map.width()));
        files.add(mapFile);
        StringBuilder ini = new StringBuilder("[Uncompressed Virtual Microscope Specimen]\r\nNoLayers=1\r\n");
        ini.append("ImageFile=").append(image.getFileName()).append("\r\nMapFile=").append(mapFile.getFileName()).append("\r\n");
        if (slide.associatedImages().contains("macro")) {
            RgbImage macro = slide.associatedImage("macro");
            Path m = dir.resolve(name + "_macro.jpg");
            Files.write(m, JpegTiles.whole(macro.pixels(), macro.width(), macro.height(), 0.9f));
            files.add(m);
            ini.append("MacroImage=").append(m.getFileName()).append("\r\n");
        }
        String power = slide.properties().get("openslide.objective-power");
        ini.append("BitsPerPixel=36\r\nPixelOrder=RGB\r\n");
        ini.append("SourceLens=").append(power == null ? Math.round(10 / mpp) : Math.round(Double.parseDouble(power))).append("\r\n");
        ini.append("PhysicalWidth=").append(Math.round(width * mpp * 1000)).append("\r\n");
        ini.append("PhysicalHeight=").append(Math.round(l0.height() * mpp * 1000)).append("\r\n");
        Files.writeString(vmu, ini, StandardCharsets.US_ASCII);
        return List.copyOf(files);
    }

    /** Level {@code l} as an NGR file, cut to whole columns; returns the width written. */
    private static long writeNgr(WholeSlide slide, Level l, Path f, int columnWidth) throws IOException {
        int cw = Math.max(1, columnWidth);
        int columns = (int) (l.width() / cw);
        if (columns == 0) throw new IllegalArgumentException("level " + l.index() + " is narrower than one " + cw + "-pixel column");
        int width = columns * cw;
        int height = Math.toIntExact(l.height());
        try (FileChannel out = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            h.put(0, (byte) 'G').put(1, (byte) 'N').putInt(4, width).putInt(8, height).putInt(12, cw).putInt(24, HEADER_BYTES);
            out.write(h);
            for (int c = 0; c < columns; c++) {
                for (int y = 0; y < height; y += ROWS_A_READ) {
                    int rows = Math.min(ROWS_A_READ, height - y);
                    int[] px = org.livercast.pathology.slide.Regions.levelPixels(slide, l, (long) c * cw, y, cw, rows);
                    ByteBuffer b = ByteBuffer.allocate(px.length * 6).order(ByteOrder.LITTLE_ENDIAN);
                    for (int v : px) b.putShort(twelveBits(v >> 16 & 0xFF)).putShort(twelveBits(v >> 8 & 0xFF)).putShort(twelveBits(v & 0xFF));
                    b.flip();
                    while (b.hasRemaining()) out.write(b);
                }
            }
        }
        return width;
    }

    private static short twelveBits(int v) { return (short) (v * 4095 / 255); }
}
