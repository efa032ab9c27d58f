package org.livercast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.livercast.pathology.mirax.MiraxSlide;
import org.livercast.pathology.slide.TiffSlide;
import org.livercast.pathology.write.MiraxWriter;
import org.livercast.pathology.write.NdpiWriter;
import org.livercast.pathology.write.VentanaBifWriter;
import org.livercast.pathology.write.SakuraWriter;
import org.livercast.pathology.write.TrestleWriter;
import org.livercast.pathology.write.VmsWriter;

/**
 * Writes a TIFF slide as a scanner vendor stores it, with the writer's defaults: {@code ndpi} (Hamamatsu: each level one
 * JPEG in restart intervals), {@code mirax} (3DHISTECH: overlapping photos of 2 x 2 images of 256 px, the scanner's
 * pyramid), {@code bif} (Ventana: tiles of 1,024 px overlapping by 32) or {@code vms} (Hamamatsu's older format: a grid
 * of 4,096-px JPEG files in restart intervals, and a map), {@code svslide} (Sakura: an SQLite database of 256-px tiles, each
 * three greyscale JPEGs) or {@code trestle} (Trestle: 256-px tiles overlapping by 16). Every level is coded again (a VMS codes only level 0 and the
 * map). Prints "seconds megapixels_per_second bytes", the pixels counted over the source's levels, the bytes over every
 * file written.
 */
public final class SlideToVendor {
    private SlideToVendor() {}

    public static void main(String[] args) throws Exception {
        String format = args[0];
        Path in = Path.of(args[1]);
        Path out = Path.of(args[2]);
        long t = System.nanoTime();
        double pixels = 0;
        long extraBytes = 0;
        try (TiffSlide s = TiffSlide.open(in)) {
            switch (format) {
                case "ndpi" -> NdpiWriter.write(s, out, NdpiWriter.Options.defaults());
                // without MCU_STARTS, as some NanoZoomers wrote it: a reader finds the intervals by scanning
                case "ndpi-unrecorded" -> NdpiWriter.write(s, out, NdpiWriter.Options.defaults().withoutRecordedStarts());
                case "mirax" -> MiraxWriter.write(s, out, MiraxWriter.Options.defaults());
                case "bif" -> VentanaBifWriter.write(s, out, VentanaBifWriter.Options.defaults());
                case "vms" -> {
                    // the files beside the .vms count too
                    for (Path f : VmsWriter.write(s, out, VmsWriter.Options.defaults()).files()) if (!f.equals(out)) extraBytes += Files.size(f);
                }
                case "svslide" -> SakuraWriter.write(s, out, SakuraWriter.Options.defaults());
                case "trestle" -> TrestleWriter.write(s, out, TrestleWriter.Options.defaults());
                default -> throw new IllegalArgumentException(format + " is not ndpi, ndpi-unrecorded, mirax, bif, vms, svslide or trestle");
            }
            for (var l : s.levels()) pixels += (double) l.width() * l.height();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        long bytes = Files.size(out) + extraBytes;
        if (format.equals("mirax")) {
            try (var files = Files.walk(MiraxSlide.folder(out))) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) bytes += Files.size(f);
            }
        }
        System.out.printf(Locale.ROOT, "%.2f %.1f %d%n", seconds, pixels / 1e6 / seconds, bytes);
    }
}
