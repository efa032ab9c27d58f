package org.livercast.pathology.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livercast.pathology.slide.Level;
import org.livercast.pathology.slide.RgbImage;
import org.livercast.pathology.slide.WholeSlide;
import org.livercast.pathology.tiff.Ifd;

/**
 * Writes a slide as a Trestle (MedScan) scanner stored it: a tiled TIFF, a directory a level, whose JPEG tiles overlap
 * their right and lower neighbours by {@code overlapPixels} (the camera's fields), the overlaps, objective power and
 * background in the ImageDescription ("name=value;…", "OverlapsXY= x y x y …"), the microns per pixel in the X and Y
 * resolution (Trestle's own use of those tags), Software "MedScan"; the glass's photograph as a JPEG beside it, NAME.Full.
 * Each level is padded with glass (white) to whole tiles, so a directory is exactly its tiles across and down.
 */
public final class TrestleWriter {
    /**
     * @param tilePixels    side of a tile
     * @param overlapPixels how far a tile overlaps the next, at every level
     * @param quality       JPEG quality, 0–1
     */
    public record Options(int tilePixels, int overlapPixels, float quality) {
        public static Options defaults() { return new Options(256, 16, 0.9f); }
    }

    private TrestleWriter() {}

    /** Writes {@code slide} to {@code out} (and NAME.Full beside it when the slide has a macro); returns the files written. */
    public static List<Path> write(WholeSlide slide, Path out, Options o) throws IOException {
        double mpp = slide.micronsPerPixel();
        if (!(mpp > 0)) throw new IllegalArgumentException("the slide states no microns per pixel; a Trestle slide records it in its resolution");
        int t = o.tilePixels();
        int advance = t - o.overlapPixels();
        if (t % 16 != 0 || advance <= 0) throw new IllegalArgumentException("tiles of " + t + " px overlapping by " + o.overlapPixels() + ": a tile is a multiple of 16 and more than its overlap");
        String power = slide.properties().get("openslide.objective-power");
        long lens = power == null ? Math.round(10 / mpp) : Math.round(Double.parseDouble(power));
        StringBuilder overlaps = new StringBuilder("OverlapsXY=");
        for (int i = 0; i < slide.levels().size(); i++) overlaps.append(' ').append(o.overlapPixels()).append(' ').append(o.overlapPixels());
        String description = "Background Color=FFFFFF;Objective Power=" + lens + ";JPEG Quality=" + Math.round(o.quality() * 100) + ";" + overlaps;
        List<TiffWriter.Directory> dirs = new ArrayList<>();
        try (TiffWriter w = new TiffWriter(out, false)) {
            JpegTiles jpeg = new JpegTiles(o.quality());
            for (Level l : slide.levels()) {
                long across = l.width() <= t ? 1 : (l.width() - t + advance - 1) / advance + 1;
                long down = l.height() <= t ? 1 : (l.height() - t + advance - 1) / advance + 1;
                long[] offsets = new long[(int) (across * down)];
                long[] counts = new long[offsets.length];
                for (long r = 0; r < down; r++) {
                    for (long c = 0; c < across; c++) {
                        byte[] coded = jpeg.encode(ScannerPixels.levelPixels(slide, l, c * advance, r * advance, t, t), t, t);
                        int k = (int) (r * across + c);
                        offsets[k] = w.append(coded);
                        counts[k] = coded.length;
                    }
                }
                TiffWriter.Directory d = new TiffWriter.Directory().longs(Ifd.IMAGE_WIDTH, across * t).longs(Ifd.IMAGE_LENGTH, down * t)
                        .shorts(Ifd.BITS_PER_SAMPLE, 8, 8, 8).shorts(Ifd.COMPRESSION, 7).shorts(Ifd.PHOTOMETRIC, 6).shorts(Ifd.SAMPLES_PER_PIXEL, 3)
                        .longs(Ifd.TILE_WIDTH, t).longs(Ifd.TILE_LENGTH, t).offsets(Ifd.TILE_OFFSETS, false, offsets)
                        .offsets(Ifd.TILE_BYTE_COUNTS, false, counts).undefined(Ifd.JPEG_TABLES, jpeg.tables()).shorts(Ifd.YCBCR_SUBSAMPLING, 2, 2)
                        .ascii(Ifd.SOFTWARE, "MedScan (LiverCast Trestle writer)");
                double levelMpp = mpp * l.downsample();
                d.rational(Ifd.X_RESOLUTION, levelMpp).rational(Ifd.Y_RESOLUTION, levelMpp).shorts(Ifd.RESOLUTION_UNIT, 1);
                if (dirs.isEmpty()) d.ascii(Ifd.IMAGE_DESCRIPTION, description);
                dirs.add(d);
            }
            w.finish(dirs);
        }
        List<Path> files = new ArrayList<>(List.of(out));
        if (slide.associatedImages().contains("macro")) {
            String name = out.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path full = out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".Full");
            RgbImage m = slide.associatedImage("macro");
            Files.write(full, JpegTiles.whole(m.pixels(), m.width(), m.height(), o.quality()));
            files.add(full);
        }
        return List.copyOf(files);
    }
}
